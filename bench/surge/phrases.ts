/**
 * Phrase banks for the surge evaluation, written for it: everyday complaints per category, two
 * surges told in many ways, and distractors. Templates use random.ts's syntax: `{a|b|}` picks one,
 * `{$slot}` fills a slot (wallet, platform, course, duration ...).
 */
import type { Category } from '#core/types.ts';

export interface Topic {
  subjects: string[];
  /**
   * A leading `[platform down]` or `[not paid]` tags a symptom: told of the surge's platform or
   * wallet and stage while the surge runs, the mail is one of its reports (see stream.ts).
   */
  cores: string[];
}

export interface CategoryBank {
  topics: Topic[];
  /** Optional second sentences. */
  details: string[];
}

export const WALLETS = ['OVO', 'GoPay', 'DANA', 'LinkAja', 'ShopeePay'];
export const BANKS = ['BNI', 'BRI', 'Mandiri', 'BCA', 'BSI'];
export const PLATFORMS = [
  'Tokopedia',
  'Bukalapak',
  'Pintaria',
  'Pijar Mahir',
  'Sekolahmu',
  'Mau Belajar Apa',
  'Sisnaker',
  'Karier.mu',
];
export const COURSES = [
  'Digital Marketing',
  'Public Speaking',
  'Microsoft Excel',
  'Desain Grafis',
  'Bahasa Inggris Kerja',
  'Barista Pemula',
  'Menjahit Busana',
  'Teknik Las',
  'Admin Gudang',
  'Copywriting',
  'Fotografi Produk',
  'Akuntansi Dasar',
];
export const DURATIONS = [
  '3 hari',
  '5 hari',
  'seminggu',
  '2 minggu',
  '3 minggu',
  'sebulan',
  'lebih dari sebulan',
  '10 hari',
];

export const GREETINGS = [
  'Selamat pagi min,',
  'Selamat siang admin,',
  'Halo kak,',
  'Permisi min,',
  'Assalamualaikum,',
  'Yth. Tim Prakerja,',
  'Dengan hormat,',
  'Sore min,',
  'Min,',
  'Hai admin prakerja,',
  '',
  '',
];
export const REQUESTS = [
  'Mohon dibantu ya min.',
  'Tolong dicek kak.',
  'Mohon bantuannya.',
  'Gimana solusinya?',
  'Mohon penjelasannya.',
  'Saya harus bagaimana?',
  'Terima kasih atas bantuannya.',
  'Mohon segera ditindaklanjuti.',
  'Ditunggu balasannya min.',
  '',
];
// Context people add to any complaint: everyday words get an everyday baseline.
export const ASIDES = [
  'Saya pakai HP Android.',
  'Internet saya lancar kok.',
  'Sinyal di rumah saya bagus.',
  'Saya sudah coba keluar masuk aplikasi.',
  'Kemarin masih bisa.',
  'Saya sedang bekerja di luar kota.',
  'Mohon maaf kalau mengganggu.',
  'Saya sudah menunggu dari minggu lalu.',
  'Teman saya menyarankan menulis ke sini.',
  'Saya sudah baca FAQ tapi tidak ada jawabannya.',
  'Saya sudah hubungi lewat media sosial tapi belum dibalas.',
  'Saya baru pertama kali ikut program ini.',
  'Saya sudah update aplikasi ke versi terbaru.',
  'Saya coba lagi tadi pagi hasilnya sama.',
  'Sudah saya screenshot kalau perlu bukti.',
  'Saya tidak paham harus bagaimana lagi.',
  'Tolong jangan diabaikan ya min.',
  'Saya tinggal di daerah, jadi susah ke kantor.',
  'Saya coba buka di laptop juga sama.',
  'Saya sudah hapus cache browser.',
  'Sebelumnya tidak pernah ada masalah.',
  'Saya takut batas waktunya lewat.',
  'Saya sangat berharap segera ada jawaban.',
  'Balasan otomatis sebelumnya tidak menjawab pertanyaan saya.',
  'Semoga cepat ditanggapi.',
  'Saya sudah menunggu beberapa jam.',
  'Saya lampirkan data saya di bawah.',
  'Keluarga saya juga peserta.',
  'Jam kerja saya pagi sampai sore.',
  'Situs lain bisa dibuka normal.',
];
export const CLOSINGS = ['Terima kasih', 'Salam', 'Hormat saya', 'Makasih min', 'Wassalam', 'Thanks'];

