/**
 * Classifier rules: weighted term patterns per category, Indonesian (formal and chat spelling)
 * and English. Patterns are lower-case without the `i` flag: the classifier lower-cases the text
 * once and evens out chat spelling first (see classify.ts). Each rule counts once per message
 * however often it matches; the subject counts more, the participant's quoted earlier mail less.
 * Glosses say what the Indonesian means. Tuned for meaning, not for any one message: add
 * synonyms and structures, not sentences.
 */
import type { Category } from './types.ts';

export interface Rule {
  /** Short name shown to agents as evidence. */
  term: string;
  pattern: RegExp;
  weight: number;
}

// Chat spellings: blm/belum (not yet), udh/sudah (already), ga/gak/tdk/tidak (not), sy/saya (I).
const NOT_YET = "(?:belum|blm|blum|blom|belom|tidak|tdk|ga|gak|g|nggak|ngga|gk|not|never|haven't|hasn't|didn't)";
// Arrive / be received / be paid (of money): "masuk", "cair", "sampai", "nyampe", "ditransfer" ...
const ARRIVE =
  '(?:masuk|cair\\w*|dicairkan|sampai|sampe|nyampe|nyampai|diterima|terima|ditransfer|dikirim\\w*|dapat|dapet|received|arrived|paid|come in|came in)';
// Money: "uang" (money), "dana" (funds), "duit" (cash), "transferan" (transfer), "pembayaran" (payment).
const MONEY = '(?:uang\\w*|dana(?:nya)?|duit\\w*|transferan\\w*|pembayaran\\w*|bayaran|payment|money)';

