/**
 * Finds the card number, phone, email, name and NIK in a complaint, with evidence.
 *
 * Where the participant writes matters as much as what: the same 16 digits are a card after
 * "No. KP" and a NIK after "No. KTP", and a phone after "nomor yg nelpon sy" belongs to a scammer.
 * So every candidate is judged by the words just before (and for phones, after) it.
 */
// The `mobile` metadata: validity there means "a valid mobile number", which is all a participant's
// contact number may be (a landline cannot receive WhatsApp or SMS). One check instead of the full
// metadata's isValid() + getType(), and less of the library to run per mail.
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { mask } from './mask.ts';
import { isPlausibleNik } from './nik.ts';
import type { Evidence, Fields, ParsedMail, SegmentKind, TextSegment } from './types.ts';

export interface Extraction {
  fields: Fields;
  evidence: Evidence[];
}

export interface ExtractOptions {
  /** The centre's own addresses: text they wrote (quoted in replies) is not the participant's. */
  ownAddresses?: readonly string[];
}

type Source = 'subject' | SegmentKind;
export interface SourceText {
  source: Source;
  text: string;
}

/** The texts the participant wrote, best first: subject, new text, forwarded, then their own quoted mail. */
export function participantTexts(mail: ParsedMail, options: ExtractOptions = {}): SourceText[] {
  const own = new Set([...(options.ownAddresses ?? []), ...mail.to.map((a) => a.address)].map((a) => a.toLowerCase()));
  const isParticipant = (s: TextSegment) => s.kind !== 'quoted' || s.author === null || !own.has(s.author);
  const order: SegmentKind[] = ['new', 'forwarded', 'quoted'];
  const out: SourceText[] = [{ source: 'subject', text: mail.subject }];
  for (const kind of order) {
    for (const s of mail.segments) if (s.kind === kind && isParticipant(s)) out.push({ source: kind, text: s.text });
  }
  return out;
}

// ---------------------------------------------------------------- 16-digit numbers (card, NIK)

// 16 digits, optionally one separator between any two (grouped 4-4-4-4, dashed, one digit per
// space, or two spaces where a copy-paste doubled them).
const SIXTEEN = /(?<![\d.\-/])\d(?:(?:[ .-]| {2})?\d){15}(?![ .-]?\d)(?![/])/g;

type NumberLabel = 'card' | 'nik' | 'other';
// Label words, Indonesian and English. Nearest one before the number wins.
const LABELS: [RegExp, NumberLabel][] = [
  [/kartu keluarga|\bkk\b/gi, 'other'], // family card number: also 16 digits
  [/\b(?:nik|ktp|e-?ktp|nomor induk(?: kependudukan)?|kependudukan|identitas|id card|identity)\b/gi, 'nik'],
  [/\b(?:kartu|kp|card|prakerja|peserta)\b/gi, 'card'],
  [
    /\b(?:transaksi|transaction|trx|pesanan|order|invoice|inv|rekening|rek|account|acc|npwp|resi|referensi|ref|va|virtual|pembayaran|payment|tagihan|bill)\b/gi,
    'other',
  ],
];

function nearestLabel(left: string): NumberLabel | null {
  let best: NumberLabel | null = null;
  let bestEnd = -1;
  for (const [re, label] of LABELS) {
    re.lastIndex = 0;
    for (let m = re.exec(left); m; m = re.exec(left)) {
      const end = m.index + m[0].length;
      if (end > bestEnd) {
        bestEnd = end;
        best = label;
      }
    }
  }
  return best;
}

// A sentence end ("... ya min. WA 0896..."), but not the dot of "No. HP" / "Rek. BNI".
const SENTENCE_END = /(?<!\b(?:no|nmr|nomor|tel|telp|rek|kp|hp|ktp|nik))[.!?]\s+/gi;

function afterLastSentence(s: string): string {
  if (!/[.!?]/.test(s)) return s;
  let cut = 0;
  for (const m of s.matchAll(SENTENCE_END)) cut = m.index + m[0].length;
  return s.slice(cut);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Text before position `at` on the same line, stopping at the previous number; the previous line if that is empty. */
function leftContext(text: string, at: number, reach = 60): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let left = text.slice(Math.max(lineStart, at - reach), at);
  let lastDigit = left.length - 1;
  while (lastDigit >= 0 && !isDigit(left.charCodeAt(lastDigit))) lastDigit--;
  if (lastDigit >= 0) left = left.slice(lastDigit + 1);
  left = afterLastSentence(left);
  if (/^[\s:=.\-–()]*$/.test(left) && lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    left = text.slice(prevStart, lineStart - 1) + left;
  }
  return left;
}

function rightContext(text: string, end: number, reach = 40): string {
  const lineEnd = text.indexOf('\n', end);
  return text.slice(end, Math.min(lineEnd < 0 ? text.length : lineEnd, end + reach));
}