// Everyday complaints: what the centre gets all day, as topics whose subject and text agree (a
// mail's slots are drawn once). "DANA" is one wallet among five and "dana" also means money;
// stages, platforms and access trouble appear at everyday rates, in everyday combinations.
export const BANKS_BY_CATEGORY: Record<Category, CategoryBank> = {
  incentive: {
    topics: [
      {
        subjects: [
          'insentif belum masuk',
          'Insentif {belum|blm} cair',
          'insentif tidak masuk ke {$wallet}',
          'Pertanyaan insentif',
        ],
        cores: [
          '[not paid] Insentif saya {belum|sampai sekarang belum} masuk ke {$wallet} padahal pelatihan sudah selesai {$duration} yang lalu.',
          'Dana insentif saya kapan cair ya? Sudah {$duration} menunggu.',
          '[not paid] Tertulis proses transfer sejak {$duration} lalu tapi dana belum masuk ke {$wallet}.',
        ],
      },
      {
        subjects: ['insentif gagal', 'Status insentif gagal di dashboard', 'Insentif gagal terkirim'],
        cores: [
          'Di dashboard status insentif saya tertulis gagal, padahal akun {$wallet} saya aktif.',
          'Kenapa insentif saya dikembalikan? Akun {$wallet} saya sudah premium.',
          'Nomornya sudah saya cek benar, tapi insentif tetap gagal terkirim ke {$wallet}.',
          'Saldo {$wallet} saya penuh jadi insentif gagal, apakah bisa dikirim lagi?',
          'Nomor {$wallet} yang terdaftar ternyata salah satu angka, insentif jadi gagal.',
        ],
      },
      {
        subjects: ['Insentif {$stage} belum cair', 'Insentif {$stage}', 'kapan insentif {$stage} cair?'],
        cores: [
          '[not paid] Insentif {$stage} saya belum cair sampai hari ini.',
          '[not paid] Insentif saya sebelumnya sudah masuk tapi {$stage} belum.',
          'Kapan jadwal pencairan insentif {$stage}? Di dashboard belum ada keterangan.',
        ],
      },
      {
        subjects: ['Ganti nomor e-wallet', 'ganti nomor {$wallet}', 'Perubahan akun pembayaran'],
        cores: [
          'Saya sudah ganti nomor {$wallet}, bagaimana supaya insentif bisa dikirim ulang?',
          'Kemarin saya ganti nomor e-wallet, apakah insentif berikutnya tetap lancar?',
          'Akun {$wallet} saya belum upgrade, apakah insentif tetap bisa dikirim?',
          'Rekening {$bank} sudah saya sambungkan tapi insentif belum ditransfer.',
        ],
      },
      {
        subjects: ['Insentif survei belum ada', 'insentif survei evaluasi'],
        cores: ['Insentif survei evaluasi belum saya terima padahal surveinya sudah saya isi.'],
      },
      {
        subjects: ['Nominal insentif kurang', 'insentif tidak sesuai'],
        cores: ['Yang masuk ke {$wallet} saya hanya sebagian, tidak sesuai dengan jumlah insentif.'],
      },
      {
        subjects: [
          'insentif sudah dikirim tapi belum diterima',
          'Status berhasil tapi belum masuk',
          'Insentif terkirim?',
        ],
        cores: [
          '[not paid] Notifikasi bilang insentif sudah dikirim tapi saldo {$wallet} saya belum bertambah.',
          '[not paid] Statusnya di dashboard berhasil, tapi saya belum menerima apa-apa di {$wallet}.',
          'Riwayat transaksi di dompet digital saya tidak ada kiriman insentif.',
        ],
      },
      {
        subjects: ['Menunggu pembayaran', 'insentif tertunda'],
        cores: [
          'Sudah {$duration} status insentif saya menunggu pembayaran terus.',
          'Pencairan insentif saya tertunda, katanya ada gangguan di bank {$bank}.',
          'Saya sudah memberi rating dan ulasan tapi insentif belum juga ada.',
        ],
      },
    ],
    details: [
      'Pelatihan {$course} sudah saya selesaikan.',
      'Sertifikat juga sudah terbit.',
      'Saya sudah cek riwayat transaksi tapi tidak ada.',
      'Nomor {$wallet} saya masih aktif dipakai.',
      'Teman saya yang daftar bareng sudah dapat.',
      'Dana itu sangat saya butuhkan untuk modal usaha.',
      'Saya sudah menunggu cukup lama.',
      'Insentif sebelumnya masuk lancar.',
      'Teman saya juga mengalami hal yang sama.',
      'Saya sudah cek berkali-kali sejak kemarin.',
    ],
  },
  certificate: {
    topics: [
      {
        subjects: ['Sertifikat tidak muncul', 'sertifikat {belum|blm} ada di dashboard', 'Masalah sertifikat'],
        cores: [
          'Sertifikat pelatihan {$course} saya belum muncul di dashboard Prakerja.',
          'Sudah {$duration} sertifikat belum juga tampil.',
          'Rating sudah saya berikan tapi sertifikat belum tercatat.',
        ],
      },
      {
        subjects: ['Status pelatihan belum selesai', 'status masih berjalan'],
        cores: [
          'Saya sudah menyelesaikan pelatihan dan memberi ulasan tapi status masih belum selesai.',
          'Status pelatihan saya masih sedang berjalan padahal semua modul sudah selesai.',
        ],
      },
      {
        subjects: ['nama di sertifikat salah', 'Sertifikat {$platform}'],
        cores: ['Nama di sertifikat dari {$platform} salah ketik, bagaimana memperbaikinya?'],
      },
      {
        subjects: ['Sertifikat {$platform}', 'sertifikat tidak terbaca', 'Unggah sertifikat gagal'],
        cores: [
          'Sertifikat sudah terbit di {$platform} tapi tidak terbaca di dashboard Prakerja.',
          'Waktu unggah sertifikat muncul pesan gagal terus.',
        ],
      },
      {
        subjects: ['kode sertifikat tidak valid', 'Sertifikat tidak bisa diunduh'],
        cores: [
          'Kode sertifikat saya dibilang tidak valid saat dicek.',
          'Sertifikat tidak bisa diunduh, filenya kosong.',
          '[platform down] Situs {$platform} error waktu saya mau mengunduh sertifikat.',
        ],
      },
    ],
    details: [
      'Semua video dan kuis sudah saya kerjakan.',
      'Saya sudah mencoba keluar masuk akun.',
      'Padahal sertifikat itu syarat untuk insentif.',
      'Ulasan sudah saya kirim di hari yang sama.',
      'Saya ikut pelatihan lewat {$platform}.',
    ],
  },
  training: {
    topics: [
      {
        subjects: ['Kode voucher tidak bisa diredeem', 'voucher pelatihan error', 'Redeem voucher gagal'],
        cores: [
          'Kode voucher dari Prakerja tidak bisa diredeem di {$platform}, muncul kode sudah dipakai.',
          'Setelah redeem voucher kelasnya tidak ada di akun {$platform} saya.',
        ],
      },
      {
        subjects: ['Saldo pelatihan terpotong', 'Kelas tidak muncul di {$platform}'],
        cores: ['Saldo pelatihan saya sudah terpotong tapi kelas {$course} tidak muncul di {$platform}.'],
      },
      {
        subjects: ['Pembatalan pelatihan', 'tukar pelatihan'],
        cores: [
          'Saya ingin membatalkan pelatihan yang sudah terlanjur dibeli di {$platform}.',
          'Saya salah beli pelatihan, apakah bisa tukar dengan yang lain?',
        ],
      },
      {
        subjects: ['Video pelatihan tidak bisa diputar', 'Tidak bisa akses kelas', 'Kelas {$platform} bermasalah'],
        cores: [
          '[platform down] Video pelatihan {$course} di {$platform} tidak bisa diputar di HP saya.',
          'Saya tidak bisa akses kelas {$course} di {$platform}, katanya belum terdaftar.',
          '[platform down] Halaman kelas di {$platform} loading terus kalau dibuka dari HP saya.',
          '[platform down] Aplikasi {$platform} minta login ulang terus setiap dibuka.',
          '[platform down] Saya tidak bisa akses situs {$platform} dari jaringan kantor.',
        ],
      },
      {
        subjects: ['batas waktu beli pelatihan', 'Saldo pelatihan hangus'],
        cores: [
          'Batas waktu membeli pelatihan pertama tinggal {2|3|5} hari, tapi saldo belum bisa dipakai.',
          'Saldo pelatihan saya hangus padahal belum dipakai.',
        ],
      },
      {
        subjects: ['Pelatihan {$course}', 'Progress pelatihan hilang', 'Kuis error'],
        cores: [
          'Jadwal webinar pelatihan {$course} berubah tanpa pemberitahuan.',
          'Progress pelatihan saya di {$platform} hilang, harus mengulang dari awal.',
          'Kuis akhir pelatihan {$course} error waktu dikirim.',
          '[platform down] Website {$platform} error waktu saya mau mengirim tugas akhir.',
          'Semalam {$platform} sempat maintenance, progress saya tidak tersimpan.',
        ],
      },
    ],
    details: [
      'Saya beli pelatihan lewat {$platform}.',
      'Sudah saya coba di laptop juga sama saja.',
      'CS {$platform} menyuruh saya menghubungi Prakerja.',
      'Saldo tersisa masih ada.',
      'Saya takut saldo hangus.',
      'Internet saya lancar, aplikasi lain bisa dibuka.',
      'Muncul tulisan terjadi kesalahan.',
    ],
  },
  account: {
    topics: [
      {
        subjects: ['OTP tidak masuk', 'kode otp {ga|tidak} masuk'],
        cores: [
          'Kode OTP tidak pernah masuk ke nomor HP saya, jadi tidak bisa login.',
          'Notifikasi OTP masuk tapi kodenya selalu dibilang salah.',
        ],
      },
      {
        subjects: ['Tidak bisa login', 'lupa password'],
        cores: [
          'Saya tidak bisa login, katanya password salah padahal sudah direset.',
          'Saya lupa password dan email reset tidak pernah datang.',
          'Aplikasi Prakerja error terus waktu saya login sejak kemarin.',
        ],
      },
      {
        subjects: ['Ganti nomor HP', 'Ganti email akun'],
        cores: [
          'Nomor HP saya yang lama sudah hangus, saya mau ganti ke nomor baru.',
          'Saya ingin mengganti email akun karena email lama tidak bisa dibuka.',
          'Link verifikasi email selalu kedaluwarsa sebelum saya klik.',
        ],
      },
      {
        subjects: ['Akun terblokir'],
        cores: ['Akun saya terblokir setelah salah memasukkan OTP beberapa kali.'],
      },
      {
        subjects: ['Perbaikan data akun', 'data akun salah'],
        cores: [
          'Nama ibu kandung di data akun saya salah, bagaimana cara memperbaiki?',
          'Tanggal lahir di akun saya tidak sesuai KTP.',
        ],
      },
    ],
    details: [
      'Sudah saya coba berkali-kali.',
      'Sinyal HP saya bagus.',
      'Nomor lama sudah tidak aktif.',
      'Saya takut ketinggalan batas waktu.',
    ],
  },
  registration: {
    topics: [
      {
        subjects: ['NIK sudah terdaftar'],
        cores: ['Waktu daftar muncul pesan NIK sudah terdaftar padahal saya belum pernah daftar.'],
      },
      {
        subjects: ['Tidak lolos seleksi', 'Pendaftaran gelombang baru', 'Status pendaftaran'],
        cores: [
          'Saya tidak lolos seleksi gelombang {$wave}, apa alasannya?',
          'Kapan gelombang berikutnya dibuka?',
          'Status pendaftaran saya menunggu verifikasi sudah {$duration}.',
          'Saya sudah gabung gelombang {$wave} tapi belum ada pengumuman.',
        ],
      },
      {
        subjects: ['verifikasi KTP gagal', 'Foto selfie ditolak'],
        cores: [
          'Verifikasi KTP saya gagal terus padahal foto sudah jelas.',
          'Foto selfie dengan KTP saya ditolak sistem.',
        ],
      },
      {
        subjects: ['Syarat pendaftaran'],
        cores: ['Apakah lulusan SMA yang sedang bekerja boleh ikut program ini?'],
      },
    ],
    details: ['Data saya sesuai KTP.', 'Saya sudah mencoba ulang beberapa kali.', 'Mohon info syaratnya.'],
  },
  fraud: {
    topics: [
      {
        subjects: ['Penipuan atas nama prakerja', 'ada yang minta OTP'],
        cores: [
          'Ada yang WA saya mengaku admin Prakerja dan meminta kode OTP.',
          'Ada telepon dari nomor tidak dikenal yang mengaku petugas dan minta transfer biaya.',
        ],
      },
      {
        subjects: ['Laporan situs palsu'],
        cores: ['Saya menemukan situs yang mirip Prakerja meminta data kartu, apakah itu palsu?'],
      },
      {
        subjects: ['Tawaran pasti lolos', 'jual beli akun'],
        cores: [
          'Saya ditawari jasa pasti lolos seleksi dengan membayar {$amount}.',
          'Di grup Facebook ada yang jual akun Prakerja, tolong ditindak.',
        ],
      },
      {
        subjects: ['Akun saya dibobol'],
        cores: ['Akun saya dibobol orang dan nomor {$wallet} diganti tanpa izin.'],
      },
    ],
    details: ['Saya tidak memberikan apa-apa.', 'Saya sempat mengisi data di sana.', 'Saya simpan buktinya.'],
  },
  general: {
    topics: [
      {
        subjects: ['Pertanyaan', 'Info program', 'Program lanjutan'],
        cores: [
          'Bagaimana cara ikut program ini untuk orang yang baru lulus?',
          'Apakah ada program lanjutan setelah pelatihan selesai?',
          'Berapa kali seseorang boleh ikut program Prakerja?',
          'Apakah pelatihan offline sudah dibuka lagi?',
        ],
      },
      { subjects: ['Saran'], cores: ['Saran saya aplikasi Prakerja dibuat lebih ringan.'] },
      { subjects: ['Tanya lowongan'], cores: ['Apakah Prakerja membantu mencarikan lowongan kerja?'] },
    ],
    details: ['Terima kasih informasinya.', 'Saya tinggal di luar Jawa.'],
  },
};

