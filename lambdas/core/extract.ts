/**
 * Finds the card number, phone, email, name and NIK in a complaint, with evidence.
 *
 * Where the participant writes matters as much as what: the same 16 digits are a card after
 * "No. KP" and a NIK after "No. KTP", and a phone after "nomor yg nelpon sy" belongs to a scammer.
 * So every candidate is judged by the words around it, and a 16-digit number also by its own
 * structure: one that cannot be a NIK is never read as one, and one that could be a NIK is never
 * read as the card unless its label names the card alone.
 */
// The `mobile` metadata: validity there means "a valid mobile number", which is all a participant's
// contact number may be (a landline cannot receive WhatsApp or SMS).

import { mask } from './mask.ts';
import { isPlausibleNik } from './nik.ts';
import { findPhonesInText, isValidMobile, parsePhone } from './phone.ts';
import type { Evidence, Fields, ParsedMail, SegmentKind, TextSegment } from './types.ts';

export interface Extraction {
  fields: Fields;
  evidence: Evidence[];
  /**
   * 16-digit numbers that could be the card or the NIK, where nothing in the mail settles which.
   * Only when no card was found: the card is then missing and the participant is asked to confirm.
   */
  unconfirmed: string[];
  /**
   * Every 16-digit number read as a NIK or that may be one (labelled NIK/KTP, or NIK-shaped with
   * nothing settling it), each once: all of them are masked wherever the mail is stored.
   */
  niks: string[];
}

export interface ExtractOptions {
  /** The centre's own addresses: text they wrote (quoted in replies) is not the participant's. */
  ownAddresses?: readonly string[];
}

type Source = 'subject' | SegmentKind;
export interface SourceText {
  source: Source;
  text: string;
  /** Who wrote a forwarded or quoted part, when its header or attribution line names them. */
  author?: string | null;
}

/** The texts the participant wrote, best first: subject, new text, forwarded, then their own quoted mail. */
export function participantTexts(mail: ParsedMail, options: ExtractOptions = {}): SourceText[] {
  const own = new Set([...(options.ownAddresses ?? []), ...mail.to.map((a) => a.address)].map((a) => a.toLowerCase()));
  const isParticipant = (s: TextSegment) => s.kind !== 'quoted' || s.author === null || !own.has(s.author);
  const order: SegmentKind[] = ['new', 'forwarded', 'quoted'];
  const out: SourceText[] = [{ source: 'subject', text: mail.subject, author: null }];
  for (const kind of order) {
    for (const s of mail.segments)
      if (s.kind === kind && isParticipant(s)) out.push({ source: kind, text: s.text, author: s.author });
  }
  return out;
}

// ---------------------------------------------------------------- context around a number

// A sentence end ("... ya min. WA 0896..."), but not the dot of "No. HP" / "Rek. BNI".
const SENTENCE_END = /(?<!\b(?:no|nmr|nomor|tel|telp|rek|kp|hp|ktp|nik))[.!?]\s+/gi;

function afterLastSentence(s: string): string {
  if (!/[.!?]/.test(s)) return s;
  let cut = 0;
  for (const m of s.matchAll(SENTENCE_END)) cut = m.index + m[0].length;
  return s.slice(cut);
}

// An earlier number on the line carries its own label: the context of the next one starts after it.
// Short digit runs ("16 digit", "gel 58") are words, not numbers.
const EARLIER_NUMBER = /\d(?:[ .-]?\d){4,}/g;

/** Text before position `at` on the same line, from the previous number or sentence; the previous line if that is empty. */
function leftContext(text: string, at: number, reach = 60): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let left = text.slice(Math.max(lineStart, at - reach), at);
  let cut = 0;
  for (const m of left.matchAll(EARLIER_NUMBER)) cut = m.index + m[0].length;
  left = afterLastSentence(left.slice(cut));
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

// ---------------------------------------------------------------- 16-digit numbers (card, NIK)

/** What the words before a number call it. `both`: they name the NIK and the card (or the program) at once. */
type NumberLabel = 'card' | 'nik' | 'both' | 'other';