interface NumberCandidate {
  digits: string;
  label: NumberLabel | null;
  source: Source;
}

function sixteenDigitCandidates(sources: SourceText[]): NumberCandidate[] {
  const out: NumberCandidate[] = [];
  for (const { source, text } of sources) {
    SIXTEEN.lastIndex = 0;
    for (let m = SIXTEEN.exec(text); m; m = SIXTEEN.exec(text)) {
      out.push({ digits: m[0].replace(/\D/g, ''), label: nearestLabel(leftContext(text, m.index)), source });
    }
  }
  return out;
}

function pickCardAndNik(cands: NumberCandidate[], evidence: Evidence[]): Pick<Fields, 'cardNumber' | 'nik'> {
  const card =
    cands.find((c) => c.label === 'card') ?? cands.find((c) => c.label === null && !isPlausibleNik(c.digits)) ?? null;
  const nik =
    cands.find((c) => c.label === 'nik' && c.digits !== card?.digits) ??
    cands.find((c) => c.label === null && isPlausibleNik(c.digits) && c.digits !== card?.digits) ??
    null;
  if (card)
    evidence.push({
      field: 'cardNumber',
      source: card.source,
      detail: `${card.label ?? 'unlabelled, not a NIK'}: ${mask.card(card.digits)}`,
    });
  if (nik)
    evidence.push({
      field: 'nik',
      source: nik.source,
      detail: `${nik.label ?? 'unlabelled, NIK-shaped'}: ${mask.nik(nik.digits)}`,
    });
  return { cardNumber: card?.digits ?? null, nik: nik?.digits ?? null };
}

// ---------------------------------------------------------------- phone