// The reference site's mix: most mail is about incentives and certificates.
export const CATEGORY_MIX: readonly (readonly [Category, number])[] = [
  ['incentive', 40],
  ['certificate', 22],
  ['training', 12],
  ['account', 11],
  ['registration', 8],
  ['fraud', 3],
  ['general', 4],
];

/** Surge 1: a second-stage incentive payment run to one e-wallet (DANA) did not arrive. */
export const SURGE_WALLET = {
  subjects: [
    'insentif {tahap 2|tahap kedua|ke-2} belum masuk DANA',
    'Insentif tahap II {belum|blm} {masuk|diterima}',
    'pencairan {kedua|ke-2} ke DANA {belum|gak|tidak} ada',
    'DANA {belum|blm} terima insentif',
    'status berhasil tapi saldo DANA {kosong|tidak bertambah}',
    'Insentif {tahap 2|kedua} via DANA',
    'kenapa insentif {kedua|tahap 2} {blm|belum} cair?',
    'Pembayaran {tahap 2|ke-2} insentif',
    'Insentif tahap 2',
    '{tolong|mohon} cek insentif {tahap kedua|tahap 2} saya',
    'insentif ke DANA tidak masuk',
  ],
  openings: [
    'Insentif {tahap 2|tahap kedua|tahap ke-2|tahap II} saya {belum|blm|sampai sekarang belum} masuk ke {$danaForm}.',
    'Pencairan insentif {kedua|ke-2} {belum|blm} {saya terima|masuk} di {$danaForm}.',
    'Pembayaran insentif {tahap 2|ke-2} ke {$danaForm} {tidak|gak|belum} {ada|masuk} sampai {sekarang|siang ini|sore ini}.',
    'Saya mau tanya kenapa insentif {tahap 2|tahap kedua} ke {$danaForm} {belum|blm} cair ya?',
    'Di dashboard insentif {tahap 2|tahap kedua|kedua} saya statusnya {berhasil|sudah dikirim|terkirim}, tapi {$danaForm} saya {tidak bertambah|kosong|tidak ada transaksi masuk}.',
    '{$danaForm} saya belum {menerima|dapat} insentif {tahap 2|tahap kedua|yang kedua} padahal {tahap 1|yang pertama} lancar.',
    'Insentif {tahap 2|kedua} {harusnya|seharusnya} sudah masuk {hari ini|kemarin} ke {$danaForm}, tapi belum ada.',
    'Sudah dicek berkali-kali, insentif {tahap 2|tahap II|tahap kedua} tidak masuk ke {$danaForm}.',
    'Saya {belum|blm} terima insentif {tahap 2|tahap kedua} di {$danaForm}.',
    'Notifikasi bilang insentif {tahap 2|kedua} sudah ditransfer ke {$danaForm}, tapi riwayat transaksinya kosong.',
    // Some never name the stage, some name no wallet: they are part of the surge all the same.
    'Insentif saya yang {terakhir|bulan ini} {belum|blm} masuk ke {$danaForm} padahal status sudah berhasil.',
    'Insentif {tahap 2|tahap kedua} saya tidak kunjung sampai di dompet digital, walau statusnya sudah berhasil.',
  ],
  details: [
    '{Teman|Temen} saya yang pakai DANA juga {sama|mengalami hal yang sama}.',
    'Di grup peserta banyak yang {mengeluh|ngeluh} hal yang sama.',
    'Akun DANA saya {sudah premium|sudah verifikasi|aktif} dan {nomornya|nomor} sama dengan yang terdaftar.',
    'Tahap 1 kemarin masuk {tanpa masalah|lancar-lancar saja}.',
    'Saya sudah {cek|mengecek} riwayat transaksi DANA {tapi|dan} tidak ada.',
    'Status di dashboard {tertulis|sudah} {berhasil|terkirim} sejak {tadi pagi|pagi tadi|beberapa jam lalu}.',
    'Apakah ada gangguan pengiriman ke DANA hari ini?',
    'Sudah saya tunggu {beberapa jam|dari pagi|sejak subuh}.',
    '',
  ],
  danaForms: ['DANA', 'akun DANA', 'e-wallet DANA', 'dompet DANA', 'Dana', 'aplikasi DANA', 'saldo DANA'],
};

