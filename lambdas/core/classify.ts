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
const SCANNER = new RuleScanner([...ALL_RULES.map((r) => r.rule.pattern), URGENCY]);
const URGENCY_INDEX = ALL_RULES.length;

/** A category within this share of the winner's score is a plausible reading too (used by dedupe). */
const ALTERNATIVE_SHARE = 0.6;
// Ties go to the category that costs most if handled late (fraud and money first).
const TIE_ORDER: Category[] = ['fraud', 'incentive', 'account', 'certificate', 'training', 'registration', 'general'];
const BASE_PRIORITY: Record<Category, Priority> = {
  fraud: 'urgent',
  incentive: 'high',
  account: 'normal',
  certificate: 'normal',
  training: 'normal',
  registration: 'normal',
  general: 'low',
};

/** Strips reply/forward prefixes and ticket references: our own subject words must not vote. */
export function cleanSubject(subject: string): string {
  return subject
    .replace(/\[[A-Z]{2,5}-[\w-]+\]/g, ' ')
    .replace(/^(?:\s*(?:re|fw|fwd|aw|balas|bls|tr)\s*(?:\[\d+\])?\s*:\s*)+/i, '')
    .replace(/\bmohon lengkapi data pengaduan anda\b|\bpengaduan anda (?:kami )?terima\b/gi, ' ')
    .trim();
}

export function classify(input: ClassifyInput): Classification {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const parts = [
    { part: 'subject' as const, text: cleanSubject(input.subject).toLowerCase() },
    { part: 'body' as const, text: input.body.toLowerCase() },
    { part: 'quoted' as const, text: input.quoted.toLowerCase() },
  ];
  // Each rule counts once, at the weight of the strongest part it appears in.
  const where: (keyof typeof WEIGHT | null)[] = new Array(SCANNER.size).fill(null);
  let urgent = false;
  for (const { part, text } of parts) {
    if (!text) continue;
    const found = SCANNER.scan(text);
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
  const alternatives = TIE_ORDER.filter((c) => c !== category && top > 0 && scores[c] >= ALTERNATIVE_SHARE * top);
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

function bump(p: Priority, urgent: boolean): Priority {
  if (!urgent) return p;
  return p === 'low' ? 'normal' : p === 'normal' ? 'high' : 'urgent';
}

/** Lower rank = served first on a work list. */
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
