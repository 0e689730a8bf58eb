/**
 * Category and priority from weighted rules (classify-rules.ts), with the matched terms as
 * evidence. Rules rather than a trained model: 48 examples cannot train one that generalises,
 * while Indonesian complaint vocabulary is small, stable and easy for the team to extend.
 */
import { RULES, URGENCY } from './classify-rules.ts';
import { RuleScanner } from './rule-scan.ts';
import { CATEGORIES, type Category, type Evidence, type Priority } from './types.ts';

export interface ClassifyInput {
  subject: string;
  /** The participant's own text: new and forwarded parts. */
  body: string;
  /** Earlier mail the participant quotes (their own), weighed less. */
  quoted: string;
}

export interface Classification {
  category: Category;
  /** Other categories that scored close to the winner (a follow-up may be read either way). */
  alternatives: Category[];
  priority: Priority;
  scores: Record<Category, number>;
  evidence: Evidence[];
}

const WEIGHT = { subject: 1.5, body: 1, quoted: 0.5 } as const;
// Every rule (and the urgency terms, last) in one scanner: about one pass per part of the mail.
const ALL_RULES = CATEGORIES.flatMap((category) => RULES[category].map((rule) => ({ category, rule })));
// Built on first use: analysing the rules' sources is a noticeable part of a cold start, and
// most modules importing this one (the agent API's actions, status questions) need only its helpers.
let scanner: RuleScanner | undefined;
const rules = () => (scanner ??= new RuleScanner([...ALL_RULES.map((r) => r.rule.pattern), URGENCY]));
const URGENCY_INDEX = ALL_RULES.length;

/**
 * A category within this share of the winner's score, with evidence in what the mail says now
 * (subject or body, not quoted history or a settled earlier matter), is a plausible reading too:
 * dedupe may join the participant's open ticket of it. Anything weaker is a different problem.
 */
const ALTERNATIVE_SHARE = 0.6;
// Ties go to the category that costs most if handled late (fraud and money first).
const TIE_ORDER: Category[] = ['fraud', 'incentive', 'account', 'certificate', 'training', 'registration', 'general'];
/** Each category's priority before urgency words raise it. */
export const BASE_PRIORITY: Record<Category, Priority> = {
  fraud: 'urgent',
  incentive: 'high',
  account: 'normal',
  certificate: 'normal',
  training: 'normal',
  registration: 'normal',
  general: 'low',
};

/**
 * Lower case, and chat spelling evened out: letters typed three times or more once ("tolonggg"),
 * and the "2" that doubles a word dropped ("masuk2" for "masuk-masuk").
 */
export function normaliseForRules(text: string): string {
  return text.toLowerCase().replace(CHAT_SPELLING, (_, tripled?: string, doubled?: string) => tripled ?? doubled ?? '');
}
const CHAT_SPELLING = /([a-z])\1{2,}|\b([a-z]{2,})2\b/g;

// A line that carries a long number (account, card, phone, NIK) or an address with a few words
// around it ("Rekening BNI saya 0123456789"), or after a label ("NIK yang saya pakai daftar: ..."),
// is a data line: it says who the participant is, not what the problem is.
const LONG_NUMBER = /\d(?:[ .-]?\d){8,}|@/;
const LABELLED_VALUE = /[:=]\s*(?:\+?\d(?:[ .-]?\d){8,}|\S+@)/;
const DATA_LINE_WORDS = 6;

const isDataLine = (line: string) =>
  LONG_NUMBER.test(line) && (LABELLED_VALUE.test(line) || (line.match(/\p{L}+/gu)?.length ?? 0) <= DATA_LINE_WORDS);

/** The text without its data lines. */
export function withoutDataLines(text: string): string {
  if (!LONG_NUMBER.test(text)) return text;
  return text
    .split('\n')
    .filter((line) => !isDataLine(line))
    .join('\n');
}