/** Surge 2: one training platform (Pijar Mahir) cannot be reached: an outage. */
export const SURGE_OUTAGE = {
  platformForms: [
    'Pijar Mahir',
    'PijarMahir',
    'pijar mahir',
    'Pijar Mahir',
    'situs Pijar Mahir',
    'aplikasi Pijar Mahir',
  ],
  subjects: [
    '{$platform} {error|eror|down|tidak bisa dibuka}',
    'Tidak bisa akses {$platform}',
    'situs {$platform} {gangguan|error}',
    '{gak|tidak} bisa login {$platform}',
    'Kelas di {$platform} tidak bisa dibuka',
    'Pelatihan {$platform} error',
    '{$platform} maintenance?',
    'video {$platform} loading terus',
  ],
  openings: [
    '{Sejak|Dari} {tadi|pagi tadi|jam 2 tadi|setengah jam lalu} {$platform} {tidak bisa|gak bisa|ga bisa} dibuka sama sekali.',
    'Saya tidak bisa {akses|masuk ke|login ke} {$platform}, {muncul tulisan|keluar pesan} {error 502|server error|503 service unavailable|terjadi kesalahan}.',
    'Website {$platform} {down|error|gangguan} ya? Halamannya {blank|putih|loading terus}.',
    'Kelas {$course} di {$platform} tidak bisa {dibuka|diakses}, {loading terus|muncul error|halaman kosong}.',
    '{$platform} {error|gangguan} terus {dari tadi|sejak siang}, saya tidak bisa melanjutkan pelatihan.',
    'Mau lanjut pelatihan {$course} tapi {$platform} {tidak bisa diakses|down|error terus}.',
    'Setiap login ke {$platform} {muncul|keluar} {error|gateway timeout|pesan gagal memuat}.',
    'Video pelatihan di {$platform} {tidak bisa diputar|loading terus|error} dari tadi, padahal internet saya lancar.',
    'Aplikasi dan website {$platform} dua-duanya {tidak bisa dibuka|error}.',
    'Apakah {$platform} sedang maintenance? Saya tidak bisa {masuk|akses kelas} sama sekali.',
  ],
  details: [
    'Padahal batas waktu pelatihan saya {tinggal sedikit|besok|tinggal 2 hari}.',
    'Sudah saya coba {di HP dan laptop|ganti browser|hapus cache} tetap sama.',
    'Teman saya yang ikut kelas di {$platform} juga {tidak bisa masuk|sama}.',
    'Takutnya progress pelatihan saya hilang.',
    'Jadwal webinar saya {sebentar lagi|jam 3 nanti}, bagaimana ini?',
    'Internet saya {normal|lancar}, situs lain bisa dibuka.',
    '',
  ],
};

