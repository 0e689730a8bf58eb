/**
 * Indonesian reply texts. Examples are written with x's on purpose: when the participant replies
 * with our mail quoted, an example like "0812-3456-7890" must never be extracted as their data.
 *
 * Nothing a stranger wrote is put into these texts: no name (a "Nama:" line can say anything, and
 * the official address would send it), no subject, no link. Only the ticket reference, our own
 * labels, the masked read-back lines triage computed, and what an agent writes.
 */
import { expectedAnswer, participantStatus, type ReplyProgress } from './status.ts';
import { expectedAnswerText, STEP_LABELS, stepWhen } from './status-text.ts';
import { RATING_LABELS, RATINGS, wibDateTime } from './survey.ts';
import type { Category, RequiredField } from './types.ts';
import { formatWib } from './wib.ts';

export const CATEGORY_LABELS: Record<Category, string> = {
  incentive: 'Insentif & pembayaran',
  certificate: 'Sertifikat & penyelesaian',
  training: 'Pelatihan & saldo',
  account: 'Akun & data diri',
  registration: 'Pendaftaran & seleksi',
  fraud: 'Penipuan',
  general: 'Informasi umum',
};

/** How each required field is asked for: what it is, and an example written with x's. */
export const FIELD_REQUESTS: Record<RequiredField, { label: string; example: string }> = {
  cardNumber: {
    label: 'Nomor Kartu Prakerja (16 digit, tertera di dashboard akun Prakerja, bukan NIK/KTP)',
    example: '53xx xxxx xxxx xx82',
  },
  phone: { label: 'Nomor HP yang terdaftar di akun Prakerja', example: '08xx-xxxx-xxxx' },
  email: { label: 'Alamat email yang terdaftar di akun Prakerja', example: 'nama@contoh.com' },
};

/**
 * `incident_reply`: triage answers a new ticket that joined an accepted incident with the
 * supervisor's one answer for all (an automatic reply, in place of the acknowledgement).
 * `waiting_reminder` and `closed_unanswered`: the sweeper's mails to a participant who has not
 * answered what we asked (core/waiting.ts).
 */
export const REPLY_KINDS = [
  'ask_missing',
  'acknowledge',
  'agent_reply',
  'agent_ask',
  'status',
  'survey',
  'incident_reply',
  'waiting_reminder',
  'closed_unanswered',
] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];
/** Mails we send on our own initiative, not in answer to a mail (RFC 3834 `auto-generated`). */
export const SELF_INITIATED_KINDS = [
  'survey',
  'waiting_reminder',
  'closed_unanswered',
] as const satisfies readonly ReplyKind[];
export const isSelfInitiated = (kind: ReplyKind): boolean =>
  (SELF_INITIATED_KINDS as readonly ReplyKind[]).includes(kind);
/** Replies a person wrote (an agent's answer or question): not robots' mail, not counted as auto-replies. */
export const AGENT_KINDS = ['agent_reply', 'agent_ask'] as const satisfies readonly ReplyKind[];
export const isAgentWritten = (kind: ReplyKind): boolean => (AGENT_KINDS as readonly ReplyKind[]).includes(kind);

export interface ReplyContent {
  kind: ReplyKind;
  ticketRef: string;
  category: Category;
  missing?: readonly RequiredField[];
  /** For agent replies and questions, and incident replies: the agent's or supervisor's text. */
  body?: string;
  /** For a request for data: what the mail's numbers were read as, already masked. */
  readBack?: readonly string[];
  /** The ticket's status page: every reply links to it. */
  statusUrl?: string;
  /** Where the ticket stood when the reply was queued: says when to expect an answer (and, for a status reply, the timeline). */
  progress?: ReplyProgress;
  /** When the reply is written (ISO): the service hours left are counted from it. */
  at?: string;
  /** For the satisfaction survey: one link per rating, 1 to 5, and when they stop working. */
  survey?: SurveyLinks;
  /** For a waiting reminder: when the ticket closes if the participant does not answer. */
  closesAt?: string;
}

