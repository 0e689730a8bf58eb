/**
 * The distinctive terms of a complaint, for surge detection: lower-case, chat spellings folded
 * ("blm" → "belum"), stage and wave ordinals joined ("tahap kedua" → "tahap_2"), stop words out
 * (the `stopword` package's Indonesian and English lists plus this domain's greetings and field
 * labels), and personal data out: numbers, email addresses, `Nama:` lines, the sign-off, and every
 * word of the sender's own name and address never become terms.
 */
import { eng, ind } from 'stopword/dist/stopword.esm.mjs';

export interface ComplaintText {
  subject: string;
  /** The participant's own text (new and forwarded parts), as triage classified it. */
  body: string;
  /** The sender's display name and address: their words never become terms. */
  senderName?: string | null;
  senderAddress?: string | null;
}

export interface ComplaintTerms {
  /** Distinct terms in order of first appearance (subject first), at most MAX_TERMS. */
  terms: string[];
  /** Adjacent term pairs of the normalised text, for near-duplicate grouping (MinHash). */
  shingles: string[];
}

/** A long mail adds little after its first 40 distinct terms; the cap bounds the stored record. */
export const MAX_TERMS = 40;
const MIN_LENGTH = 3;
const MAX_LENGTH = 24;

// Chat and short spellings to their standard form. Most standard forms are stop words; folding
// first keeps the chat forms out too ("gk" would otherwise pass as a term).
const CHAT_SPELLING: Record<string, string> = {
  ga: 'tidak',
  gak: 'tidak',
  gk: 'tidak',
  nggak: 'tidak',
  ngga: 'tidak',
  engga: 'tidak',
  enggak: 'tidak',
  kagak: 'tidak',
  tdk: 'tidak',
  blm: 'belum',
  blum: 'belum',
  belom: 'belum',
  udh: 'sudah',
  udah: 'sudah',
  sdh: 'sudah',
  dah: 'sudah',
  uda: 'sudah',
  yg: 'yang',
  sy: 'saya',
  aku: 'saya',
  aq: 'saya',
  gw: 'saya',
  gue: 'saya',
  dgn: 'dengan',
  utk: 'untuk',
  untk: 'untuk',
  krn: 'karena',
  karna: 'karena',
  tp: 'tapi',
  tpi: 'tapi',
  jg: 'juga',
  lg: 'lagi',
  trs: 'terus',
  trus: 'terus',
  dr: 'dari',
  sm: 'sama',
  bs: 'bisa',
  bsa: 'bisa',
  gmn: 'bagaimana',
  gimana: 'bagaimana',
  knp: 'kenapa',
  napa: 'kenapa',
  kalo: 'kalau',
  klo: 'kalau',
  aja: 'saja',
  skrg: 'sekarang',
  skrng: 'sekarang',
  pdhl: 'padahal',
  pdhal: 'padahal',
  hrs: 'harus',
  dpt: 'dapat',
  jd: 'jadi',
  jdi: 'jadi',
  tlg: 'tolong',
  mhn: 'mohon',
  bgt: 'banget',
  msk: 'masuk',
  tmn: 'teman',
  temen: 'teman',
  org: 'orang',
  hr: 'hari',
  bln: 'bulan',
  mgg: 'minggu',
  thn: 'tahun',
  sertif: 'sertifikat',
  notif: 'notifikasi',
  apk: 'aplikasi',
  app: 'aplikasi',
  apps: 'aplikasi',
  eror: 'error',
  erorr: 'error',
  dashbord: 'dashboard',
  dasbor: 'dashboard',
  makasih: 'terima',
  makasi: 'terima',
  trims: 'terima',
  thx: 'thanks',
};

// Greetings, politeness, forms of address and field labels: in almost every mail, never news.
const DOMAIN_STOP_WORDS = [
  'prakerja',
  'kartu',
  'peserta',
  'program',
  'admin',
  'min',
  'mimin',
  'kak',
  'kakak',
  'pak',
  'bu',
  'ibu',
  'bapak',
  'mas',
  'mbak',
  'gan',
  'sis',
  'halo',
  'hallo',
  'hai',
  'selamat',
  'pagi',
  'siang',
  'sore',
  'malam',
  'assalamualaikum',
  'wassalamualaikum',
  'salam',
  'hormat',
  'mohon',
  'tolong',
  'bantu',
  'bantuan',
  'bantuannya',
  'dibantu',
  'terima',
  'kasih',
  'terimakasih',
  'thanks',
  'thank',
  'regards',
  'nama',
  'lengkap',
  'nomor',
  'nomer',
  'telp',
  'telepon',
  'email',
  'nik',
  'ktp',
  'alamat',
  'pengaduan',
  'keluhan',
  'laporan',
  'lapor',
  'terdaftar',
  'banget',
  'tidak',
  'belum',
  'sudah',
  'yang',
  'saya',
  'com',
  'www',
  'http',
  'https',
  'html',
  'php',
];

const STOP_WORDS: ReadonlySet<string> = new Set([...ind, ...eng, ...DOMAIN_STOP_WORDS]);

