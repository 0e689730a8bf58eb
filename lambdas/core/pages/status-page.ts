/**
 * The participants' status page ("Cek status pengaduan"), rendered on the server as complete HTML:
 * Indonesian, mobile first, no JavaScript, one inline style sheet allowed by its hash in the
 * Content-Security-Policy. Every value put into the page goes through `html`, which escapes it.
 *
 * Three pages: the form asking for the email or phone used (the link alone shows nothing), the
 * status once the contact matched, and the page for a link that holds no ticket reference. An
 * unknown reference and a contact that does not match get the same form with the same notice.
 */
import { createHash } from 'node:crypto';
import type { ParticipantStatus, StepState, TimelineStep } from '../status.ts';
import { expectedAnswerText, STEP_LABELS, stepWhen } from '../status-text.ts';
import { CATEGORY_LABELS, FIELD_REQUESTS } from '../templates.ts';
import type { Category, RequiredField } from '../types.ts';

// ---------------------------------------------------------------- escaping

/** Markup already escaped (or written here): inserted as it is. */
class Markup {
  constructor(readonly value: string) {}
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Value = Markup | string | number | null | undefined | readonly Value[];

const render = (v: Value): string => {
  if (v instanceof Markup) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return v === null || v === undefined ? '' : escapeHtml(String(v));
};

/**
 * A tagged template that escapes every interpolated value unless it is Markup from another `html`
 * call. Written here rather than taken from a template library: it is these few lines, and the
 * Lambda bundle needs nothing else to render three small pages.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

// ---------------------------------------------------------------- style and policy

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1b;background:#f4f6f8}
.brand{background:#0b4f8a;color:#fff;padding:.75rem 1rem}
.brand p{margin:0;font-weight:600;max-width:40rem;margin-inline:auto}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.125rem;margin:0 0 .5rem}
section,form,.notice{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.ref strong{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.125rem;letter-spacing:.02em}
.notice{border-color:#b3261e;border-left-width:.375rem;background:#fff}
.notice p{margin:0 0 .5rem}.notice p:last-child{margin:0}
label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{margin:0 0 .5rem;color:#454f59;font-size:.9375rem}
input{display:block;width:100%;font:inherit;padding:.625rem .75rem;border:2px solid #5a6570;border-radius:.375rem;margin-bottom:.75rem}
input[aria-invalid=true]{border-color:#b3261e}
button{font:inherit;font-weight:600;color:#fff;background:#0b4f8a;border:0;border-radius:.375rem;padding:.625rem 1.25rem;min-height:2.75rem;width:100%}
button:hover{background:#083b68}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.now{font-size:1.125rem;margin:0 0 1rem}
ol.timeline{list-style:none;margin:0;padding:0}
.timeline li{position:relative;padding:0 0 1rem 2.25rem}
.timeline li:last-child{padding-bottom:0}
.timeline li::before{content:"";position:absolute;left:.6875rem;top:1.5rem;bottom:0;width:2px;background:#d0d7de}
.timeline li:last-child::before{display:none}
.mark{position:absolute;left:0;top:0;width:1.5rem;height:1.5rem;border-radius:50%;border:2px solid #5a6570;background:#fff;text-align:center;line-height:1.25rem;font-size:.875rem;font-weight:700}
.done .mark{background:#1a7f37;border-color:#1a7f37;color:#fff}
.current .mark{background:#0b4f8a;border-color:#0b4f8a;color:#fff}
.step{display:block;font-weight:600}
.current .step{color:#0b4f8a}
.state{display:inline-block;font-size:.8125rem;font-weight:600;border-radius:1rem;padding:0 .5rem;margin-left:.25rem;background:#eaeef2;color:#1b1b1b}
.current .state{background:#0b4f8a;color:#fff}
.when{display:block;color:#454f59;font-size:.9375rem}
ul{margin:0 0 .75rem;padding-left:1.25rem}
footer{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:#454f59;font-size:.875rem}
@media (min-width:40rem){button{width:auto}h1{font-size:1.75rem}}
`.trim();

/** The page's Content-Security-Policy: nothing but its own style sheet, forms posting back to it. */
export const STATUS_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// ---------------------------------------------------------------- pages

const SERVICE = 'Layanan Pengaduan Kartu Prakerja';

function page(title: string, body: Markup): string {
  return `<!DOCTYPE html>${
    html`<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title} · ${SERVICE}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<header class="brand"><p>${SERVICE}</p></header>
<main>
${body}
</main>
<footer><p>Demi keamanan, jangan pernah memberikan kode OTP, PIN atau kata sandi kepada siapa pun, termasuk kepada kami.</p></footer>
</body>
</html>
`.value
  }`;
}

/** What went wrong with the last try, shown above the form. */
export type StatusFormNotice =
  /** The form was sent without a contact. */
  | 'no_contact'
  /** The contact is neither an email address nor a phone number. */
  | 'bad_contact'
  /** No ticket with this reference and this contact: the same for an unknown reference and a wrong contact. */
  | 'not_found'
  /** This client tried too often this minute (the per-client quota). */
  | 'too_many';

