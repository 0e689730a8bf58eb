/**
 * Classifier rules: weighted term patterns per category, Indonesian (formal and chat spelling)
 * and English. Patterns are lower-case without the `i` flag: the classifier lower-cases the text
 * once, which is faster than case-insensitive matching 45 times. Each rule counts once per message however often it matches; the subject counts
 * more, the participant's quoted earlier mail less (see classify.ts). Glosses say what the
 * Indonesian means. Tuned for meaning, not for any one message: add synonyms, not sentences.
 */
import type { Category } from './types.ts';

export interface Rule {
  /** Short name shown to agents as evidence. */
  term: string;
  pattern: RegExp;
  weight: number;
}

// Chat spellings: blm/belum (not yet), udh/sudah (already), ga/gak/tdk/tidak (not), sy/saya (I).
const NOT_YET = '(?:belum|blm|blum|tidak|tdk|ga|gak|nggak|ngga|gk|not|never|no)';

export const RULES: Record<Category, Rule[]> = {
  fraud: [
    // fake site, scam, phishing
    {
      term: 'fake site / scam',
      pattern:
        /\b(?:situs|web(?:site)?|link|akun|aplikasi|apk)\s+(?:\w+\s+)?(?:palsu|abal|bodong)|\bpenipu(?:an)?\b|\bmenipu\b|\bditipu\b|\bscam(?:mer)?\b|\bphishing\b|\bhoax\b|\bfake\b|\bfraud\b|\bpalsu\b/,
      weight: 3,
    },
    // impersonating staff: "ngaku petugas prakerja" (claiming to be staff)
    {
      term: 'impersonation',
      pattern:
        /\b(?:ngaku|ngakunya|mengaku|mengatasnamakan|atas nama|pretend(?:ing|ed)? to be|claim(?:ing|ed)? to be)\s+(?:\w+\s+){0,2}(?:petugas|admin|pihak|dari|dr|staff?|officer|cs|prakerja)\b/,
      weight: 3,
    },
    // someone asking for / being given the OTP or money
    {
      term: 'OTP or money requested',
      pattern:
        /\b(?:minta|meminta|mintain|nanya|asked?(?: me)? for|request(?:ed)?)\s+(?:\w+\s+){0,2}(?:otp|kode|pin|password|uang|transfer|biaya|bayar(?:an)?)\b|\b(?:kasih|kasi|berikan|memberikan|kirim(?:kan|in)?|gave|share[d]?)\s+(?:\w+\s+){0,2}otp\b/,
      weight: 3,
    },
    // "pasti lolos" (sure to pass), "orang dalam" (insider), selling accounts
    {
      term: 'paid pass / insider / account selling',
      pattern:
        /\b(?:pasti|dijamin|jamin(?:an)?|garansi|100%)\s+lolos\b|\borang dalam\b|\b(?:jual|beli|jasa)\s+(?:\w+\s+)?(?:akun|kartu prakerja|lolos|pendaftaran|daftar)\b|\bcalo\b/,
      weight: 3,
    },
    {
      term: 'prakerja look-alike domain',
      pattern: /prakerja[-.]?(?:vip|resmi|bonus|gratis|id\d|hadiah)|(?:vip|resmi|bonus)[-.]?prakerja/,
      weight: 3,
    },
    // account taken over, e-wallet number changed by someone else
    {
      term: 'account taken over',
      pattern:
        /\b(?:dibobol|diretas|dibajak|dihack|di-hack|hacked|hijacked|diambil alih|taken over|tanpa izin|tanpa sepengetahuan)\b|\bdiganti\s+(?:sama|oleh|by)\s+(?:dia|orang|pelaku|penipu)\b/,
      weight: 3,
    },
  ],
  incentive: [
    { term: 'insentif', pattern: /\binsentif\w*|\bincentives?\b|\binsentip\b/, weight: 2 },
    { term: 'pencairan (disbursement)', pattern: /\b(?:pencairan|dicairkan|cair|disburse\w*)\b/, weight: 1 },
    {
      term: 'e-wallet / BNI account',
      pattern:
        /\b(?:e-?wallet|dompet digital|ovo|gopay|go-pay|dana|linkaja|link aja|shopeepay|rekening bni|rek(?:\.|ening)? bni|bni)\b/,
      weight: 1,
    },
    {
      term: 'not received / failed transfer',
      pattern: new RegExp(
        String.raw`\b(?:${NOT_YET}\s+(?:masuk|diterima|terima|cair|ditransfer|received|arrived)|gagal(?:\s+transfer)?|dikembalikan|refund(?:ed)?|proses transfer|sedang diproses|transfer ulang|dikirim ulang|kirim ulang|sebagian|partial(?:ly)?)\b`,
        '',
      ),
      weight: 1,
    },
    {
      term: 'e-wallet status (premium, limit, verified)',
      pattern:
        /\b(?:premium|premier|full service|melebihi limit|limit|upgrade|dormant|tidak aktif|verifikasi e-?wallet)\b/,
      weight: 1,
    },
    { term: 'survei (survey incentive)', pattern: /\bsurvei\b|\bsurvey\b/, weight: 1 },
  ],
  certificate: [
    { term: 'sertifikat', pattern: /\bsertifikat\w*|\bsertif\b|\bcertificates?\b/, weight: 2 },
    { term: 'rating / ulasan (review)', pattern: /\b(?:rating|ulasan|review|bintang|rate)\b/, weight: 1.5 },
    {
      term: 'status "belum selesai" (not finished)',
      pattern: new RegExp(
        String.raw`\b(?:${NOT_YET}\s+selesai|${NOT_YET}\s+tuntas|still (?:says )?"?belum selesai|not (?:marked )?(?:as )?(?:complete|finished))\b`,
        '',
      ),
      weight: 1.5,
    },
    {
      term: 'not shown on dashboard',
      pattern: new RegExp(
        String.raw`\b(?:${NOT_YET}\s+(?:muncul|tampil|ada|terbit|keluar|update|terupdate|shown|showing|appear\w*)|tidak\s+tampil|not\s+(?:shown|showing|appearing|displayed))\b`,
        '',
      ),
      weight: 1,
    },
    {
      term: 'penyelesaian (completion)',
      pattern: /\b(?:penyelesaian|completion|completed|menyelesaikan|selesai 100%|100% selesai)\b/,
      weight: 0.5,
    },
  ],
  training: [
    {
      term: 'beli pelatihan (purchase)',
      pattern: /\b(?:beli|membeli|dibeli|pembelian|bought|buy|purchas\w*|checkout)\b/,
      weight: 2,
    },
    {
      term: 'voucher / kode redeem',
      pattern: /\b(?:voucher|vocher|vouchernya|redeem\w*|kode\s+(?:redeem|voucher|pelatihan)|kupon)\b/,
      weight: 2,
    },
    {
      term: 'saldo (training balance)',
      pattern:
        /\bsaldo\s+(?:pelatihan|prakerja|kartu)|\bsisa\s+saldo\b|\bsaldo\w*\s+(?:hangus|habis|terpotong|kepotong|berkurang|kembali|dibalikin)|\btraining balance\b/,
      weight: 2,
    },
    {
      term: 'hangus / expired / deducted',
      pattern: /\b(?:hangus|expired?|kadaluarsa|kedaluwarsa|kadaluwarsa|terpotong|kepotong|berkurang|forfeit\w*)\b/,
      weight: 1,
    },
    {
      term: 'batal / jadwal (cancel, schedule)',
      pattern: /\b(?:batal\w*|pembatalan|cancel\w*|jadwal|schedule|batas\s+(?:waktu\s+)?pembelian|purchase deadline)\b/,
      weight: 1,
    },
    {
      term: 'training platform',
      pattern:
        /\b(?:tokopedia|bukalapak|pintaria|pijar\s?mahir|sekolahmu|mau belajar apa|sisnaker|kelas\.com|skill academy|vokraf)\b/,
      weight: 0.5,
    },
    {
      term: 'lembaga pelatihan / course site',
      pattern: /\b(?:lembaga pelatihan|web lembaga|situs lembaga|course|kelas|error\s*\d*|eror)\b/,
      weight: 0.5,
    },
  ],
  account: [
    {
      term: 'login',
      pattern:
        /\b(?:login|log in|sign in|masuk (?:ke )?akun|tidak bisa masuk|ga bisa masuk|gak bisa masuk|gabisa masuk)\b/,
      weight: 2,
    },
    { term: 'OTP / kode verifikasi', pattern: /\b(?:otp|kode verifikasi|verification code|sms)\b/, weight: 1.5 },
    {
      term: 'ganti nomor/email (change contact)',
      pattern:
        /\b(?:ganti|ubah|mengganti|mengubah|perbarui|update|change|pindah)\s+(?:\w+\s+){0,2}(?:no(?:mor)?|hp|email|e-mail|nomer|phone|number|data)\b|\b(?:no(?:mor)?\.?\s*hp|email|nomer)\s+(?:lama|baru)\b/,
      weight: 2,
    },
    { term: 'akun (account)', pattern: /\bakun\b|\baccount\b/, weight: 1 },
    {
      term: 'diblokir / dinonaktifkan (blocked)',
      pattern:
        /\b(?:diblokir|blokir|terblokir|dinonaktifkan|nonaktif|non-aktif|disuspend|suspend\w*|blocked|deactivated|terkunci|locked)\b/,
      weight: 2,
    },
    { term: 'password', pattern: /\b(?:lupa password|lupa kata sandi|password|kata sandi|reset)\b/, weight: 1.5 },
    {
      term: 'data diri salah (wrong personal data)',
      pattern:
        /\bnama\s+(?:\w+\s+){0,4}(?:salah|keliru|typo)|\bsalah\s+(?:ketik|tulis|input)|\btypo\b|\b(?:perbaiki|ubah|koreksi|betulkan|dibetulkan)\s+(?:\w+\s+)?(?:data|nama)|\bdata diri\b|\btanggal lahir\b/,
      weight: 2,
    },
  ],
  registration: [
    {
      term: 'daftar (register)',
      pattern: /\b(?:daftar|mendaftar|pendaftaran|didaftarkan|register\w*|registrasi|sign up)\b/,
      weight: 1.5,
    },
    { term: 'gelombang (wave)', pattern: /\bgelombang\b|\bwave\b|\bbatch\b/, weight: 1.5 },
    {
      term: 'seleksi / lolos (selection)',
      pattern: /\b(?:seleksi|lolos|selection|passed the|not selected)\b/,
      weight: 2,
    },
    {
      term: 'NIK sudah terdaftar (NIK already used)',
      pattern: /\bnik\s+(?:\w+\s+){0,2}(?:terdaftar|digunakan|dipakai|dipake|registered|used)\b/,
      weight: 3,
    },
    {
      term: 'verifikasi KTP / selfie',
      pattern:
        /\b(?:verifikasi|validasi|upload|unggah|foto)\s+(?:\w+\s+){0,2}(?:ktp|selfie|swafoto|wajah|identitas|data)\b|\bselfie\b|\bswafoto\b|\bdukcapil\b/,
      weight: 2.5,
    },
    {
      term: 'syarat (eligibility)',
      pattern: /\b(?:syarat|persyaratan|memenuhi syarat|eligib\w*|requirements?|kriteria)\b/,
      weight: 2,
    },
  ],
  general: [
    {
      term: 'lowongan / kerja (jobs)',
      pattern: /\b(?:lowongan|loker|penyaluran kerja|penempatan kerja|info kerja|job\w*|pekerjaan|vacanc\w*|hiring)\b/,
      weight: 2,
    },
    { term: 'melamar (apply for a job)', pattern: /\b(?:lamar\w*|melamar|ngelamar|apply for)\b/, weight: 1.5 },
    {
      term: 'saran (suggestion)',
      pattern: /\b(?:saran|usul\w*|masukan|suggest\w*|feedback|kritik|recommend\w*|rekomendasi)\b/,
      weight: 2,
    },
    {
      term: 'program info',
      pattern:
        /\b(?:apa itu prakerja|info(?:rmasi)? (?:program|umum)|manfaat|benefit|kegunaan|berlaku|bisa dipakai|bisa dipake|dipake buat|dipakai untuk)\b/,
      weight: 1,
    },
  ],
};

/** Words that make any complaint more pressing. */
export const URGENCY =
  /\b(?:segera|urgent|darurat|mendesak|panik|secepatnya|asap|tinggal\s+\d+\s+hari|batas\s+\w+\s+tinggal|hari ini terakhir|deadline)\b/;