// Label words, Indonesian and English. Phrases that contain "kartu" but are not the Prakerja card
// (identity card, family card, bank cards) come first in one alternation, so they are read whole.
const NIK_TERMS = [
  'kartu tanda penduduk',
  'kartu identitas',
  'nomor induk(?: kependudukan)?',
  'kependudukan',
  'e-?ktp',
  'ktp',
  'nik',
  'identitas',
  'id card',
  'identity(?: card)?',
  'national id',
];
const OTHER_TERMS = [
  'kartu keluarga', // family card: 16 digits in the NIK's layout
  'kk',
  'kartu (?:atm|debit|kredit)',
  'atm',
  'transaksi',
  'transaction',
  'trx',
  'pesanan', // order
  'order',
  'invoice',
  'inv',
  'rekening', // bank account
  'rek',
  'account',
  'acc',
  'npwp', // tax number
  'resi', // shipping receipt
  'referensi',
  'ref',
  'va', // virtual account
  'virtual',
  'pembayaran', // payment
  'payment',
  'tagihan', // bill
  'bill',
  'booking',
];
const CARD_TERMS = ['kartu', 'kp', 'card', 'prakerja', 'peserta'];
const LABEL_WORDS = new RegExp(
  `\\b(?:(?<nik>${NIK_TERMS.join('|')})|(?<other>${OTHER_TERMS.join('|')})|(?<card>${CARD_TERMS.join('|')}))\\b`,
  'gi',
);
const LABEL_WORD_AT_START = new RegExp(`^(?:${LABEL_WORDS.source})`, 'i');
// A label written after the number: "3374... (NIK)", "7140... <- no kartu".
const LABEL_AFTER = /^\s*(?:\(|\[|<-+|-+>|=)\s*(?:itu|ini|is)?\s*(?:no\.?|nomor|nmr)?\s*/i;

function labelOf(left: string, right: string): NumberLabel | null {
  let nearest: NumberLabel | null = null;
  let nik = false;
  let card = false;
  for (const m of left.matchAll(LABEL_WORDS)) {
    nearest = m.groups?.nik ? 'nik' : m.groups?.other ? 'other' : 'card';
    if (nearest === 'nik') nik = true;
    if (nearest === 'card') card = true;
  }
  if (nearest === null) {
    const after = LABEL_AFTER.exec(right);
    if (after) {
      const m = LABEL_WORD_AT_START.exec(right.slice(after[0].length));
      // Only a label right at the bracket counts; a card named after a number settles nothing.
      if (m) return m.groups?.nik ? 'nik' : m.groups?.other ? 'other' : 'both';
    }
    return null;
  }
  if (nearest === 'other') return 'other';
  if (nik && card) return 'both';
  return nik ? 'nik' : 'card';
}

interface SixteenDigits {
  digits: string;
  /** Where its digits are written (two spans when it is broken across lines). */
  spans: [number, number][];
}

// Digit groups with one separator between them: "7140 2288 5163 9904", "7140-2288-...", one digit
// per space, doubled spaces from a copy-paste, dots.
const DIGIT_RUN = /(?<!\d)\d+(?:(?:[ .-]| {2}|\t)\d+)*/g;

const isMobile = (digits: string) =>
  simpleMobile(digits) !== undefined || (/^628/.test(digits) && simpleMobile(`+${digits}`) !== undefined);

/**
 * The 16-digit number in a longer run: a card written right before or after the phone
 * ("5412 8830 1967 2245 0812 3456 7890"), or after a short number ("gel 58 5412 ..."). Whole
 * digit groups only, except a card and a mobile glued together.
 */
function sixteenIn(run: string, at: number): SixteenDigits | null {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({
    digits: g[0],
    start: at + g.index,
    end: at + g.index + g[0].length,
  }));
  const digits = groups.map((g) => g.digits).join('');
  const span = (from: number, to: number): [number, number][] => [[groups[from]?.start ?? at, groups[to]?.end ?? at]];
  let count = 0;
  for (let i = 0; i < groups.length && count < 16; i++) {
    count += groups[i]?.digits.length ?? 0;
    if (count === 16 && (isMobile(digits.slice(16)) || digits.length - 16 <= 4))
      return { digits: digits.slice(0, 16), spans: span(0, i) };
  }
  count = 0;
  for (let i = groups.length - 1; i >= 0 && count < 16; i--) {
    count += groups[i]?.digits.length ?? 0;
    const rest = digits.slice(0, digits.length - 16);
    if (count === 16 && (isMobile(rest) || rest.length <= 4))
      return { digits: digits.slice(-16), spans: span(i, groups.length - 1) };
  }
  if (groups.length === 1 && isMobile(digits.slice(16))) return { digits: digits.slice(0, 16), spans: [[at, at + 16]] };
  return null;
}

/** Every 16-digit number in a text, including one broken over two lines. */
function sixteenDigitNumbers(text: string): SixteenDigits[] {
  // Runs of fewer than 4 digits (days, waves, amounts' thousands) can be no part of a card.
  const runs: { text: string; start: number; end: number }[] = [];
  DIGIT_RUN.lastIndex = 0;
  for (let m = DIGIT_RUN.exec(text); m; m = DIGIT_RUN.exec(text))
    if (m[0].length >= 4) runs.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  const out: SixteenDigits[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as (typeof runs)[number];
    const digits = run.text.replace(/\D/g, '');
    if (digits.length === 16) out.push({ digits, spans: [[run.start, run.end]] });
    else if (digits.length > 16) {
      const found = sixteenIn(run.text, run.start);
      if (found) out.push(found);
    } else if (digits.length >= 4) {
      // Broken across two lines: this run ends its line and the next line opens with the rest.
      const next = runs[i + 1];
      const between = next ? text.slice(run.end, next.start) : '';
      if (next && /^[ \t]*\n[ \t>]*$/.test(between) && digits.length + next.text.replace(/\D/g, '').length === 16) {
        out.push({
          digits: digits + next.text.replace(/\D/g, ''),
          spans: [
            [run.start, run.end],
            [next.start, next.end],
          ],
        });
        i++;
      }
    }
  }
  return out;
}

interface NumberCandidate {
  digits: string;
  label: NumberLabel | null;
  source: Source;
}

interface ScannedSource extends SourceText {
  /** The text with its 16-digit numbers blanked, so their digits are never read as a phone. */
  withoutSixteen: string;
}

// Text without four digits in a row (a separator allowed between them) holds no 16-digit number.
const FOUR_DIGITS = /\d[ .-]?\d[ .-]?\d[ .-]?\d/;

function scanSixteen(sources: SourceText[]): { numbers: NumberCandidate[]; scanned: ScannedSource[] } {
  const numbers: NumberCandidate[] = [];
  const scanned = sources.map((s) => {
    if (!FOUR_DIGITS.test(s.text)) return { ...s, withoutSixteen: s.text };
    const found = sixteenDigitNumbers(s.text);
    let blanked = s.text;
    for (const n of found) {
      const [start] = n.spans[0] as [number, number];
      const last = n.spans[n.spans.length - 1] as [number, number];
      numbers.push({
        digits: n.digits,
        label: labelOf(leftContext(s.text, start), rightContext(s.text, last[1], 25)),
        source: s.source,
      });
      for (const [from, to] of n.spans)
        blanked = blanked.slice(0, from) + blanked.slice(from, to).replace(/\d/g, 'x') + blanked.slice(to);
    }
    return { ...s, withoutSixteen: blanked };
  });
  return { numbers, scanned };
}

/**
 * Card and NIK from the candidates (docs/triage.md, "Numbers"): a card label settles the card and
 * a NIK label the NIK; a number whose label names both or neither is the card only if it cannot
 * be a NIK. One that could be a NIK is reported as the NIK (so it is masked wherever it is
 * stored) and, when no card was found, listed as unconfirmed: never guessed to be the card.
 */
function pickCardAndNik(
  cands: NumberCandidate[],
  evidence: Evidence[],
): Pick<Fields, 'cardNumber' | 'nik'> & { unconfirmed: string[]; niks: string[] } {
  const labelledNik = cands.filter((c) => c.label === 'nik');
  const isLabelledNik = (digits: string) => labelledNik.some((c) => c.digits === digits);
  const unsettled = (c: NumberCandidate) => (c.label === 'both' || c.label === null) && !isLabelledNik(c.digits);
  const card =
    cands.find((c) => c.label === 'card' && !isLabelledNik(c.digits)) ??
    cands.find((c) => unsettled(c) && !isPlausibleNik(c.digits)) ??
    null;
  const open = cands.filter((c) => unsettled(c) && isPlausibleNik(c.digits) && c.digits !== card?.digits);
  const nik = labelledNik[0] ?? open[0] ?? null;
  const unconfirmed = card ? [] : [...new Set(open.map((c) => c.digits))];
  if (card)
    evidence.push({
      field: 'cardNumber',
      source: card.source,
      detail: `${card.label === 'card' ? 'labelled as the card' : 'cannot be a NIK'}: ${mask.card(card.digits)}`,
    });
  if (nik)
    evidence.push({
      field: 'nik',
      source: nik.source,
      detail: `${nik.label === 'nik' ? 'labelled as NIK/KTP' : 'NIK-shaped'}: ${mask.nik(nik.digits)}`,
    });
  for (const digits of unconfirmed) {
    const c = open.find((o) => o.digits === digits) as NumberCandidate;
    evidence.push({ field: 'cardNumber', source: c.source, detail: `card or NIK? to confirm: ${mask.nik(digits)}` });
  }
  const niks = [...new Set([...labelledNik, ...open].map((c) => c.digits))];
  return { cardNumber: card?.digits ?? null, nik: nik?.digits ?? null, unconfirmed, niks };
}

// ---------------------------------------------------------------- phone

// A run worth handing to libphonenumber: at least 9 digits with phone-like separators. Handing it
// the run, not the whole line, keeps the matcher off long paragraphs.
const PHONE_RUN = /[+(]?\d[\d \t().-]{7,}\d/g;
// Words that name the participant's own contact number (Indonesian / English).
const OWN_PHONE =
  /\b(?:hp|handphone|telp|telepon|tlp|wa|whatsapp|ponsel|phone|mobile|contact|kontak|cp|hubungi|saya|sy|aku|my|me)\b/i;
// The text says the number is someone else's: the caller or scammer, or a relative or colleague.
// Read in the number's own clause, so a scam told in one sentence does not taint the participant's
// number given in the next. "WA nya" / "nomornya" alone say nothing about whose number it is.
const OTHERS_BEFORE_TERMS = [
  'penipu\\w*', // scammer
  'pelaku\\w*', // perpetrator
  'oknum',
  'scam\\w*',
  'fraud\\w*',
  'ngaku\\w*', // claims to be
  'mengaku',
  'pretend\\w*',
  'claim\\w* to be',
  'caller',
  'called me',
  // "yang nelpon" / "yg WA": the one who called / messaged
  '(?:yang|yg) (?:tadi |td )?(?:nelpon|menelpon|menelepon|telepon|telpon|nelfon|menghubungi|ngehubungin|wa|chat|sms|kirim)\\w*',
  // called / messaged (by): "ditelpon 0812...", "dihubungi oleh"
  'ditelpon',
  'ditelepon',
  'disms',
  'di-?wa',
  'dihubungi (?:oleh|dari|dr|sama)',
  // "WA dari", "nelpon pakai": contacted from a number
  '(?:wa|telpon|nelpon|sms|chat|telepon|call(?:ed)?|messaged?) (?:\\w+ )?(?:dari|from|pakai|pake|menggunakan|using)',
  'dari (?:nomor|no|nmr)',
  'from (?:the )?number',
  // relatives and colleagues
  'suami',
  'istri',
  'kakak',
  'adik',
  'abang',
  'teman',
  'rekan',
  'saudara',
  'ayah',
  'ortu',
  'orang tua',
  'colleague',
  'husband',
  'wife',
  'brother',
  'sister',
  'friend',
];
const OTHERS_BEFORE = new RegExp(`\\b(?:${OTHERS_BEFORE_TERMS.join('|')})\\b`, 'i');
// Right after the number: "0812... (penipu)", "0812 <- ini nomor yg nelpon", "0812 dan minta transfer".
const OTHERS_AFTER_TERMS = [
  'penipu\\w*',
  'pelaku\\w*',
  'scam\\w*',
  'ngaku\\w*',
  'mengaku',
  'claim\\w*',
  'pretend\\w*',
  '(?:yang|yg) (?:nelpon|menelpon|menelepon|telpon|menghubungi|wa|sms|chat)\\w*',
  '(?:dan |and )?(?:minta|meminta|nyuruh|menyuruh|asked|asking)\\b', // and asked for (money, OTP)
];
const OTHERS_AFTER = new RegExp(
  `^[\\s,.:;()<>=-]*(?:(?:ini|itu|adalah|is)\\s+)?(?:(?:nomor|no|nmr)\\s+)?(?:${OTHERS_AFTER_TERMS.join('|')})`,
  'i',
);
const OLD_PHONE =
  /\b(?:lama|old|sebelumnya|previous|hilang|ilang|hangus|mati|tidak aktif|ga aktif|gak aktif|tdk aktif|nonaktif)\b/i;
const NEW_PHONE = /\b(?:baru|new|sekarang|skrg|current|now)\b/i;

// Indonesian mobiles start 08 / +62 8 / 62 8. A run without that start anywhere is not worth the
// library's time (bank accounts, invoice numbers); libphonenumber still does all the validating.
const MOBILE_START = /(?:^|[^\d])(?:\+?62[ .-]?\(?8|\(?08)/;

interface FoundPhone {
  e164: string;
  startsAt: number;
  endsAt: number;
}

// The common layout: digit groups with one space, dot or dash between them, written the way an
// Indonesian mobile is ("0812-3456-7890", "+62 812 3456 7890"). Its E.164 form is plain (+62 and
// the national number), so libphonenumber only has to validate it, not parse the text: parsing
// is most of the library's cost. Anything else (brackets, tabs, glued numbers, "62…" without the
// plus) is parsed as written.
const SIMPLE_LAYOUT = /^\+?\d+(?:[ .-]\d+)*$/;
const INDONESIAN_MOBILE = /^(?:\+62|0)(8\d{6,12})$/;

// libphonenumber's verdict on a +62 mobile, by its first four national digits and its length:
// what its metadata checks for an Indonesian mobile is the operator prefix and the length, so the
// first number of a shape decides for the rest. Kept because validating every number costs the
// core its throughput target (npm run bench); the shapes in use are a few dozen, so the map stays
// small. A property test compares the result with libphonenumber number by number, so a metadata
// update that makes validity depend on later digits fails CI.
const MOBILE_VALID_BY_SHAPE = new Map<string, boolean>();

/** The national number of a valid Indonesian mobile written in the common layout, if it is one. */
function simpleMobile(run: string): string | undefined {
  if (!SIMPLE_LAYOUT.test(run)) return undefined;
  const national = INDONESIAN_MOBILE.exec(run.replace(/[ .-]/g, ''))?.[1];
  if (!national) return undefined;
  const shape = `${national.slice(0, 4)}/${national.length}`;
  let valid = MOBILE_VALID_BY_SHAPE.get(shape);
  if (valid === undefined) {
    valid = isValidMobile(`+62${national}`);
    MOBILE_VALID_BY_SHAPE.set(shape, valid);
  }
  return valid ? national : undefined;
}

/**
 * Valid Indonesian mobiles in one digit run: the common layout validated, else the run parsed
 * whole, else libphonenumber's text matcher (for glued numbers).
 */
function phonesInRun(run: string): FoundPhone[] {
  if (!MOBILE_START.test(run)) return [];
  const national = simpleMobile(run);
  if (national) return [{ e164: `+62${national}`, startsAt: 0, endsAt: run.length }];
  const whole = parsePhone(run);
  if (whole?.isValid()) return [{ e164: whole.number, startsAt: 0, endsAt: run.length }];
  return findPhonesInText(run)
    .filter((f) => f.number.countryCallingCode === '62')
    .map((f) => ({ e164: f.number.number, startsAt: f.startsAt, endsAt: f.endsAt }));
}

/** The clause a number sits in: from the last comma or semicolon before it. */
const clause = (left: string) => left.slice(Math.max(left.lastIndexOf(','), left.lastIndexOf(';')) + 1);

interface PhoneCandidate {
  e164: string;
  score: number;
  source: Source;
  order: number;
}

function phoneCandidates(sources: ScannedSource[], sender: string | null): PhoneCandidate[] {
  const out: PhoneCandidate[] = [];
  let order = 0;
  for (const { source, withoutSixteen, author } of sources) {
    // A message someone else wrote and the participant forwards (a scam text): its numbers are theirs.
    const othersText = source === 'forwarded' && author != null && author !== sender;
    // A run never crosses a line: its context is read within its line (or the one before).
    PHONE_RUN.lastIndex = 0;
    for (let run = PHONE_RUN.exec(withoutSixteen); run; run = PHONE_RUN.exec(withoutSixteen)) {
      for (const phone of phonesInRun(run[0])) {
        if (!phone.e164.startsWith('+62')) continue;
        const left = clause(leftContext(withoutSixteen, run.index + phone.startsAt, 50));
        const right = rightContext(withoutSixteen, run.index + phone.endsAt, 30);
        let score = 0;
        if (OWN_PHONE.test(left)) score += 2;
        if (OTHERS_BEFORE.test(left) || OTHERS_AFTER.test(right)) score -= 5;
        if (OLD_PHONE.test(left) || OLD_PHONE.test(right.split(/[,;]/)[0] ?? '')) score -= 3;
        if (NEW_PHONE.test(left)) score += 1;
        if (othersText) score -= 3;
        out.push({ e164: phone.e164, score, source, order: order++ });
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
  /\b(?:terdaftar|didaftarkan|registered|email akun|akun prakerja|email prakerja|email lama|old email|email di prakerja)\b/i;

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
  const { numbers, scanned } = scanSixteen(sources);
  const { cardNumber, nik, unconfirmed, niks } = pickCardAndNik(numbers, evidence);
  const phone = pickPhone(phoneCandidates(scanned, mail.from?.address ?? null), evidence);
  const email = pickEmail(mail, sources, evidence);
  const name = pickName(sources, evidence);
  return { fields: { cardNumber, phone, email, name, nik }, evidence, unconfirmed, niks };
}

/**
 * What the numbers in a complaint were read as, masked, one line each (Indonesian), for a reply to
 * say: the card, the NIK, the phone, and the numbers the participant is asked to confirm. Masked
 * as in logs, a NIK-shaped number down to its region digits: the reply goes to the sender's
 * address, which is not proof of who wrote the mail.
 */
export function numbersReadBack({ fields, unconfirmed }: Pick<Extraction, 'fields' | 'unconfirmed'>): string[] {
  const lines: string[] = [];
  if (fields.cardNumber) lines.push(`Nomor Kartu Prakerja: ${mask.card(fields.cardNumber)}`);
  if (fields.nik && !unconfirmed.includes(fields.nik)) lines.push(`NIK: ${mask.nik(fields.nik)}`);
  for (const digits of unconfirmed)
    lines.push(`Nomor 16 digit ${mask.nik(digits)}: mohon konfirmasi, apakah ini Nomor Kartu Prakerja atau NIK Anda?`);
  if (fields.phone) lines.push(`Nomor HP: ${mask.phone(fields.phone)}`);
  return lines;
}