const NOTICES: Record<StatusFormNotice, string[]> = {
  no_contact: ['Mohon isi email atau nomor HP Anda.'],
  bad_contact: ['Isian itu bukan alamat email atau nomor HP. Contoh: nama@contoh.com atau 08xx-xxxx-xxxx.'],
  not_found: [
    'Kami tidak menemukan pengaduan dengan nomor tiket ini dan email atau nomor HP tersebut.',
    'Periksa kembali isian Anda: gunakan alamat email yang Anda pakai untuk mengirim pengaduan, atau nomor HP yang Anda tuliskan di dalamnya.',
  ],
  too_many: ['Terlalu banyak percobaan dari perangkat Anda dalam satu menit. Silakan coba lagi sebentar lagi.'],
};

/** The form asking for the email or phone used; shows nothing about the ticket. */
export function renderStatusForm(ref: string, notice: StatusFormNotice | null = null): string {
  const invalid = notice === 'no_contact' || notice === 'bad_contact';
  const describedBy = invalid ? 'kontak-bantuan kontak-galat' : 'kontak-bantuan';
  const noticeBlock = notice
    ? html`<div class="notice" role="alert" id="kontak-galat">${NOTICES[notice].map((p) => html`<p>${p}</p>`)}</div>`
    : '';
  return page(
    'Cek status pengaduan',
    html`<h1>Cek status pengaduan</h1>
<p class="ref">Nomor tiket <strong>${ref}</strong></p>
${noticeBlock}
<form method="post">
<label for="kontak">Email atau nomor HP yang Anda pakai saat mengadu</label>
<p class="hint" id="kontak-bantuan">Demi menjaga data Anda, status hanya kami tampilkan setelah Anda mengisi email atau nomor HP yang tercatat pada pengaduan ini.</p>
<input id="kontak" name="kontak" type="text" inputmode="email" autocomplete="email" maxlength="320" required aria-describedby="${describedBy}"${invalid ? new Markup(' aria-invalid="true"') : ''}>
<button type="submit">Lihat status</button>
</form>`,
  );
}

/** A link whose address holds no ticket reference (mistyped or cut off). */
export function renderBadLink(): string {
  return page(
    'Tautan tidak lengkap',
    html`<h1>Tautan tidak lengkap</h1>
<div class="notice" role="alert"><p>Alamat ini tidak memuat nomor tiket yang benar (contoh: PRK-xxxxxxxx).</p>
<p>Buka kembali tautan dari email kami, atau salin seluruh alamatnya sekaligus.</p></div>`,
  );
}

export interface StatusPageView {
  ref: string;
  category: Category;
  missing: readonly RequiredField[];
  status: ParticipantStatus;
}

const STATE_WORDS: Record<StepState, string> = { done: 'Selesai', current: 'Saat ini', upcoming: 'Berikutnya' };
const MARKS: Record<StepState, string> = { done: '✓', current: '•', upcoming: '' };

function timelineItem(s: TimelineStep): Markup {
  const current = s.state === 'current' ? new Markup(' aria-current="step"') : '';
  const when = s.at && s.state !== 'upcoming' ? html`<time datetime="${s.at}">${stepWhen(s)}</time>` : stepWhen(s);
  return html`<li class="${s.state}"${current}><span class="mark" aria-hidden="true">${MARKS[s.state]}</span><span class="step">${STEP_LABELS[s.step]} <span class="state">${STATE_WORDS[s.state]}</span></span><span class="when">${when}</span></li>
`;
}

function missingSection(v: StatusPageView): Markup | string {
  if (v.missing.length === 0) return '';
  return html`<section aria-labelledby="h-perlu">
<h2 id="h-perlu">Yang masih kami perlukan dari Anda</h2>
<ul>${v.missing.map((f) => html`<li>${FIELD_REQUESTS[f].label}, contoh: ${FIELD_REQUESTS[f].example}</li>`)}</ul>
<p>Cara mengirim: balas email dari kami tentang pengaduan ini tanpa mengubah subjeknya (subjeknya memuat nomor tiket ${v.ref}), lalu tuliskan data di atas di badan email.</p>
</section>`;
}

/** The status of a ticket whose contact matched: reference, what we need, when to expect an answer, the timeline. */
export function renderStatusView(v: StatusPageView): string {
  return page(
    `Status ${v.ref}`,
    html`<h1>Status pengaduan</h1>
<p class="ref">Nomor tiket <strong>${v.ref}</strong><br>Kategori: ${CATEGORY_LABELS[v.category]}</p>
<p class="now">Saat ini: <strong>${STEP_LABELS[v.status.current]}</strong></p>
${missingSection(v)}
<section aria-labelledby="h-jawaban">
<h2 id="h-jawaban">Kapan kami menjawab</h2>
<p>${expectedAnswerText(v.status.expected)}</p>
</section>
<section aria-labelledby="h-riwayat">
<h2 id="h-riwayat">Perjalanan pengaduan Anda</h2>
<ol class="timeline">
${v.status.steps.map(timelineItem)}</ol>
</section>`,
  );
}
