/**
 * What participants write about, per category, in three registers: formal Indonesian, chat
 * Indonesian (abbreviations come later, from chat.ts), and English. Written for this generator
 * from how complaint mail to a public service reads, not taken from any labelled corpus and not
 * from the classifier's rules: the set must test wording the rules were not written against.
 * Slots in braces ({amount}, {ewallet} ...) are filled per mail.
 */
import type { Category } from '../../lambdas/core/types.ts';

export type Register = 'formal' | 'chat' | 'english';
type ByRegister = Record<Register, readonly string[]>;

export interface Topic {
  subjects: ByRegister;
  problems: ByRegister;
  /** A second sentence that adds detail without changing the topic. */
  details: ByRegister;
}

export const TOPICS: Record<Category, Topic> = {
  incentive: {
    subjects: {
      formal: [
        'Insentif belum diterima',
        'Pertanyaan pencairan insentif',
        'Dana insentif tahap {stage} belum masuk',
        'Pembayaran gagal',
        'Mohon bantuan terkait pembayaran dari Prakerja',
        'Transfer dana belum sampai',
      ],
      chat: [
        'insentif blm cair',
        'uang blm masuk min',
        'dana prakerja ga masuk2',
        'transferan blm nyampe',
        'tolong cek pembayaran sy',
        'kok gagal terus',
      ],
      english: ['Incentive not received', 'Payment not received', 'Prakerja payment failed', 'Where is my money?'],
    },
    problems: {
      formal: [
        'Saya ingin menanyakan insentif pasca pelatihan yang sampai hari ini belum saya terima.',
        'Insentif tahap {stage} seharusnya sudah ditransfer pada {date}, namun hingga kini belum masuk ke akun {ewallet} saya.',
        'Dana sebesar {amount} belum masuk ke {ewallet} saya padahal pelatihan pertama sudah selesai sejak {date}.',
        'Status pembayaran di dashboard tertulis gagal dan uangnya tidak pernah sampai ke akun saya.',
        'Mohon informasi kapan pembayaran untuk peserta gelombang {wave} akan dikirimkan.',
        'Akun {ewallet} saya sudah terverifikasi, tetapi transfer dari Prakerja tetap ditolak.',
        'Pembayaran untuk pengisian survei evaluasi belum saya dapatkan.',
        'Saya baru menerima {amount} dari yang seharusnya saya terima, sisanya belum dikirim.',
        'Sudah dua bulan sejak pelatihan saya selesai, tetapi belum ada uang yang masuk sama sekali.',
        'Di riwayat transaksi tertulis dana sudah dikirim, namun saldo {ewallet} saya tidak bertambah.',
      ],
      chat: [
        'min uang {amount} nya kok belum masuk juga ya, udah sebulan lebih',
        'insentif saya belum cair kak, padahal pelatihan udah kelar',
        'transferan yang ke {stage} belom nyampe ke {ewallet} saya min',
        'kenapa dana prakerja saya belum ditransfer ya? temen2 saya udah pada dapet',
        'katanya udah dikirim tapi saldo {ewallet} saya ga nambah sama sekali',
        'status pembayarannya gagal terus, akun {ewallet} udah premium kok',
        'belum dapet duit prakerja nih kak, gimana ya',
        'uang bantuan {amount} ga masuk2 min, tolong dicek',
        'yang {amount} kemaren cuma masuk setengah, sisanya kemana ya',
        'min kapan nih cairnya, udah nunggu lama banget',
        'saldo {ewallet} saya masih 0 padahal di dashboard katanya udah terkirim',
      ],
      english: [
        'I have not received my incentive payment yet.',
        'My {ewallet} account is verified but the transfer from Prakerja still failed.',
        'The money ({amount}) never arrived in my account.',
        'The payment status shows failed, please send it again.',
        'It has been two months and I still have not been paid.',
      ],
    },
    details: {
      formal: [
        'Akun {ewallet} saya aktif dan atas nama saya sendiri.',
        'Saya sudah menyelesaikan pelatihan dan mengisi ulasan.',
        'Saya sudah menunggu lebih dari 30 hari kerja.',
        'Rekening {bank} saya juga sudah saya hubungkan sejak awal.',
      ],
      chat: [
        '{ewallet} saya aktif kok',
        'udah nunggu lama bgt',
        'pelatihan udah beres semua',
        'rekening {bank} juga udah disambungin',
      ],
      english: ['My {ewallet} account is active.', 'I finished the training on {date}.'],
    },
  },
  certificate: {
    subjects: {
      formal: [
        'Sertifikat belum muncul',
        'Status pelatihan belum selesai',
        'Sertifikat pelatihan tidak dapat diunduh',
        'Kendala sertifikat',
      ],
      chat: ['sertif blm keluar', 'sertifikat ga muncul min', 'status masih belum selesai', 'sertifikat kok ga ada'],
      english: ['Certificate not showing', 'Course still not completed', 'Cannot download certificate'],
    },
    problems: {
      formal: [
        'Sertifikat pelatihan saya belum muncul di dashboard, padahal semua modul sudah saya selesaikan.',
        'Saya sudah memberikan ulasan dan rating untuk pelatihan {course}, tetapi statusnya masih belum selesai.',
        'Mohon bantuan karena sertifikat pelatihan pertama saya tidak dapat diunduh.',
        'Status pelatihan saya di dashboard masih tertulis sedang berjalan walaupun saya sudah lulus ujian akhir.',
        'Lembaga pelatihan sudah menerbitkan sertifikat, tetapi belum tercatat di akun Prakerja saya.',
        'Saya sudah menonton seluruh video pelatihan {course}, namun sertifikatnya belum tersedia.',
      ],
      chat: [
        'sertif saya belum nongol di dashboard min, padahal udah tamat semua videonya',
        'udah kasih bintang 5 sama review tapi masih belum selesai statusnya',
        'kok sertifikat ga bisa didownload ya kak',
        'post test udah lulus tapi sertifnya ga keluar2',
        'pelatihan ke 2 statusnya masih belum selesai padahal udah 100%',
        'kelas {course} udah beres tapi sertifikatnya kosong',
      ],
      english: [
        'My certificate is not showing in the dashboard although I finished the course.',
        'I already gave the rating but the course is still marked as not completed.',
        'The certificate for {course} cannot be downloaded.',
      ],
    },
    details: {
      formal: ['Pelatihan tersebut saya beli di {platform}.', 'Saya sudah mencoba keluar dan masuk kembali ke akun.'],
      chat: ['belinya di {platform}', 'udah coba logout login lagi tetep sama'],
      english: ['I bought it on {platform}.'],
    },
  },
  training: {
    subjects: {
      formal: [
        'Kendala pembelian pelatihan',
        'Kode voucher tidak valid',
        'Saldo pelatihan berkurang',
        'Pembatalan pelatihan',
        'Batas waktu pembelian pelatihan',
      ],
      chat: [
        'ga bisa beli kelas',
        'kode voucher error',
        'saldo kepotong min',
        'mau cancel kelas',
        'video pelatihan ga bisa diputer',
      ],
      english: ['Cannot buy a course', 'Voucher code invalid', 'Training balance deducted', 'Cancel my course'],
    },
    problems: {
      formal: [
        'Saya tidak dapat membeli pelatihan di {platform} karena muncul pesan kesalahan saat pembayaran.',
        'Kode voucher yang saya dapatkan tidak dapat digunakan di situs lembaga pelatihan.',
        'Saldo pelatihan saya berkurang {amount} padahal saya belum membeli pelatihan apa pun.',
        'Saya ingin membatalkan pelatihan yang sudah dibeli karena jadwalnya tidak sesuai.',
        'Mohon informasi batas waktu pembelian pelatihan pertama bagi peserta gelombang {wave}.',
        'Video pelatihan di {platform} tidak bisa diputar sejak kemarin.',
        'Kelas yang sudah saya bayar dengan saldo Prakerja tidak muncul di halaman lembaga.',
      ],
      chat: [
        'mau beli kelas di {platform} kok error terus min',
        'kode redeemnya invalid kak, udah coba berkali2',
        'saldo pelatihan saya tiba2 kepotong {amount}, padahal belum beli apa2',
        'kelas yang saya beli ga bisa dibuka, gimana ini',
        'min saldo pelatihan saya hangus ya kalo ga dibeli sampe {date}?',
        'mau cancel pelatihan yang udah dibeli bisa ga?',
        'voucher saya katanya udah kepake padahal belum pernah saya tuker',
        'web lembaganya error mulu pas mau masukin kode',
      ],
      english: [
        'The voucher code says invalid when I redeem it on {platform}.',
        'I want to cancel the course I bought, the schedule does not fit.',
        'My training balance went down by {amount} but I did not buy anything.',
      ],
    },
    details: {
      formal: ['Saya sudah mencoba di aplikasi dan di browser.', 'Tangkapan layar saya lampirkan.'],
      chat: ['udah coba di hp sama laptop', 'ss nya sy lampirin ya'],
      english: ['I tried on both phone and laptop.', 'Screenshot attached.'],
    },
  },
  account: {
    subjects: {
      formal: [
        'Tidak dapat masuk ke akun',
        'Permohonan perubahan nomor HP',
        'Perubahan email akun',
        'Akun terblokir',
        'Perbaikan data diri',
      ],
      chat: ['ga bisa login', 'otp ga masuk', 'mau ganti nomor hp', 'akun ke kunci', 'nomor hp lama udh mati'],
      english: ['Cannot log in', 'Change my phone number', 'Account locked', 'OTP not received'],
    },
    problems: {
      formal: [
        'Saya tidak dapat masuk ke akun Prakerja karena kode OTP tidak pernah terkirim.',
        'Nomor HP saya yang lama sudah tidak aktif. Mohon bantuan untuk mengganti nomor HP di akun saya.',
        'Saya ingin mengubah alamat email pada akun Prakerja.',
        'Akun saya terblokir setelah beberapa kali salah memasukkan kata sandi.',
        'Nama saya di akun tertulis salah, mohon dapat diperbaiki sesuai KTP.',
        'Tanggal lahir pada profil saya keliru.',
        'Ponsel saya hilang sehingga nomor yang terdaftar tidak dapat dipakai lagi; mohon nomor akun dipindahkan ke nomor baru saya.',
      ],
      chat: [
        'min saya ga bisa login, otp nya ga masuk2',
        'hp saya ilang, nomornya udah ga aktif, mau ganti ke nomor baru gimana caranya',
        'nomor yang terdaftar udah hangus kak, tolong diupdate ke nomor ini aja',
        'lupa password terus pas reset ga dapet email',
        'akun saya ke kunci min',
        'mau pindahin akun ke nomor hp yang baru',
        'email lama saya udah ga bisa dibuka, mau ganti email',
        'kartu sim saya yang lama mati, jadi kode verifikasinya ga pernah nyampe',
      ],
      english: [
        'I cannot log in, the OTP never arrives.',
        'I lost my phone, please change the phone number on my account.',
        'My account is locked after too many password attempts.',
      ],
    },
    details: {
      formal: ['Saya sudah mencoba berkali-kali sejak {date}.', 'Mohon arahannya.'],
      chat: ['udah nyoba dari {date}', 'gimana solusinya'],
      english: ['I have tried since {date}.'],
    },
  },
  registration: {
    subjects: {
      formal: [
        'Pendaftaran tidak berhasil',
        'Gagal verifikasi KTP',
        'NIK sudah digunakan',
        'Pertanyaan persyaratan peserta',
        'Jadwal gelombang berikutnya',
      ],
      chat: ['ga lolos2', 'daftar gagal min', 'foto ktp ditolak', 'kapan gelombang baru', 'nik kepake orang'],
      english: ['Registration failed', 'Selfie verification failed', 'When is the next batch?'],
    },
    problems: {
      formal: [
        'Saya sudah mendaftar sejak gelombang {wave} tetapi belum pernah lolos seleksi.',
        'Saat mendaftar muncul keterangan bahwa NIK saya sudah digunakan.',
        'Verifikasi foto KTP saya selalu gagal.',
        'Apakah karyawan kontrak boleh mengikuti program ini?',
        'Mohon informasi kapan gelombang berikutnya dibuka.',
        'Data saya dinyatakan tidak sesuai dengan Dukcapil saat pendaftaran.',
      ],
      chat: [
        'udah daftar 5x ga pernah lolos min',
        'pas mau daftar katanya nik udah kepake, padahal saya belum pernah daftar',
        'foto selfie saya ditolak terus',
        'kapan buka gelombang baru kak?',
        'ibu rumah tangga bisa ikut prakerja ga?',
        'data saya ga sesuai dukcapil katanya, padahal ktp asli',
        'kalo udah pernah ikut bisa ikut lagi ga tahun depan?',
      ],
      english: [
        'I registered but the selfie verification keeps failing.',
        'When will the next batch open?',
        'The system says my NIK is already registered by someone else.',
      ],
    },
    details: {
      formal: ['KTP saya masih berlaku.', 'Saya belum pernah menerima Kartu Prakerja sebelumnya.'],
      chat: ['ktp saya masih berlaku kok', 'belum pernah dapet prakerja sebelumnya'],
      english: ['My ID card is still valid.'],
    },
  },
  fraud: {
    subjects: {
      formal: [
        'Laporan penipuan mengatasnamakan Prakerja',
        'Situs mencurigakan',
        'Laporan permintaan biaya administrasi',
        'Akun diambil alih',
      ],
      chat: ['ada penipuan min', 'hati2 penipu', 'ditelpon orang ngaku prakerja', 'web prakerja palsu?'],
      english: ['Scam report', 'Fake Prakerja website', 'Someone asked for my OTP'],
    },
    problems: {
      formal: [
        'Saya dihubungi seseorang yang mengaku petugas Prakerja dan meminta kode OTP saya.',
        'Ada yang meminta saya mentransfer biaya administrasi sebesar {amount} agar insentif saya dapat dicairkan.',
        'Saya menemukan situs {fakesite} yang meminta data kartu Prakerja. Apakah situs tersebut resmi?',
        'Ada akun media sosial yang menawarkan jasa pendaftaran dengan jaminan lolos.',
        'Akun Prakerja saya diambil alih orang lain dan nomor HP-nya diganti tanpa sepengetahuan saya.',
        'Saya menerima pesan berisi tautan yang mengatasnamakan Prakerja dan meminta data pribadi.',
      ],
      chat: [
        'min ada yang WA saya ngaku admin prakerja, minta kode otp',
        'tadi ditelpon katanya dari prakerja, disuruh transfer biaya admin {amount} biar insentifnya cair',
        'ada web {fakesite} minta isi data kartu, itu penipuan bukan?',
        'di fb ada yang jual akun prakerja, tolong ditindak',
        'saya dapet sms katanya menang undian prakerja, disuruh klik link',
        'ada yang nawarin pasti lolos asal bayar {amount}',
        'saya udah terlanjur transfer {amount} ke orang yang ngaku petugas',
      ],
      english: [
        'Someone called me pretending to be from Prakerja and asked for my OTP.',
        'A person asked me to pay an admin fee of {amount} to release my incentive.',
        'I found a website {fakesite} that asks for card data. Is it official?',
      ],
    },
    details: {
      formal: ['Saya belum memberikan kode apa pun.', 'Mohon agar hal ini ditindaklanjuti.'],
      chat: ['untung belum saya kasih', 'tolong ditindak min'],
      english: ['I did not give them anything.'],
    },
  },
  general: {
    subjects: {
      formal: [
        'Pertanyaan seputar program',
        'Saran untuk Prakerja',
        'Informasi program lanjutan',
        'Permohonan informasi',
      ],
      chat: ['mau nanya min', 'saran aja', 'info dong kak', 'tanya2 soal prakerja'],
      english: ['Question about the program', 'Suggestion', 'Information request'],
    },
    problems: {
      formal: [
        'Saya ingin menanyakan apakah ada program lanjutan setelah pelatihan selesai.',
        'Saya ingin memberikan saran agar lebih banyak pelatihan bahasa asing.',
        'Mohon informasi mengenai jam layanan pengaduan.',
        'Bagaimana cara mendapatkan informasi lowongan kerja dari mitra Prakerja?',
        'Apakah alumni Prakerja bisa mendapat bantuan modal usaha?',
      ],
      chat: [
        'min prakerja tuh programnya apa aja sih',
        'ada info loker ga kak buat alumni prakerja',
        'saran aja min, kelasnya ditambah yang soal jahit menjahit',
        'makasih prakerja, sangat membantu',
      ],
      english: [
        'Is there any job placement after the training?',
        'Just a suggestion: add more courses about programming.',
        'What are your service hours?',
      ],
    },
    details: {
      formal: ['Terima kasih atas program yang sangat bermanfaat ini.'],
      chat: ['makasih ya min'],
      english: ['Thank you for the program.'],
    },
  },
};