export interface SurveyLinks {
  /** The page for rating 1, 2, ... 5, in that order. */
  links: readonly string[];
  expiresAt: string;
}

export interface RenderedReply {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE = 'Salam,\nLayanan Pengaduan Kartu Prakerja';

const GREETING = 'Halo,';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs and lists as HTML; our own links (the status page) become links that open a new tab without a referrer. */
function toHtml(text: string, links: readonly string[] = []): string {
  const linkify = (escaped: string) =>
    links.reduce((out, url) => {
      const u = escapeHtml(url);
      return out.split(u).join(`<a href="${u}" target="_blank" rel="noopener noreferrer">${u}</a>`);
    }, escaped);
  const line = (l: string) => linkify(escapeHtml(l));
  const paragraphs = text.split(/\n{2,}/).map((p) => {
    const lines = p.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      return `<ul>${lines.map((l) => `<li>${line(l.slice(2))}</li>`).join('')}</ul>`;
    }
    return `<p>${lines.map(line).join('<br>')}</p>`;
  });
  return `<!DOCTYPE html><html lang="id"><body style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">${paragraphs.join('')}</body></html>`;
}

/** Text and HTML of a reply from its paragraphs (empty ones left out). */
function rendered(subject: string, paragraphs: readonly (string | null)[], c: ReplyContent): RenderedReply {
  const text = paragraphs.filter((p): p is string => Boolean(p)).join('\n\n');
  return { subject, text: `${text}\n`, html: toHtml(text, c.statusUrl ? [c.statusUrl] : []) };
}

const SAFETY = 'Demi keamanan, jangan pernah mengirimkan kode OTP atau PIN kepada siapa pun, termasuk kepada kami.';

/** By when to expect our answer, when the ticket's progress is known. */
function expectedParagraph(c: ReplyContent): string | null {
  if (!c.progress || !c.at) return null;
  return expectedAnswerText(expectedAnswer(c.progress, c.at, c.progress.serviceHours));
}

/** The link to the ticket's status page, so the participant need not write again to ask. */
function statusLinkParagraph(c: ReplyContent): string | null {
  if (!c.statusUrl) return null;
  return `Pantau status pengaduan Anda kapan saja di ${c.statusUrl} (masukkan email atau nomor HP yang Anda pakai saat mengadu). Anda tidak perlu mengirim email baru untuk menanyakan perkembangannya.`;
}

function missingList(missing: readonly RequiredField[]): string {
  return missing.map((f) => `- ${FIELD_REQUESTS[f].label}, contoh: ${FIELD_REQUESTS[f].example}`).join('\n');
}

function askMissing(c: ReplyContent): RenderedReply {
  return rendered(
    `[${c.ticketRef}] Mohon lengkapi data pengaduan Anda`,
    [
      GREETING,
      `Terima kasih telah menghubungi Layanan Pengaduan Kartu Prakerja. Pengaduan Anda (${CATEGORY_LABELS[c.category]}) sudah kami catat dengan nomor tiket ${c.ticketRef}.`,
      c.readBack?.length
        ? `Nomor yang kami baca dari email Anda:\n${c.readBack.map((line) => `- ${line}`).join('\n')}`
        : null,
      'Agar dapat kami proses, mohon lengkapi data berikut dengan membalas email ini:',
      missingList(c.missing ?? []),
      expectedParagraph(c),
      statusLinkParagraph(c),
      `Mohon tidak mengubah subjek email agar balasan Anda tercatat pada tiket yang sama. ${SAFETY}`,
      SIGNATURE,
    ],
    c,
  );
}

function acknowledge(c: ReplyContent): RenderedReply {
  return rendered(
    `[${c.ticketRef}] Pengaduan Anda kami terima`,
    [
      GREETING,
      `Terima kasih, pengaduan Anda telah tercatat dengan nomor tiket ${c.ticketRef} (kategori: ${CATEGORY_LABELS[c.category]}).`,
      'Data Anda sudah lengkap dan pengaduan Anda sudah masuk antrean petugas kami. Kami akan membalas email ini setelah pengaduan Anda ditindaklanjuti. Anda tidak perlu mengirim ulang pengaduan yang sama.',
      expectedParagraph(c),
      statusLinkParagraph(c),
      `Bila ada informasi tambahan, balas saja email ini tanpa mengubah subjeknya. ${SAFETY}`,
      SIGNATURE,
    ],
    c,
  );
}

