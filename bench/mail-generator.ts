/**
 * Varied complaint mails for the day benchmark: a handful of real-shaped templates (categories,
 * plain and HTML, Indonesian and English, automated ones) with fresh senders, names, card numbers,
 * phones and Message-IDs per mail; a share of participants write twice (duplicates to merge).
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

interface Template {
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  from?: string;
}

const TEMPLATES: Template[] = [
  {
    subject: 'insentif belum masuk',
    text: 'Selamat pagi min, insentif saya blm masuk ke GoPay padahal udh kasih ulasan.\n\nNama: {name}\nNo Kartu Prakerja: {card}\nNo HP: {phone}\n',
  },
  {
    subject: 'Sertifikat tidak muncul di dashboard',
    text: 'Halo kak, sertifikat pelatihan sy blm muncul di dashboard padahal udh kasih rating. Nomor kartu prakerja sy {cardRun}, no wa {phone}.',
  },
  {
    subject: 'Kode voucher tidak bisa diredeem',
    text: 'Saya sudah beli pelatihan pakai saldo Prakerja, tapi kode voucher tidak valid.\nNo Kartu Prakerja: {card}\nHP/WA: {phone}\n',
  },
  {
    subject: 'Kode OTP tidak masuk2',
    html: '<div>min kode OTP nya ga masuk2, ga bisa login ke akun prakerja.<br>no hp saya&nbsp;{phone}<br>no kartu&nbsp;{cardDash}</div>',
  },
  {
    subject: 'NIK sudah terdaftar',
    text: 'Permisi min, pas daftar gelombang ini muncul "NIK sudah terdaftar".\nNIK {nik}\nHP {phone}\n',
  },
  {
    subject: 'Laporan situs palsu',
    text: 'Ada yg WA saya dari nomor 0877-3390-1284 ngaku petugas prakerja minta kode OTP. Hubungi saya di {phone}.\nNo kartu prakerja saya {cardDash}\n',
  },
  {
    subject: 'insentif ovo gagal',
    text: 'Min insentif saya gagal dikembalikan karena OVO blm premium. Mohon dikirim ulang.',
  },
  {
    subject: 'Certificate not showing',
    text: 'Hi, I completed the course and gave the review but no certificate is shown.\nCard number: {card}\nMobile: {phone}\n',
  },
  { subject: 'Out of office', text: 'Saya sedang cuti.', headers: { 'Auto-Submitted': 'auto-replied' } },
  {
    subject: 'Promo kelas minggu ini',
    html: '<p>Diskon kelas Prakerja!</p>',
    headers: { Precedence: 'bulk', 'List-Unsubscribe': '<mailto:u@list.example>' },
    from: 'newsletter@list.example',
  },
];

/** n pseudo-random digits per seed (a hash, so different participants do not share numbers). */
function digits(seed: number, n: number): string {
  const hex = createHash('sha256').update(String(seed)).digest('hex');
  return Array.from(hex, (c) => String(Number.parseInt(c, 16) % 10))
    .join('')
    .slice(0, n);
}

export interface GeneratedMail {
  from: string;
  raw: Buffer;
  automated: boolean;
  /** Index of the earlier mail this participant resends, if any. */
  resendOf: number | null;
}

export async function generateMail(i: number, duplicateShare = 0.05): Promise<GeneratedMail> {
  // Every 20th participant writes again about mail i-7 (same participant, same template).
  const resendOf = duplicateShare > 0 && i >= 7 && i % Math.round(1 / duplicateShare) === 0 ? i - 7 : null;
  const p = resendOf ?? i;
  const t = TEMPLATES[p % TEMPLATES.length] as Template;
  const card = `5${digits(p, 15)}`;
  const phone = `0812${digits(p + 1, 8)}`;
  const fill = (s: string) =>
    s
      .replaceAll('{name}', `Peserta ${p}`)
      .replaceAll('{card}', card.replace(/(\d{4})(?=\d)/g, '$1 '))
      .replaceAll('{cardRun}', card)
      .replaceAll('{cardDash}', card.replace(/(\d{4})(?=\d)/g, '$1-'))
      .replaceAll('{phone}', `${phone.slice(0, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`)
      .replaceAll('{nik}', `3374${digits(p + 2, 2)}0605900003`.slice(0, 16));
  const from = t.from ?? `peserta${p}@bench.example`;
  const composer = new MailComposer({
    from,
    to: 'pengaduan@prakerja.example.id',
    subject: t.subject,
    text: t.text ? fill(t.text) : undefined,
    html: t.html ? fill(t.html) : undefined,
    headers: t.headers,
    messageId: `<bench-${i}@bench.example>`,
  });
  return { from, raw: await composer.compile().build(), automated: Boolean(t.headers), resendOf };
}