/** Slot values. */
export const SLOTS = {
  ewallet: ['OVO', 'GoPay', 'DANA', 'LinkAja', 'ShopeePay', 'rekening BNI'],
  platform: ['Tokopedia', 'Bukalapak', 'Pintaria', 'Sekolahmu', 'Pijar Mahir', 'Mau Belajar Apa', 'Karier.mu'],
  course: [
    'Digital Marketing',
    'Menjahit Dasar',
    'Barista Pemula',
    'Akuntansi UMKM',
    'Public Speaking',
    'Desain Grafis',
  ],
  fakesite: ['prakerja-bonus.xyz', 'kartuprakerja-resmi.site', 'daftarprakerja2024.com', 'prakerja.hadiah-online.net'],
  bank: ['BNI', 'BRI', 'Mandiri', 'BCA'],
  stage: ['1', '2', '3', '4', 'pertama', 'kedua', 'ketiga', 'terakhir'],
  wave: ['55', '58', '61', '63', '64', '66', '67'],
} as const;

export const GREETINGS: ByRegister = {
  formal: [
    'Yth. Tim Layanan Kartu Prakerja,',
    'Dengan hormat,',
    'Selamat pagi,',
    'Selamat siang Bapak/Ibu,',
    'Kepada Yth. Admin Prakerja,',
    'Assalamualaikum wr. wb.',
  ],
  chat: ['Halo min', 'min', 'Kak', 'Permisi admin', 'pagi min', 'Assalamualaikum min', 'hai kak', ''],
  english: ['Dear Prakerja team,', 'Hello,', 'Hi admin,', 'Good morning,'],
};