/** The agent writes the whole message, greeting included (the console's templates do). */
function agentReply(c: ReplyContent): RenderedReply {
  return rendered(
    `[${c.ticketRef}] Tanggapan atas pengaduan Anda`,
    [
      (c.body ?? '').trim(),
      `Nomor tiket: ${c.ticketRef}. Bila masih ada kendala, balas email ini tanpa mengubah subjeknya.`,
      statusLinkParagraph(c),
      SIGNATURE,
    ],
    c,
  );
}

/** The answer to "sudah sampai mana?": where the ticket stands, what is still missing, when to expect an answer. */
function status(c: ReplyContent): RenderedReply {
  const missing = c.missing ?? [];
  const now = c.progress && c.at ? participantStatus(c.progress, c.at, c.progress.serviceHours) : null;
  return rendered(
    `[${c.ticketRef}] Status pengaduan Anda`,
    [
      GREETING,
      `Terima kasih telah menanyakan pengaduan Anda dengan nomor tiket ${c.ticketRef} (kategori: ${CATEGORY_LABELS[c.category]}). Pesan Anda sudah kami catat pada tiket yang sama.`,
      now ? `Status saat ini: ${STEP_LABELS[now.current]}.` : null,
      now ? now.steps.map((s) => `- ${STEP_LABELS[s.step]}: ${stepWhen(s)}`).join('\n') : null,
      missing.length > 0 ? 'Agar dapat kami proses, mohon lengkapi data berikut dengan membalas email ini:' : null,
      missing.length > 0 ? missingList(missing) : null,
      expectedParagraph(c),
      statusLinkParagraph(c),
      `Mohon tidak mengubah subjek email bila membalas. ${SAFETY}`,
      SIGNATURE,
    ],
    c,
  );
}

/** An agent's question: the ticket waits for the participant's answer, which must thread back. */
function agentAsk(c: ReplyContent): RenderedReply {
  return rendered(
    `[${c.ticketRef}] Pertanyaan petugas tentang pengaduan Anda`,
    [
      GREETING,
      (c.body ?? '').trim(),
      `Mohon jawab dengan membalas email ini tanpa mengubah subjeknya, agar jawaban Anda tercatat pada tiket ${c.ticketRef}. ${SAFETY}`,
      statusLinkParagraph(c),
      SIGNATURE,
    ],
    c,
  );
}

/** What we still wait for: the missing data, or the answer to an agent's question (not repeated here). */
function stillWaitingFor(c: ReplyContent, lead: string): string[] {
  const missing = c.missing ?? [];
  if (missing.length === 0) return [`${lead} jawaban Anda atas pertanyaan petugas kami yang kami kirim sebelumnya.`];
  return [`${lead} data berikut:`, missingList(missing)];
}

/** Once, after the participant has not answered for a while: what is missing, and when the ticket closes. */
function waitingReminder(c: ReplyContent): RenderedReply {
  if (!c.closesAt) throw new Error('a waiting reminder says when the ticket closes');
  return rendered(
    `[${c.ticketRef}] Pengingat: kami masih menunggu balasan Anda`,
    [
      GREETING,
      `Pengaduan Anda dengan nomor tiket ${c.ticketRef} (kategori: ${CATEGORY_LABELS[c.category]}) belum dapat kami proses karena kami belum menerima balasan Anda.`,
      ...stillWaitingFor(c, 'Mohon balas email ini dengan mengirimkan'),
      `Bila sampai ${formatWib(c.closesAt)} kami belum menerima balasan Anda, tiket ini kami tutup. Setelah ditutup pun Anda tetap dapat membalas email ini untuk melanjutkan pengaduan Anda.`,
      statusLinkParagraph(c),
      `Mohon tidak mengubah subjek email agar balasan Anda tercatat pada tiket yang sama. ${SAFETY}`,
      SIGNATURE,
    ],
    c,
  );
}