// A clause about an earlier matter that is settled or already reported ("soal dana kemarin sudah
// beres", "sudah saya laporkan"), or that announces a different one ("sekarang ada masalah lain"),
// is not what the mail is about now: it votes at the weight of quoted history.
const SETTLED =
  /\b(?:sudah|udah|udh|sdh|dah|telah|already)\s+(?:\w+\s+){0,2}?(?:beres|selesai|aman|terjawab|teratasi|dilaporkan|laporkan|lapor|bisa|solved|resolved|fixed|answered|reported)\b|\b(?:masalah|soal|hal|urusan|kendala)\s+(?:\w+\s+)?(?:lain|lainnya|baru)\b|\b(?:another|different|other)\s+(?:issue|problem|matter)\b/;
const CLAUSE_END = /(?<=[.!?;\n])|,\s*(?=(?:tapi|tetapi|namun|sedangkan|sekarang|skrg|but|now)\b)/;

/** The text's clauses that are about the matter at hand, and those about a settled earlier one. */
export function splitSettled(text: string): { current: string; settled: string } {
  if (!SETTLED.test(text)) return { current: text, settled: '' };
  const current: string[] = [];
  const settled: string[] = [];
  for (const clause of text.split(CLAUSE_END)) (SETTLED.test(clause) ? settled : current).push(clause);
  return { current: current.join(' '), settled: settled.join(' ') };
}

const joinNonEmpty = (a: string, b: string) => (a && b ? `${a}\n${b}` : a || b);

/** Strips reply/forward prefixes and ticket references: our own subject words must not vote. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/\[[A-Z]{2,5}-[\w-]+\]/g, ' ')
    .replace(/^(?:\s*(?:re|fw|fwd|aw|balas|bls|tr)\s*(?:\[\d+\])?\s*:\s*)+/i, '')
    .replace(
      /\bmohon lengkapi data pengaduan anda\b|\bpengaduan anda (?:kami )?terima\b|\bstatus pengaduan anda\b/gi,
      ' ',
    )
    .trim();
}

export function classify(input: ClassifyInput): Classification {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const body = splitSettled(normaliseForRules(withoutDataLines(input.body)));
  const parts = [
    { part: 'subject' as const, text: normaliseForRules(cleanSubject(input.subject)) },
    { part: 'body' as const, text: body.current },
    { part: 'quoted' as const, text: joinNonEmpty(body.settled, normaliseForRules(withoutDataLines(input.quoted))) },
  ];
  // Each rule counts once, at the weight of the strongest part it appears in.
  const scan = rules();
  const where: (keyof typeof WEIGHT | null)[] = new Array(scan.size).fill(null);
  let urgent = false;
  for (const { part, text } of parts) {
    if (!text) continue;
    const found = scan.scan(text);
    for (let i = 0; i < found.length; i++) {
      if (!found[i]) continue;
      const before = where[i];
      if (i === URGENCY_INDEX) urgent ||= part !== 'quoted';
      else if (!before || WEIGHT[part] > WEIGHT[before]) where[i] = part;
    }
  }
  ALL_RULES.forEach(({ category, rule }, i) => {
    const part = where[i];
    if (part) scores[category] += rule.weight * WEIGHT[part];
  });
  let category: Category = 'general';
  let top = 0;
  for (const c of TIE_ORDER) {
    if (scores[c] > top) {
      top = scores[c];
      category = c;
    }
  }
  const current = new Set(
    ALL_RULES.filter((_, i) => where[i] === 'subject' || where[i] === 'body').map((r) => r.category),
  );
  // A mail that names no problem at all ("kok belum dibalas?") may be about any open one.
  const alternatives =
    top === 0
      ? TIE_ORDER.filter((c) => c !== category)
      : TIE_ORDER.filter((c) => c !== category && current.has(c) && scores[c] >= ALTERNATIVE_SHARE * top);
  const priority = bump(BASE_PRIORITY[category], urgent);
  // Evidence: the winning category's matched terms, in rule order.
  const evidence: Evidence[] = [];
  ALL_RULES.forEach(({ category: c, rule }, i) => {
    const part = where[i];
    if (c === category && part)
      evidence.push({ field: 'category', source: part === 'body' ? 'new' : part, detail: `${c}: ${rule.term}` });
  });
  return { category, alternatives, priority, scores, evidence };
}

/** One level up when the mail is urgent. */
export function bump(p: Priority, urgent: boolean): Priority {
  if (!urgent) return p;
  return p === 'low' ? 'normal' : p === 'normal' ? 'high' : 'urgent';
}

/** Lower rank = served first on a work list. */
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
