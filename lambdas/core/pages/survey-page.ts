/**
 * The survey's pages, rendered on the server as complete HTML documents: the rating form a link
 * opens (its rating preselected, nothing recorded until the form is sent), the thanks after it is
 * sent, and a clear page for every way a link can fail. Indonesian, readable on a phone, no
 * JavaScript, one inline style allowed by the Content-Security-Policy's hash. Pure: every value
 * that reaches the HTML goes through `escapeHtml`, and the comment is the participant's own text.
 */
import { createHash } from 'node:crypto';
import { COMMENT_MAX, RATING_LABELS, RATINGS, type Rating, wibDateTime } from '../survey.ts';

/** For text and attribute values alike (attributes are always double-quoted here). */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f4f6f8}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;line-height:1.3;margin:.5rem 0 1rem}
p{margin:.5rem 0 1rem}
.card{background:#fff;border:1px solid #c9d1d9;border-radius:8px;padding:1rem}
fieldset{border:0;margin:0 0 1rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem}
.scale label{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;margin:.25rem 0;border:1px solid #8c959f;border-radius:6px;background:#fff;cursor:pointer}
.scale input{width:1.25rem;height:1.25rem;margin:0;accent-color:#0b5394}
.scale label:has(input:checked){border:2px solid #0b5394;background:#eaf2fb}
.num{font-weight:700;min-width:1.25rem}
label.block{display:block;font-weight:600;margin-bottom:.25rem}
textarea{width:100%;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #8c959f;border-radius:6px}
.hint{color:#4a5560;font-size:.9rem}
button{font:inherit;font-weight:600;color:#fff;background:#0b5394;border:0;border-radius:6px;padding:.75rem 1.25rem;min-height:3rem;width:100%;cursor:pointer}
:focus-visible{outline:3px solid #e8a200;outline-offset:2px}
.note{border-left:4px solid #0b5394;background:#eaf2fb;padding:.5rem .75rem}
`;

/** The hash the Content-Security-Policy allows the one inline style by. */
const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** No scripts, no outside requests, forms only back to us, never framed. */
export const SURVEY_PAGE_CSP = [
  "default-src 'none'",
  `style-src '${STYLE_HASH}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SIGNATURE = 'Layanan Pengaduan Kartu Prakerja';

function document(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} — ${SIGNATURE}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<p class="hint">${SIGNATURE}</p>
</main>
</body>
</html>
`;
}

export interface SurveyFormView {
  ref: string;
  /** The link's token, sent back with the form. */
  token: string;
  /** The rating to preselect. */
  rating: Rating;
  /** What was recorded before, if anything (the form then changes it). */
  recorded: { rating: Rating; comment: string | null } | null;
  /** Until when the rating can be given or changed. */
  expiresAt: string;
}

/** Where the form is sent: relative, so it works behind any base path the API is served under. */
const FORM_ACTION = 'survey';

function form(v: SurveyFormView, comment: string | null): string {
  const options = RATINGS.map(
    (r) =>
      `<label><input type="radio" name="rating" value="${r}"${r === v.rating ? ' checked' : ''} required> <span class="num">${r}</span> <span>${escapeHtml(RATING_LABELS[r])}</span></label>`,
  ).join('\n');
  return `<form method="post" action="${FORM_ACTION}" class="card">
<input type="hidden" name="t" value="${escapeHtml(v.token)}">
<fieldset class="scale">
<legend>Nilai Anda (1 = sangat tidak puas, 5 = sangat puas)</legend>
${options}
</fieldset>
<label class="block" for="comment">Komentar (tidak wajib)</label>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX}" aria-describedby="comment-hint">${escapeHtml(comment ?? '')}</textarea>
<p class="hint" id="comment-hint">Paling banyak ${COMMENT_MAX} karakter. Jangan tuliskan NIK, nomor kartu, PIN, atau kode OTP.</p>
<button type="submit">Kirim penilaian</button>
</form>`;
}

/** What a link opens: the form with the link's rating chosen. Showing it records nothing. */
export function renderSurveyForm(v: SurveyFormView): string {
  const before = v.recorded
    ? `<p class="note">Anda sudah memberi nilai ${v.recorded.rating} (${escapeHtml(RATING_LABELS[v.recorded.rating])}). Kirim formulir ini bila ingin mengubahnya.</p>`
    : '';
  const body = `<h1>Bagaimana penanganan pengaduan ${escapeHtml(v.ref)}?</h1>
${before}<p>Periksa pilihan Anda, tambahkan komentar bila ingin, lalu tekan <strong>Kirim penilaian</strong>. Nilai baru tercatat setelah formulir dikirim. Penilaian dapat diubah sampai ${escapeHtml(wibDateTime(v.expiresAt))}.</p>
${form(v, v.recorded?.comment ?? null)}`;
  return document(`Penilaian ${v.ref}`, body);
}

/** After the form is sent: what was recorded, and the same form to change it. */
export function renderSurveyThanks(
  v: SurveyFormView & { recorded: { rating: Rating; comment: string | null } },
): string {
  const body = `<h1>Terima kasih atas penilaian Anda</h1>
<p class="note" role="status">Nilai ${v.recorded.rating} (${escapeHtml(RATING_LABELS[v.recorded.rating])}) untuk pengaduan ${escapeHtml(v.ref)} sudah kami catat.</p>
<p>Bila ingin mengubahnya, Anda dapat mengirim ulang formulir di bawah sampai ${escapeHtml(wibDateTime(v.expiresAt))}.</p>
${form({ ...v, rating: v.recorded.rating }, v.recorded.comment)}`;
  return document('Terima kasih', body);
}

/** Every way a survey request can fail, with the HTTP status it is answered with. */
export type SurveyProblem = 'malformed' | 'forged' | 'expired' | 'unknown' | 'bad-form' | 'too-many';

const PROBLEMS: Record<SurveyProblem, { status: number; title: string; text: string }> = {
  malformed: {
    status: 400,
    title: 'Tautan tidak lengkap',
    text: 'Tautan penilaian ini tidak lengkap atau rusak. Buka kembali tautan dari email kami; bila tautan terpotong, salin seluruh alamatnya ke peramban.',
  },
  forged: {
    status: 403,
    title: 'Tautan tidak sah',
    text: 'Tautan penilaian ini tidak kami kenali. Gunakan tautan dari email yang kami kirimkan kepada Anda.',
  },
  expired: {
    status: 410,
    title: 'Masa penilaian sudah berakhir',
    text: 'Tautan penilaian berlaku 14 hari setelah email dikirim, dan masa itu sudah lewat. Terima kasih atas perhatian Anda.',
  },
  unknown: {
    status: 404,
    title: 'Survei tidak ditemukan',
    text: 'Survei untuk tautan ini tidak ada lagi. Bila pengaduan Anda masih bermasalah, balas email kami tanpa mengubah subjeknya.',
  },
  'bad-form': {
    status: 400,
    title: 'Formulir belum lengkap',
    text: `Pilih satu nilai dari 1 sampai 5; komentar paling banyak ${COMMENT_MAX} karakter. Kembali ke halaman sebelumnya untuk memperbaikinya.`,
  },
  'too-many': {
    status: 429,
    title: 'Terlalu banyak permintaan',
    text: 'Terlalu banyak permintaan dari jaringan Anda dalam waktu singkat. Tunggu sebentar, lalu coba lagi.',
  },
};

export function renderSurveyProblem(problem: SurveyProblem): { status: number; html: string } {
  const p = PROBLEMS[problem];
  return { status: p.status, html: document(p.title, `<h1>${escapeHtml(p.title)}</h1>\n<p>${escapeHtml(p.text)}</p>`) };
}