// A stage or wave and its ordinal become one term: "tahap 2", "tahap II", "tahap kedua",
// "pencairan ke-2" → tahap_2 / pencairan_2. A number of days or weeks after it is a duration.
const ORDINAL_WORDS: Record<string, number> = {
  pertama: 1,
  satu: 1,
  kedua: 2,
  dua: 2,
  ketiga: 3,
  tiga: 3,
  keempat: 4,
  empat: 4,
  kelima: 5,
  lima: 5,
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
};
const NOT_A_DURATION = String.raw`(?!\s*(?:hari|minggu|mgg|bulan|bln|tahun|thn|jam|menit|kali|x|orang|org|juta|jt|ribu|rb)\b)`;
const STAGE = new RegExp(
  String.raw`\b(tahap|gelombang|termin|batch|pencairan|pembayaran|angkatan)\s*(?:ke\s*(?:-\s*)?)?(\d{1,2}|${Object.keys(ORDINAL_WORDS).join('|')})\b${NOT_A_DURATION}`,
  'g',
);
// `\s*(?:-\s*)?`, not `\s*-?\s*`: two runs of spaces side by side cost the square of a long run.
const ORDINAL = new RegExp(String.raw`\bke\s*(?:-\s*)?(\d{1,2})\b${NOT_A_DURATION}`, 'g');

// Starts only where a token starts: without the look-behind, a long run of token characters with
// no `@` would be tried from each of its positions, in time growing with the square of its length.
const EMAIL = /(?<![^\s<>()[\]"',;:])[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;
// A link keeps its host name (a fake site's name is news); the path may carry personal data.
const URL = /\b(?:https?:\/\/|www\.)([^\s/?#<>"']+)[^\s<>"']*/g;
// `[ \t]*` at a line's start: `\s*` with the m flag would run on across every blank line below.
const NAME_LINE = /^[ \t]*(?:nama(?:\s+lengkap)?|name|full name|atas nama|a\.?n\.?)\s*[:=].*$/gim;
const CLOSING =
  /^\s*(?:salam|hormat saya|terima ?kasih|makasih|trims|thanks|thank you|regards|best|wassalam|wassalamualaikum|tertanda|ttd)\b/i;
const TOKEN = /[a-z][a-z0-9_]*/g;
const REDUPLICATED = /^([a-z]{3,})2$/;

/** The sign-off and what follows it (a name, a phone line) when the mail ends with a short block. */
function withoutSignOff(body: string): string {
  const lines = body.trimEnd().split('\n'); // not /\s+$/: that retries a long inner run of spaces from each space
  const start = Math.max(0, lines.length - 6);
  for (let i = lines.length - 1; i >= start; i--) {
    if (!CLOSING.test(lines[i] as string)) continue;
    const after = lines.slice(i + 1).filter((l) => l.trim());
    if (after.length <= 3 && after.every((l) => l.trim().split(/\s+/).length <= 5)) {
      return lines.slice(0, i).join('\n');
    }
    break;
  }
  // No closing word: a last line of at most three capitalised words is a signature.
  const last = lines.at(-1)?.trim() ?? '';
  // Words separated by spaces: `(?:[A-Z][\w.'-]*\s*){1,3}` could split one long word three ways.
  if (/^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}$/.test(last)) return lines.slice(0, -1).join('\n');
  return body;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(EMAIL, ' ')
    .replace(URL, (_, host: string) => ` ${host.replace(/[.:-]/g, ' ')} `)
    .replace(/\be[\s-]?wallet\b/g, 'ewallet')
    .replace(/\blog\s+in\b/g, 'login')
    .replace(STAGE, (_, noun: string, n: string) => ` ${noun}_${ORDINAL_WORDS[n] ?? Number(n)} `)
    .replace(ORDINAL, (_, n: string) => ` ke_${Number(n)} `);
}

function nameWords(name: string | null | undefined, address: string | null | undefined): Set<string> {
  const words = new Set<string>();
  for (const source of [name ?? '', (address ?? '').split('@')[0] ?? '']) {
    for (const w of source.toLowerCase().match(/[a-z]+/g) ?? []) words.add(w);
  }
  return words;
}

/** The normalised words of one text, in order, repeats kept. */
function words(text: string, ownName: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const raw of normalise(text).match(TOKEN) ?? []) {
    let w = raw;
    const redup = REDUPLICATED.exec(w);
    if (redup) w = redup[1] as string;
    // Numbers (cards, phones, NIK, amounts) never become terms; joined ordinals do.
    if (/\d/.test(w) && !/^[a-z]+_\d{1,2}$/.test(w)) continue;
    w = CHAT_SPELLING[w] ?? w;
    if (w.length < MIN_LENGTH || w.length > MAX_LENGTH) continue;
    if (STOP_WORDS.has(w) || ownName.has(w)) continue;
    out.push(w);
  }
  return out;
}

export function complaintTerms(text: ComplaintText): ComplaintTerms {
  const ownName = nameWords(text.senderName, text.senderAddress);
  const body = withoutSignOff(text.body.replace(NAME_LINE, ' '));
  const sequence = [...words(text.subject.replace(NAME_LINE, ' '), ownName), ...words(body, ownName)];
  const terms: string[] = [];
  const seen = new Set<string>();
  for (const w of sequence) {
    if (seen.has(w)) continue;
    seen.add(w);
    terms.push(w);
    if (terms.length === MAX_TERMS) break;
  }
  const shingles = new Set<string>();
  for (let i = 0; i + 1 < sequence.length; i++) shingles.add(`${sequence[i]} ${sequence[i + 1]}`);
  if (shingles.size === 0 && sequence.length === 1) shingles.add(sequence[0] as string);
  return { terms, shingles: [...shingles] };
}