/** A participant writing again and again about one odd problem: many messages, one participant. */
export const REPEAT_SENDER = {
  subjects: ['Penukaran poin mitra', 'poin mitra belum ditukar', 'Re: poin mitra', 'poin loyalitas mitra hilang'],
  openings: [
    'Poin loyalitas mitra saya {hilang|berkurang} setelah penukaran kemarin, tolong dikembalikan.',
    'Saya menulis lagi soal poin loyalitas mitra yang {hilang|tidak kembali}.',
    'Sampai sekarang poin mitra saya belum dikembalikan, sudah saya tanyakan {berkali-kali|dari pagi}.',
  ],
};

/** A handful of participants with the same new problem: real, but not yet enough to be a surge. */
export const SMALL_CLUSTER = {
  subjects: ['pembayaran QRIS gagal', 'bayar pelatihan pakai QRIS error'],
  openings: [
    'Saya coba bayar kekurangan harga pelatihan pakai QRIS di {$platform} tapi {gagal|error} terus.',
    'Pembayaran selisih harga kelas lewat QRIS {gagal|tidak berhasil}, saldo saya sudah terpotong.',
  ],
};

export const FIRST_NAMES = [
  'Andi',
  'Budi',
  'Citra',
  'Dewi',
  'Eko',
  'Fajar',
  'Gita',
  'Hendra',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Maya',
  'Nanda',
  'Oki',
  'Putri',
  'Rahmat',
  'Sari',
  'Taufik',
  'Umi',
  'Vina',
  'Wahyu',
  'Yoga',
  'Zahra',
  'Agus',
  'Bayu',
  'Dimas',
  'Fitri',
  'Galih',
  'Hana',
  'Irfan',
  'Laras',
  'Mega',
  'Nur',
  'Rizky',
  'Siti',
  'Teguh',
  'Wulan',
  'Yusuf',
  'Ayu',
];
export const LAST_NAMES = [
  'Pratama',
  'Santoso',
  'Wijaya',
  'Saputra',
  'Lestari',
  'Hidayat',
  'Nugroho',
  'Kurniawan',
  'Susanti',
  'Rahmawati',
  'Setiawan',
  'Permata',
  'Siregar',
  'Nasution',
  'Halim',
  'Purnomo',
  'Maharani',
  'Utami',
  'Firmansyah',
  'Anggraini',
  '',
  '',
];
export const MAIL_DOMAINS = ['surel.example', 'posku.example', 'mailnesia.example', 'kantorpos.example'];
