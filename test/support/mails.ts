/**
 * Fixture complaints written for these tests (invented participants, numbers and wording), built
 * with a real MIME encoder. Each knows its envelope sender, as SES would report it.
 */

import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { mime } from './mime.ts';

export interface FixtureMail {
  name: string;
  /** Envelope sender (MAIL FROM). */
  source: string;
  raw: () => Promise<Buffer>;
}

/** Invented participants: their numbers are valid in form, not anyone's. */
export const LARAS = {
  name: 'Larasati Pramesti',
  address: 'larasati.pramesti@surel.example',
  card: '6203118544712096',
  phone: '+6285744103386',
};
export const GILANG = { name: 'Gilang Wicaksono', address: 'gilang.w@surel.example' };
export const KETUT = { name: 'Ketut Ardana', address: 'ketut.ardana@kotakpos.example', phone: '+6281377260914' };

export const COMPLETE: FixtureMail = {
  name: 'complete',
  source: LARAS.address,
  raw: () =>
    mime({
      from: `${LARAS.name} <${LARAS.address}>`,
      subject: 'insentif bulan ini belum diterima',
      messageId: '<laras-1@surel.example>',
      text: [
        'Selamat siang admin, dana insentif saya untuk bulan ini belum juga masuk ke dompet digital saya.',
        '',
        `Nama: ${LARAS.name}`,
        'Nomor Kartu Prakerja: 6203 1185 4471 2096',
        'No HP: 0857-4410-3386',
      ].join('\n'),
    }),
};

export const ASK_MISSING: FixtureMail = {
  name: 'ask-missing',
  source: GILANG.address,
  raw: () =>
    mime({
      from: `${GILANG.name} <${GILANG.address}>`,
      subject: 'insentif tidak kunjung cair',
      messageId: '<gilang-1@surel.example>',
      text: 'Admin, sudah sebulan insentif pelatihan saya tidak kunjung cair. Mohon dibantu dicek ya.',
    }),
};

/** The same participant as COMPLETE writing again from another address, linked by the card number only. */
export const RESEND_OTHER_ADDRESS: FixtureMail = {
  name: 'resend-other-address',
  source: 'laras.kerja@kantor.example',
  raw: () =>
    mime({
      from: `Laras <laras.kerja@kantor.example>`,
      subject: 'insentif belum diterima (kirim ulang)',
      messageId: '<laras-2@kantor.example>',
      text: 'Saya kirim ulang ya min, insentif saya belum masuk. Kartu prakerja 6203118544712096.',
    }),
};

export const TRAINING: FixtureMail = {
  name: 'training',
  source: KETUT.address,
  raw: () =>
    mime({
      from: `${KETUT.name} <${KETUT.address}>`,
      subject: 'Kode voucher pelatihan ditolak',
      messageId: '<ketut-1@kotakpos.example>',
      textEncoding: 'quoted-printable',
      text: [
        'Selamat sore, saya sudah membeli pelatihan memakai saldo Prakerja, tetapi kode voucher',
        'ditolak terus saat redeem di situs mitra.',
        'Kartu Prakerja: 7741 0093 5528 6614',
        'Telepon: 0813 7726 0914',
      ].join('\n'),
    }),
};

export const NEWSLETTER: FixtureMail = {
  name: 'newsletter',
  source: 'kabar@toko-kursus.example',
  raw: () =>
    mime({
      from: 'Toko Kursus <kabar@toko-kursus.example>',
      subject: 'Kursus baru pekan ini',
      messageId: '<promo-77@toko-kursus.example>',
      html: '<p>Ada kursus baru pekan ini, cek sekarang.</p>',
      headers: { Precedence: 'bulk', 'List-Unsubscribe': '<mailto:berhenti@toko-kursus.example>' },
    }),
};

export const BOUNCE: FixtureMail = {
  name: 'bounce',
  source: '',
  raw: () =>
    mime({
      from: 'Mail Delivery System <MAILER-DAEMON@mx.kotakpos.example>',
      subject: 'Undeliverable: pesan Anda',
      messageId: '<bounce-5@mx.kotakpos.example>',
      text: 'Pesan Anda tidak dapat dikirim ke alamat tujuan.',
    }),
};

export const OUT_OF_OFFICE: FixtureMail = {
  name: 'out-of-office',
  source: LARAS.address,
  raw: () =>
    mime({
      from: `${LARAS.name} <${LARAS.address}>`,
      subject: 'Balasan otomatis: sedang cuti',
      messageId: '<laras-ooo@surel.example>',
      text: 'Saya sedang cuti sampai pekan depan.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    }),
};

/** In delivery order: three tickets (one of them with a merged resend), three mails set aside. */
export const DAY_OF_MAIL: readonly FixtureMail[] = [
  COMPLETE,
  ASK_MISSING,
  NEWSLETTER,
  TRAINING,
  BOUNCE,
  RESEND_OTHER_ADDRESS,
  OUT_OF_OFFICE,
];

/**
 * A participant copying another mailbox, quoting our earlier reply: the number in our text is not
 * theirs, which only our own addresses (the triage Lambda's COMPLAINT_ADDRESSES) tell.
 */
export const QUOTES_OUR_REPLY: FixtureMail = {
  name: 'quotes-our-reply',
  source: 'maya.susanti@surel.example',
  raw: () =>
    mime({
      from: 'Maya Susanti <maya.susanti@surel.example>',
      to: 'tim.keuangan@kantor.example',
      subject: 'Re: insentif saya',
      messageId: '<maya-2@surel.example>',
      text: [
        'Ini saya teruskan ke tim keuangan, insentif saya masih belum cair. Kartu saya 4410 2286 9935 0071.',
        '',
        `Pada Sen, 20 Mei 2024 pukul 10.00, Layanan Pengaduan <${COMPLAINT_ADDRESS}> menulis:`,
        '> Untuk pertanyaan mendesak silakan hubungi 0811-2233-4455 pada jam kerja.',
        '> Salam, Layanan Pengaduan Kartu Prakerja',
      ].join('\n'),
    }),
};

/** The answer to ASK_MISSING's request for data, pointing at its ticket. */
export function answerTo(ref: string): FixtureMail {
  return {
    name: 'answer',
    source: GILANG.address,
    raw: () =>
      mime({
        from: `${GILANG.name} <${GILANG.address}>`,
        subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`,
        messageId: '<gilang-2@surel.example>',
        text: 'Berikut datanya min\nNomor kartu 3318 5520 0147 9963\nNomor HP 0896 3311 7420',
      }),
  };
}

export const UNPARSEABLE: FixtureMail = {
  name: 'unparseable',
  source: 'rusak@surel.example',
  raw: async () => Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0d, 0x0a]),
};
