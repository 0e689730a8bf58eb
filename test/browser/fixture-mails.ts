/**
 * Complaint mails for the console's browser tests, written for these tests (names, numbers and
 * addresses invented here). Each is complete (card number, phone, email), so triage puts it on
 * a work list ready for an agent.
 */
import MailComposer from 'nodemailer/lib/mail-composer';

export interface FixtureMail {
  from: string;
  name: string;
  subject: string;
  text: string;
  card: string;
  phone: string;
}

export const CONSOLE_MAILS: FixtureMail[] = [
  {
    from: 'wulan.kusuma@example.org',
    name: 'Wulan Kusuma',
    subject: 'insentif kedua belum cair',
    card: '4417229088315520',
    phone: '081277334091',
    text: [
      'Selamat siang admin,',
      '',
      'insentif pelatihan saya yang kedua belum cair padahal ulasan sudah saya isi dua minggu lalu.',
      '',
      'Nama: Wulan Kusuma',
      'No Kartu Prakerja: 4417 2290 8831 5520',
      'No HP: 0812-7733-4091',
      '',
      'Pada Sen, 4 Mar 2024 10.00, Wulan Kusuma menulis:',
      '> pesan saya sebelumnya tentang insentif',
      '> yang belum dijawab',
    ].join('\n'),
  },
  {
    from: 'ikhsan.mahardika@example.net',
    name: 'Ikhsan Mahardika',
    subject: 'sertifikat pelatihan tidak muncul',
    card: '5103778122904416',
    phone: '085722106634',
    text: [
      'Halo kak, sertifikat pelatihan saya tidak muncul di dasbor, sudah lewat seminggu sejak selesai kelas.',
      'Nama saya Ikhsan Mahardika',
      'Nomor kartu prakerja 5103 7781 2290 4416',
      'HP 0857 2210 6634',
    ].join('\n'),
  },
  {
    from: 'rosalina.tambunan@example.com',
    name: 'Rosalina Tambunan',
    subject: 'insentif belum masuk ke e-wallet',
    card: '3390115566217708',
    phone: '087812349901',
    text: [
      'Min insentif saya belum masuk ke e-wallet, mohon dibantu dicek.',
      'Nama: Rosalina Tambunan',
      'Kartu Prakerja: 3390-1155-6621-7708',
      'WA: 0878-1234-9901',
    ].join('\n'),
  },
  {
    from: 'nyoman.suarsana@example.org',
    name: 'Nyoman Suarsana',
    subject: 'sertifikat salah nama',
    card: '6021448890117734',
    phone: '082133557712',
    text: [
      'Selamat pagi, nama di sertifikat pelatihan saya salah eja, mohon diperbaiki.',
      'Nama: Nyoman Suarsana',
      'No. Kartu Prakerja 6021 4488 9011 7734',
      'No. HP 0821 3355 7712',
    ].join('\n'),
  },
  {
    from: 'fitri.handayani@example.net',
    name: 'Fitri Handayani',
    subject: 'insentif pertama belum diterima',
    card: '7184002299116653',
    phone: '081390017788',
    text: [
      'Permisi admin, insentif pertama saya belum diterima sampai sekarang.',
      'Nama lengkap: Fitri Handayani',
      'Nomor Kartu Prakerja: 7184 0022 9911 6653',
      'Nomor HP: 0813-9001-7788',
    ].join('\n'),
  },
];

/** Mails for single tests, sent when the test starts (same rules: invented, complete). */
export const FRAUD_REPORT: FixtureMail = {
  from: 'rudi.hartono@example.com',
  name: 'Rudi Hartono',
  subject: 'ada yang minta kode OTP mengaku petugas',
  card: '9812334455667701',
  phone: '081311224466',
  text: [
    'Selamat sore, barusan ada orang menelepon mengaku petugas Prakerja dan meminta kode OTP akun saya.',
    'Apakah itu penipuan? Saya belum memberikan kodenya.',
    'Nama: Rudi Hartono',
    'No Kartu Prakerja: 9812 3344 5566 7701',
    'No HP: 0813-1122-4466',
  ].join('\n'),
};

export const INCENTIVE_WAITING: FixtureMail = {
  from: 'sinta.maharani@example.net',
  name: 'Sinta Maharani',
  subject: 'insentif ketiga belum masuk',
  card: '4429881100337755',
  phone: '085211447799',
  text: [
    'Halo admin, insentif ketiga saya belum masuk padahal survei sudah saya isi.',
    'Nama: Sinta Maharani',
    'Nomor Kartu Prakerja: 4429 8811 0033 7755',
    'HP: 0852-1144-7799',
  ].join('\n'),
};

export const ACCOUNT_CHANGE: FixtureMail = {
  from: 'agus.setiawan@example.org',
  name: 'Agus Setiawan',
  subject: 'dana insentif tidak masuk ke rekening',
  card: '2088113344556612',
  phone: '087855661122',
  text: [
    'Selamat pagi, dana insentif tidak masuk ke rekening saya, padahal rekening sudah saya ganti bulan lalu.',
    'Nama: Agus Setiawan',
    'No. Kartu Prakerja: 2088 1133 4455 6612',
    'No. HP: 0878 5566 1122',
  ].join('\n'),
};

export const CERTIFICATE_QUESTION: FixtureMail = {
  from: 'nurul.hidayah@example.com',
  name: 'Nurul Hidayah',
  subject: 'sertifikat belum bisa diunduh',
  card: '9701223344115588',
  phone: '089612345670',
  text: [
    'Kak, sertifikat pelatihan saya belum bisa diunduh dari dasbor, tombolnya tidak muncul.',
    'Nama: Nurul Hidayah',
    'Kartu Prakerja: 9701-2233-4411-5588',
    'No HP: 0896-1234-5670',
  ].join('\n'),
};

/** One participant writing about two issues: two tickets in two queues, found from each other. */
const YOGA = {
  from: 'yoga.pratama@example.net',
  name: 'Yoga Pratama',
  card: '4490112233445566',
  phone: '082244668800',
};
export const SAME_PARTICIPANT: FixtureMail[] = [
  {
    ...YOGA,
    subject: 'insentif saya belum cair',
    text: [
      'Admin, insentif pelatihan saya belum cair sampai hari ini.',
      'Nama: Yoga Pratama',
      'No Kartu Prakerja: 4490 1122 3344 5566',
      'No HP: 0822-4466-8800',
    ].join('\n'),
  },
  {
    ...YOGA,
    subject: 'sertifikat juga belum keluar',
    text: [
      'Selain itu sertifikat pelatihan saya juga belum keluar di dasbor.',
      'Nama: Yoga Pratama',
      'No Kartu Prakerja: 4490 1122 3344 5566',
      'No HP: 0822-4466-8800',
    ].join('\n'),
  },
];

export async function composeFixture(m: FixtureMail, index: number): Promise<Buffer> {
  return new MailComposer({
    from: `${m.name} <${m.from}>`,
    to: 'pengaduan@prakerja.example.id',
    subject: m.subject,
    text: m.text,
    messageId: `<console-fixture-${index}-${m.from}>`,
    date: new Date('2024-03-11T08:00:00+07:00'),
  })
    .compile()
    .build();
}