export const CLOSINGS: ByRegister = {
  formal: [
    'Atas perhatian dan bantuannya saya ucapkan terima kasih.',
    'Terima kasih.',
    'Mohon bantuannya.',
    'Wassalamualaikum wr. wb.',
  ],
  chat: ['makasih min', 'mohon bantuannya ya kak 🙏', 'tolong dibantu ya', 'ditunggu balasannya', 'thx', ''],
  english: ['Thank you.', 'Thanks in advance.', 'Please help.', 'Regards,'],
};

/** "I am a participant" openings that carry no field. */
export const INTROS: ByRegister = {
  formal: ['Saya peserta Kartu Prakerja gelombang {wave}.', 'Saya adalah penerima Kartu Prakerja.', ''],
  chat: ['sy peserta gel {wave}', 'aku penerima prakerja', '', ''],
  english: ['I am a Prakerja participant from batch {wave}.', ''],
};

/** Follow-ups that chase an earlier mail about the same problem. */
export const CHASERS: ByRegister = {
  formal: [
    'Saya sudah mengirim email sebelumnya namun belum mendapat tanggapan.',
    'Menindaklanjuti email saya terdahulu, masalah saya belum terselesaikan.',
  ],
  chat: ['min email saya kemarin belum dibales', 'up min, belum ada jawaban', 'kak gimana kelanjutannya?'],
  english: ['Following up on my previous email.', 'I wrote before and have had no answer.'],
};