export const RULES: Record<Category, Rule[]> = {
  fraud: [
    // fake site, scam, phishing
    {
      term: 'fake site / scam',
      pattern:
        /\b(?:situs|web(?:site)?|link|akun|aplikasi|apk)\s+(?:\w+\s+)?(?:palsu|abal|bodong)|\bpenipu(?:an)?\b|\bmenipu\b|\bditipu\b|\bscam(?:mer)?\b|\bphishing\b|\bhoax\b|\bfake\b|\bfraud\b|\bpalsu\b|\b(?:mencurigakan|suspicious)\b/,
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
      term: 'paid pass / insider',
      pattern: /\b(?:pasti|dijamin|jamin(?:an)?|garansi|100%)\s+lolos\b|\borang dalam\b|\bcalo\b/,
      weight: 3,
    },
    // selling accounts or registration as a service
    {
      term: 'accounts or places for sale',
      pattern:
        /\b(?:jual|menjual|beli|jasa|sell\w*)\s+(?:\w+\s+)?(?:akun|kartu prakerja|lolos|pendaftaran|daftar|accounts?)\b/,
      weight: 3,
    },
    // asked to pay a fee (admin, release, registration) to get the incentive or a place
    {
      term: 'fee requested',
      pattern:
        /\b(?:biaya|uang|ongkos|fee)\s+(?:admin\w*|administrasi|pencairan|pendaftaran|aktivasi|verifikasi|processing|release)\b|\badmin(?:istration)?\s+fee\b|\b(?:disuruh|diminta|suruh|nyuruh|menyuruh|asked to|told to)\s+(?:\w+\s+){0,2}(?:transfer|bayar|membayar|pay)\b/,
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
    { term: 'pencairan (disbursement)', pattern: /\b(?:pencairan|dicairkan|cair\w*|disburse\w*)\b/, weight: 1 },
    // money that has not arrived, without the word "insentif": "uang 600rb nya blm masuk"
    {
      term: 'money not received',
      pattern: new RegExp(
        String.raw`\bkapan\s+(?:\w+\s+){0,2}?${MONEY}|\b${MONEY}\s+(?:\S+\s+){0,5}?${NOT_YET}\s+(?:(?:juga|jg|pernah|been|yet|sama sekali)\s+)?${ARRIVE}\b|\b${NOT_YET}\s+(?:(?:pernah|been|yet)\s+)?(?:dapat|dapet|menerima|terima|received?|got|been paid)\s+(?:\w+\s+)?${MONEY}|\b(?:where is my|belum ada)\s+${MONEY}|\b${MONEY}\s+(?:\S+\s+){0,3}?(?:failed|gagal|ditolak|never arrived|not (?:been )?received)`,
        '',
      ),
      weight: 2,
    },
    { term: 'money, payment', pattern: new RegExp(String.raw`\b${MONEY}\b`, ''), weight: 0.5 },
    {
      term: 'e-wallet / BNI account',
      pattern:
        /\b(?:e-?wallet|dompet digital|ovo|gopay|go-pay|dana|linkaja|link aja|shopeepay|rekening bni|rek(?:\.|ening)? bni|bni)\b/,
      weight: 1,
    },
    {
      term: 'not received / failed transfer',
      pattern: new RegExp(
        String.raw`\b(?:${NOT_YET}\s+(?:(?:juga|jg|pernah|been|yet)\s+)?${ARRIVE}|gagal(?:\s+transfer)?|dikembalikan|refund(?:ed)?|proses transfer|sedang diproses|transfer ulang|dikirim ulang|kirim ulang|send it again|resend|sebagian|setengah|separuh|sisanya|partial(?:ly)?|not been paid|still not paid)\b`,
        '',
      ),
      weight: 1,
    },
    {
      term: 'e-wallet status (premium, limit, verified)',
      pattern:
        /\b(?:premium|premier|full service|melebihi limit|limit|upgrade|dormant|tidak aktif|verifikasi e-?wallet|terverifikasi|verified)\b/,
      weight: 1,
    },
    { term: 'survei (survey incentive)', pattern: /\bsurvei\b|\bsurvey\b/, weight: 1 },
  ],
  certificate: [
    { term: 'sertifikat', pattern: /\bsertif\w*|\bcertificates?\b/, weight: 2 },
    { term: 'rating / ulasan (review)', pattern: /\b(?:rating|ulasan|review|bintang|rate)\b/, weight: 1.5 },
    { term: 'unduh (download)', pattern: /\b(?:unduh|diunduh|download\w*|didownload)\b/, weight: 1 },
    {
      term: 'status "belum selesai" (not finished)',
      pattern: new RegExp(
        String.raw`\b(?:${NOT_YET}\s+selesai|${NOT_YET}\s+tuntas|still (?:says )?"?belum selesai|not (?:marked )?(?:as )?(?:completed?|finished)|sedang berjalan|in progress)\b`,
        '',
      ),
      weight: 1.5,
    },
    {
      term: 'not shown on dashboard',
      pattern: new RegExp(
        String.raw`\b(?:${NOT_YET}\s+(?:(?:juga|jg)\s+)?(?:muncul|tampil|ada|terbit|keluar|update|terupdate|nongol|kelihatan|keliatan|terlihat|tercatat|tersedia|shown|showing|appear\w*)|tidak\s+tampil|not\s+(?:shown|showing|appearing|displayed)|kosong|empty)\b`,
        '',
      ),
      weight: 1,
    },
    {
      term: 'penyelesaian (completion)',
      pattern:
        /\b(?:penyelesaian|completion|completed|menyelesaikan|selesai 100%|100% selesai|tamat|lulus|post test|ujian akhir)\b/,
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
      pattern: /\b(?:voucher\w*|vocher\w*|redeem\w*|kode\s+(?:redeem|voucher|pelatihan)|kupon|ditukar\w*|tuker\w*)\b/,
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
      pattern:
        /\b(?:lembaga pelatihan|web lembaga|situs lembaga|course|kelas|error\s*\d*|eror|video|diputar|diputer)\b/,
      weight: 0.5,
    },
  ],
  account: [
    {
      term: 'login',
      pattern:
        /\b(?:login|log in|sign in|masuk (?:ke )?akun|(?:tidak|tdk|ga|gak|gk|g) (?:bisa|bs|dapat) (?:masuk|login)|gabisa masuk)\b/,
      weight: 2,
    },
    { term: 'OTP / kode verifikasi', pattern: /\b(?:otp|kode verifikasi|verification code|sms)\b/, weight: 1.5 },
    {
      term: 'ganti nomor/email (change contact)',
      pattern:
        /\b(?:ganti|ubah|mengganti|mengubah|perubahan|penggantian|perbarui|pembaruan|update|diupdate|change|pindah\w*|dipindah\w*)\s+(?:\w+\s+){0,3}(?:no(?:mor)?|hp|email|e-mail|nomer|phone|number|data|sim)\b|\b(?:no(?:mor)?\.?\s*hp|email|nomer|nomor|number|no)\s+(?:\w+\s+)?(?:lama|baru|new|old)\b|\b(?:hp|ponsel|handphone|phone|kartu sim|sim ?card|sim)\s+(?:\w+\s+){0,2}(?:hilang|ilang|rusak|mati|lost|hangus)\b|\bnomor\s+(?:\w+\s+){0,3}(?:hangus|hilang|ilang|tidak aktif|ga aktif|gak aktif|mati)\b/,
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
    // joining a wave, the next wave: not "gelombang 58", which only says which wave they were in
    {
      term: 'gelombang (wave)',
      pattern:
        /\b(?:gelombang|gel|wave|batch)\s+(?:berikut\w*|selanjutnya|baru|terbaru|next|dibuka|buka|ini)\b|\b(?:gabung|join|ikut|buka|dibuka|open\w*|kapan)\s+(?:\w+\s+)?(?:gelombang|gel|wave|batch)\b|\b(?:next|new)\s+(?:wave|batch)\b/,
      weight: 1.5,
    },
    {
      term: 'seleksi / lolos (selection)',
      pattern: /\b(?:seleksi|lolos|selection|passed the|not selected)\b/,
      weight: 2,
    },
    {
      term: 'NIK sudah terdaftar (NIK already used)',
      // "NIK sudah terdaftar" / "nik kepake orang": an error, not a label like "NIK yang terdaftar:"
      pattern:
        /\bnik\s+(?:\w+\s+){0,2}?(?:(?:sudah|udah|udh|sdh|dah|telah|already)\s+(?:\w+\s+)?(?:terdaftar|digunakan|dipakai|dipake|kepake|registered|used|ada)|kepake|kepakai|terpakai|dipakai orang|digunakan orang)\b/,
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
      pattern:
        /\b(?:syarat|persyaratan|memenuhi syarat|eligib\w*|requirements?|kriteria)\b|\b(?:bisa|bs|boleh|dapat|can|may)\s+(?:\w+\s+)?(?:ikut|mengikuti|join|apply|daftar|mendaftar|register)\b/,
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
      term: 'asking for information',
      pattern:
        /\b(?:informasi|info|bertanya|menanyakan|nanya|tanya\w*|pertanyaan|question|jam (?:layanan|operasional)|service hours)\b/,
      weight: 0.5,
    },
    {
      term: 'thanks for the program',
      pattern:
        /\b(?:terima kasih atas program|makasih prakerja|sangat membantu|sangat bermanfaat|thank you for the program|appreciat\w*)\b/,
      weight: 1,
    },
    {
      term: 'program info',
      pattern:
        /\b(?:apa itu prakerja|prakerja (?:itu|tuh) apa|program\w* (?:apa|apa aja|apa saja)|info(?:rmasi)? (?:program|umum)|manfaat|benefit|kegunaan|berlaku|bisa dipakai|bisa dipake|dipake buat|dipakai untuk)\b/,
      weight: 1,
    },
  ],
};

/** Words that make any complaint more pressing. */
export const URGENCY =
  /\b(?:segera|urgent|darurat|mendesak|panik|secepatnya|asap|tinggal\s+\d+\s+hari|batas\s+\w+\s+tinggal|hari ini terakhir|deadline)\b/;