/**
 * The ticket was closed because the participant never answered: what we still need, and that a
 * reply to this mail takes the complaint up again (as a new ticket continuing this one, which
 * keeps what they sent: core/intake.ts routeReference).
 */
function closedUnanswered(c: ReplyContent): RenderedReply {
  return rendered(
    `[${c.ticketRef}] Tiket pengaduan Anda kami tutup`,
    [
      GREETING,
      `Tiket ${c.ticketRef} (kategori: ${CATEGORY_LABELS[c.category]}) kami tutup karena sampai saat ini kami belum menerima balasan Anda.`,
      ...stillWaitingFor(c, 'Untuk memproses pengaduan Anda, kami memerlukan'),
      `Bila masalah Anda belum selesai, cukup balas email ini tanpa mengubah subjeknya. Pengaduan Anda kami lanjutkan dengan nomor tiket baru yang terhubung ke tiket ${c.ticketRef}; data yang sudah Anda kirimkan tidak perlu dikirim ulang.`,
      statusLinkParagraph(c),
      SAFETY,
      SIGNATURE,
    ],
    c,
  );
}

/**
 * After a resolution: one link per point of the scale. A link opens a page with that rating
 * chosen; nothing is recorded until the participant sends the form there (mail scanners open
 * every link in a mail, and must not vote).
 */
function survey(c: ReplyContent): RenderedReply {
  const s = c.survey;
  if (!s || s.links.length !== RATINGS.length) throw new Error('a survey mail needs one link per rating');
  const intro = [
    GREETING,
    `Pengaduan Anda dengan nomor tiket ${c.ticketRef} telah kami selesaikan. Bagaimana penilaian Anda atas penanganannya? Pilih satu nilai, 1 (sangat tidak puas) sampai 5 (sangat puas):`,
  ];
  const outro = [
    `Tautan membuka halaman penilaian; nilai tercatat setelah Anda menekan "Kirim penilaian" di sana. Tautan berlaku sampai ${wibDateTime(s.expiresAt)}, dan penilaian dapat diubah sampai saat itu.`,
    'Bila masalah Anda ternyata belum selesai, balas email ini tanpa mengubah subjeknya.',
    SIGNATURE,
  ];
  const lines = RATINGS.map((r, i) => `- ${r} - ${RATING_LABELS[r]}: ${s.links[i]}`);
  const text = [...intro, lines.join('\n'), ...outro].join('\n\n');
  const items = RATINGS.map(
    (r, i) =>
      `<li style="margin:6px 0"><a href="${escapeHtml(s.links[i] ?? '')}">${r} - ${escapeHtml(RATING_LABELS[r])}</a></li>`,
  ).join('');
  const paragraphs = (ps: string[]) => ps.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>')}</p>`).join('');
  const html = `<!DOCTYPE html><html lang="id"><body style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">${paragraphs(intro)}<ul>${items}</ul>${paragraphs(outro)}</body></html>`;
  return { subject: `[${c.ticketRef}] Bagaimana penanganan pengaduan Anda?`, text: `${text}\n`, html };
}

export function renderReply(content: ReplyContent): RenderedReply {
  switch (content.kind) {
    case 'ask_missing':
      return askMissing(content);
    case 'acknowledge':
      return acknowledge(content);
    // An incident's answer reads as the supervisor wrote it, whether it reaches a ticket by the
    // broadcast (an agent reply) or as triage's answer to a new ticket.
    case 'agent_reply':
    case 'incident_reply':
      return agentReply(content);
    case 'agent_ask':
      return agentAsk(content);
    case 'status':
      return status(content);
    case 'survey':
      return survey(content);
    case 'waiting_reminder':
      return waitingReminder(content);
    case 'closed_unanswered':
      return closedUnanswered(content);
  }
}
