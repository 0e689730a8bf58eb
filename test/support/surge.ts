/**
 * Mail for surge tests, written for them: everyday complaints in the usual mix, and an outage of a
 * training platform no everyday mail names ("Kelasria"), each participant wording it their own
 * way. Every mail comes from its own participant (sender, card and phone made from its number).
 * Settings small enough for a fresh stack to learn a baseline from a few minutes of mail.
 */
import type { SurgeSettings } from '#core/surge/model.ts';
import { mime } from './mime.ts';

/** A fresh stack's detector: one-minute buckets, a five-minute window, a small baseline. */
export const SMALL_SURGE_SETTINGS: Partial<SurgeSettings> = {
  bucketMinutes: 1,
  windowMinutes: 5,
  minBaselineParticipants: 40,
};

export const PLATFORM = 'Kelasria';

const EVERYDAY: [string, (i: number) => string][] = [
  ['insentif belum cair', (i) => `insentif saya belum cair ke ${['ovo', 'gopay', 'linkaja'][i % 3]} sejak minggu lalu`],
  ['status insentif gagal', () => 'di dashboard status insentif gagal padahal rekening sudah benar'],
  ['sertifikat belum ada', (i) => `sertifikat kelas ${['akuntansi', 'memasak', 'fotografi'][i % 3]} belum ada di akun`],
  ['ulasan sudah diisi', () => 'ulasan sudah saya isi tapi pelatihan masih tercatat belum selesai'],
  ['voucher ditolak', () => 'kode voucher saya ditolak, katanya sudah dipakai orang lain'],
  ['otp tidak datang', () => 'kode otp untuk masuk akun tidak pernah datang ke hp saya'],
  ['nik terdaftar', () => 'waktu mendaftar muncul tulisan nik sudah terdaftar padahal belum pernah'],
  ['gelombang baru', () => 'mohon info kapan gelombang berikutnya dibuka'],
];

const OUTAGE: [(p: string) => string, (p: string, i: number) => string][] = [
  [(p) => `${p} tidak bisa dibuka`, (p, i) => `situs ${p} tidak bisa dibuka sejak ${i % 2 ? 'pagi' : 'tadi'}`],
  [(p) => `${p.toLowerCase()} error`, (p) => `aplikasi ${p} error terus, pelatihan saya tertunda`],
  [(p) => `gagal masuk ${p}`, (p) => `gagal masuk ke ${p}, layar putih saja`],
  [(p) => `${p} macet`, (p) => `video pelatihan di ${p} macet lalu keluar sendiri`],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Participant n's card number and phone: made from n, distinct per participant. */
export function participant(n: number) {
  return {
    address: `peserta.${n}@surel.example`,
    name: `Peserta ${n}`,
    card: `5301${pad(n, 12)}`,
    phone: `0857${pad(n, 8)}`,
  };
}

async function letter(n: number, subject: string, body: string, messageId: string): Promise<Buffer> {
  const p = participant(n);
  return mime({
    from: `${p.name} <${p.address}>`,
    subject,
    text: `${body}\n\nNo kartu prakerja: ${p.card}\nNo HP: ${p.phone}\n\nterima kasih`,
    messageId,
  });
}

export function everydayMail(n: number): Promise<Buffer> {
  const [subject, body] = EVERYDAY[n % EVERYDAY.length] as [string, (i: number) => string];
  return letter(n, subject, body(n), `<harian-${n}@surel.example>`);
}

/** Participant n reports that the platform cannot be used. */
export function outageMail(n: number, platform = PLATFORM): Promise<Buffer> {
  const [subject, body] = OUTAGE[n % OUTAGE.length] as (typeof OUTAGE)[number];
  return letter(n, subject(platform), body(platform, n), `<gangguan-${n}@surel.example>`);
}

export const sender = (n: number) => participant(n).address;