// A run worth handing to libphonenumber: at least 9 digits with phone-like separators. Handing it
// the run, not the whole line, keeps the matcher off long paragraphs (it is the costliest step).
const PHONE_RUN = /[+(]?\d[\d \t().-]{7,}\d/g;
// Words that name the participant's own contact number (Indonesian / English).
const OWN_PHONE =
  /\b(?:hp|handphone|telp|telepon|tlp|wa|whatsapp|ponsel|phone|mobile|contact|kontak|hubungi saya|saya|sy|aku|my)\b/i;
// Someone else's number: the caller/scammer, a colleague, a number written about in the third person.
const OTHERS_PHONE =
  /\b(?:nelpon|menelepon|telepon dari|ditelpon|nelfon|ngaku|mengaku|penipu|pelaku|oknum|scam(?:mer)?|dari nomor|from (?:the )?number|called me|wa ?nya|nomor ?nya|nomornya|rekan|colleague|minta(?:\s+\w+)? (?:otp|kode|transfer|uang)|called|caller)\b/i;
const OLD_PHONE = /\b(?:lama|old|sebelumnya|previous|hilang|hangus|mati|tidak aktif)\b/i;
const NEW_PHONE = /\b(?:baru|new|sekarang|aktif|current)\b/i;

// Indonesian mobiles start 08 / +62 8 / 62 8. A run without that start anywhere is not worth the
// library's time (bank accounts, invoice numbers); libphonenumber still does all the validating.
const MOBILE_START = /(?:^|[^\d])(?:\+?62[ .-]?\(?8|\(?08)/;

interface FoundPhone {
  e164: string;
  startsAt: number;
  endsAt: number;
}

/** Valid Indonesian mobiles in one digit run: the run parsed whole, else libphonenumber's text matcher (for glued numbers). */
function phonesInRun(run: string): FoundPhone[] {
  if (!MOBILE_START.test(run)) return [];
  const whole = parsePhoneNumberFromString(run, 'ID');
  if (whole?.isValid()) return [{ e164: whole.number, startsAt: 0, endsAt: run.length }];
  return findPhoneNumbersInText(run, 'ID')
    .filter((f) => f.number.countryCallingCode === '62')
    .map((f) => ({ e164: f.number.number, startsAt: f.startsAt, endsAt: f.endsAt }));
}

interface PhoneCandidate {
  e164: string;
  score: number;
  source: Source;
  order: number;
}

function phoneCandidates(sources: SourceText[], sixteen: Set<string>): PhoneCandidate[] {
  const out: PhoneCandidate[] = [];
  let order = 0;
  for (const { source, text } of sources) {
    for (const line of text.split('\n')) {
      PHONE_RUN.lastIndex = 0;
      for (let run = PHONE_RUN.exec(line); run; run = PHONE_RUN.exec(line)) {
        // Blank out 16-digit numbers first so a card's digits never read as a phone (a run shorter
        // than 16 characters cannot hold one).
        const masked =
          run[0].length < 16
            ? run[0]
            : run[0].replace(SIXTEEN, (s) => (sixteen.has(s.replace(/\D/g, '')) ? s.replace(/\d/g, 'x') : s));
        for (const phone of phonesInRun(masked)) {
          if (!phone.e164.startsWith('+62')) continue;
          const left = leftContext(line, run.index + phone.startsAt, 50);
          const right = rightContext(line, run.index + phone.endsAt, 30);
          let score = 0;
          if (OWN_PHONE.test(left)) score += 2;
          if (OTHERS_PHONE.test(left) || OTHERS_PHONE.test(right)) score -= 5;
          if (OLD_PHONE.test(left)) score -= 3;
          if (NEW_PHONE.test(left)) score += 1;
          out.push({ e164: phone.e164, score, source, order: order++ });
        }
      }
    }
  }
  return out;
}

function pickPhone(cands: PhoneCandidate[], evidence: Evidence[]): string | null {
  const sourceRank: Record<Source, number> = { subject: 1, new: 0, forwarded: 2, quoted: 3 };
  const usable = cands.filter((c) => c.score >= 0);
  usable.sort((a, b) => sourceRank[a.source] - sourceRank[b.source] || b.score - a.score || a.order - b.order);
  const best = usable[0];
  if (!best) return null;
  evidence.push({ field: 'phone', source: best.source, detail: `score ${best.score}: ${mask.phone(best.e164)}` });
  return best.e164;
}

// ---------------------------------------------------------------- email, name

// The lookbehind makes a match start only where a word starts: without it the engine rescans every word.
const EMAIL_RE = /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
// "email terdaftar", "registered email", "email lama" (the one on the account when asking to change it)
const REGISTERED_EMAIL =
  /\b(?:terdaftar|registered|email akun|akun prakerja|email prakerja|email lama|old email|email di prakerja)\b/i;

// A data block's own "Email: ..." line (beside "Nama:", "No KP:"): the participant's account email.
const EMAIL_LINE_LABEL = /^[ \t>]*(?:e-?mail|alamat e-?mail|email address)[ \t]*[:=][ \t]*$/i;
const NEW_EMAIL = /\b(?:baru|new)\b/i;

function pickEmail(mail: ParsedMail, sources: SourceText[], evidence: Evidence[]): string | null {
  let labelled: { email: string; source: Source } | null = null;
  for (const { source, text } of sources) {
    if (!text.includes('@')) continue;
    EMAIL_RE.lastIndex = 0;
    for (let m = EMAIL_RE.exec(text); m; m = EMAIL_RE.exec(text)) {
      const left = leftContext(text, m.index, 60);
      if (NEW_EMAIL.test(left.slice(-20))) continue;
      if (REGISTERED_EMAIL.test(left)) {
        const email = m[0].toLowerCase();
        evidence.push({ field: 'email', source, detail: `stated as registered: ${mask.email(email)}` });
        return email;
      }
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      if (!labelled && EMAIL_LINE_LABEL.test(text.slice(lineStart, m.index)))
        labelled = { email: m[0].toLowerCase(), source };
    }
  }
  if (labelled) {
    evidence.push({
      field: 'email',
      source: labelled.source,
      detail: `stated as "Email:": ${mask.email(labelled.email)}`,
    });
    return labelled.email;
  }
  if (mail.from?.address) {
    evidence.push({ field: 'email', source: 'sender', detail: mask.email(mail.from.address) });
    return mail.from.address.toLowerCase();
  }
  return null;
}

const NAME_LINE =
  /^[ \t]*(?:nama(?:[ \t]+lengkap|[ \t]+peserta|[ \t]+sesuai[ \t]+ktp|[ \t]+saya)?|full[ \t]+name|name)[ \t]*[:=][ \t]*([^\n]+)$/im;
const NAME_VALUE = /^[\p{L}][\p{L} .'’-]{1,58}[\p{L}.]$/u;

function pickName(sources: SourceText[], evidence: Evidence[]): string | null {
  for (const { source, text } of sources) {
    if (source === 'subject') continue;
    const m = NAME_LINE.exec(text);
    const value = m?.[1]
      ?.trim()
      .replace(/[,;]+$/, '')
      .replace(/\s+/g, ' ');
    if (value && NAME_VALUE.test(value) && value.split(' ').length <= 6) {
      evidence.push({ field: 'name', source, detail: 'stated as "Nama:"' });
      return value;
    }
  }
  return null;
}

export function extractFields(
  mail: ParsedMail,
  options: ExtractOptions = {},
  sources: SourceText[] = participantTexts(mail, options),
): Extraction {
  const evidence: Evidence[] = [];
  const numbers = sixteenDigitCandidates(sources);
  const { cardNumber, nik } = pickCardAndNik(numbers, evidence);
  const sixteen = new Set(numbers.map((n) => n.digits));
  const phone = pickPhone(phoneCandidates(sources, sixteen), evidence);
  const email = pickEmail(mail, sources, evidence);
  const name = pickName(sources, evidence);
  return { fields: { cardNumber, phone, email, name, nik }, evidence };
}
