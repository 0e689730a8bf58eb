/**
 * Indonesian reply texts. Examples are written with x's on purpose: when the participant replies
 * with our mail quoted, an example like "0812-3456-7890" must never be extracted as their data.
 *
 * Nothing a stranger wrote is put into these texts: no name (a "Nama:" line can say anything, and
 * the official address would send it), no subject, no link. Only the ticket reference, our own
 * labels, the masked read-back lines triage computed, and what an agent writes.
 */
import type { Category, RequiredField } from './types.ts';

export const CATEGORY_LABELS: Record<Category, string> = {
  incentive: 'Insentif & pembayaran',
  certificate: 'Sertifikat & penyelesaian',
  training: 'Pelatihan & saldo',
  account: 'Akun & data diri',
  registration: 'Pendaftaran & seleksi',
  fraud: 'Penipuan',
  general: 'Informasi umum',
};

const FIELD_REQUESTS: Record<RequiredField, { label: string; example: string }> = {
  cardNumber: {
    label: 'Nomor Kartu Prakerja (16 digit, tertera di dashboard akun Prakerja, bukan NIK/KTP)',
    example: '53xx xxxx xxxx xx82',
  },
  phone: { label: 'Nomor HP yang terdaftar di akun Prakerja', example: '08xx-xxxx-xxxx' },
  email: { label: 'Alamat email yang terdaftar di akun Prakerja', example: 'nama@contoh.com' },
};

export const REPLY_KINDS = ['ask_missing', 'acknowledge', 'agent_reply', 'agent_ask'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];
/** Replies a person wrote (an agent's answer or question): not robots' mail, not counted as auto-replies. */
export const AGENT_KINDS = ['agent_reply', 'agent_ask'] as const satisfies readonly ReplyKind[];
export const isAgentWritten = (kind: ReplyKind): boolean => (AGENT_KINDS as readonly ReplyKind[]).includes(kind);

export interface ReplyContent {
  kind: ReplyKind;
  ticketRef: string;
  category: Category;
  missing?: readonly RequiredField[];
  /** For agent replies and questions: the agent's text. */
  body?: string;
  /** For a request for data: what the mail's numbers were read as, already masked. */
  readBack?: readonly string[];
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

function toHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => {
    const lines = p.split('\n');
    if (lines.every((l) => l.startsWith('- '))) {
      return `<ul>${lines.map((l) => `<li>${escapeHtml(l.slice(2))}</li>`).join('')}</ul>`;
    }
    return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
  });
  return `<!DOCTYPE html><html lang="id"><body style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">${paragraphs.join('')}</body></html>`;
}

function askMissing(c: ReplyContent): RenderedReply {
  const missing = c.missing ?? [];
  const list = missing.map((f) => `- ${FIELD_REQUESTS[f].label}, contoh: ${FIELD_REQUESTS[f].example}`).join('\n');
  const text = [
    GREETING,
    `Terima kasih telah menghubungi Layanan Pengaduan Kartu Prakerja. Pengaduan Anda (${CATEGORY_LABELS[c.category]}) sudah kami catat dengan nomor tiket ${c.ticketRef}.`,
    ...(c.readBack?.length
      ? [`Nomor yang kami baca dari email Anda:\n${c.readBack.map((line) => `- ${line}`).join('\n')}`]
      : []),
    'Agar dapat kami proses, mohon lengkapi data berikut dengan membalas email ini:',
    list,
    'Mohon tidak mengubah subjek email agar balasan Anda tercatat pada tiket yang sama. Demi keamanan, jangan pernah mengirimkan kode OTP atau PIN kepada siapa pun, termasuk kepada kami.',
    SIGNATURE,
  ].join('\n\n');
  return { subject: `[${c.ticketRef}] Mohon lengkapi data pengaduan Anda`, text: `${text}\n`, html: toHtml(text) };
}

function acknowledge(c: ReplyContent): RenderedReply {
  const text = [
    GREETING,
    `Terima kasih, pengaduan Anda telah tercatat dengan nomor tiket ${c.ticketRef} (kategori: ${CATEGORY_LABELS[c.category]}).`,
    'Data Anda sudah lengkap dan pengaduan Anda sudah masuk antrean petugas kami. Kami akan membalas email ini setelah pengaduan Anda ditindaklanjuti. Anda tidak perlu mengirim ulang pengaduan yang sama.',
    'Bila ada informasi tambahan, balas saja email ini tanpa mengubah subjeknya. Demi keamanan, jangan pernah mengirimkan kode OTP atau PIN kepada siapa pun, termasuk kepada kami.',
    SIGNATURE,
  ].join('\n\n');
  return { subject: `[${c.ticketRef}] Pengaduan Anda kami terima`, text: `${text}\n`, html: toHtml(text) };
}

/** The agent writes the whole message, greeting included (the console's templates do). */
function agentReply(c: ReplyContent): RenderedReply {
  const text = [
    (c.body ?? '').trim(),
    `Nomor tiket: ${c.ticketRef}. Bila masih ada kendala, balas email ini tanpa mengubah subjeknya.`,
    SIGNATURE,
  ].join('\n\n');
  return { subject: `[${c.ticketRef}] Tanggapan atas pengaduan Anda`, text: `${text}\n`, html: toHtml(text) };
}

/** An agent's question: the ticket waits for the participant's answer, which must thread back. */
function agentAsk(c: ReplyContent): RenderedReply {
  const text = [
    GREETING,
    (c.body ?? '').trim(),
    `Mohon jawab dengan membalas email ini tanpa mengubah subjeknya, agar jawaban Anda tercatat pada tiket ${c.ticketRef}. Demi keamanan, jangan pernah mengirimkan kode OTP atau PIN kepada siapa pun, termasuk kepada kami.`,
    SIGNATURE,
  ].join('\n\n');
  return {
    subject: `[${c.ticketRef}] Pertanyaan petugas tentang pengaduan Anda`,
    text: `${text}\n`,
    html: toHtml(text),
  };
}

export function renderReply(content: ReplyContent): RenderedReply {
  switch (content.kind) {
    case 'ask_missing':
      return askMissing(content);
    case 'acknowledge':
      return acknowledge(content);
    case 'agent_reply':
      return agentReply(content);
    case 'agent_ask':
      return agentAsk(content);
  }
}
