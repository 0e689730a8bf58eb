/**
 * Varied complaint mails for the day benchmark: a handful of templates written for it (categories,
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
    subject: 'dana insentif belum diterima',
    text: 'Selamat siang admin, dana insentif bulan ini belum juga masuk ke dompet digital saya.\n\nNama: {name}\nNomor Kartu Prakerja: {card}\nNo HP: {phone}\n',
  },
  {
    subject: 'Sertifikat pelatihan belum tampil',
    text: 'Kak, sertifikat pelatihan saya belum tampil di dashboard walau ulasan sudah saya isi. Kartu prakerja {cardRun}, nomor WA {phone}.',
  },
  {
    subject: 'Voucher pelatihan ditolak',
    text: 'Saya sudah membeli pelatihan dengan saldo Prakerja, tetapi kodenya ditolak saat redeem di situs mitra.\nNomor Kartu Prakerja: {card}\nHP/WA: {phone}\n',
  },
  {
    subject: 'Tidak bisa masuk akun',
    html: '<div>admin, kode OTP tidak pernah sampai jadi saya tidak bisa login ke akun prakerja.<br>nomor hp&nbsp;{phone}<br>nomor kartu&nbsp;{cardDash}</div>',
  },
  {
    subject: 'Gagal daftar, NIK dipakai orang',
    text: 'Permisi admin, waktu mendaftar gelombang baru keluar pesan bahwa NIK saya sudah terdaftar padahal belum pernah daftar.\nNIK {nik}\nHP {phone}\n',
  },
  {
    subject: 'Ada yang mengaku petugas',
    text: 'Tadi ada nomor 0878-1200-4455 menelepon, mengaku petugas prakerja dan meminta kode OTP saya. Nomor saya {phone}.\nKartu prakerja {cardDash}\n',
  },
  {
    subject: 'insentif dikembalikan',
    text: 'Admin, insentif saya dikembalikan karena akun e-wallet saya belum terverifikasi. Tolong dikirim ulang.',
  },
  {
    subject: 'My certificate is missing',
    text: 'Hello, I finished the training and left a review, but the certificate does not appear on my dashboard.\nCard number: {card}\nMobile: {phone}\n',
  },
  {
    subject: 'Sedang cuti',
    text: 'Saya sedang cuti, pesan akan dibalas setelah kembali.',
    headers: { 'Auto-Submitted': 'auto-replied' },
  },
  {
    subject: 'Kelas baru minggu ini',
    html: '<p>Kelas baru untuk peserta Prakerja!</p>',
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
