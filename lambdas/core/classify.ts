/**
 * Category and priority from weighted rules (classify-rules.ts), with the matched terms as
 * evidence. Rules rather than a trained model: 48 examples cannot train one that generalises,
 * while Indonesian complaint vocabulary is small, stable and easy for the team to extend.
 */
import { RULES, URGENCY } from './classify-rules.ts';
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
const ANY_RULE = Object.fromEntries(
  CATEGORIES.map((c) => [c, new RegExp(RULES[c].map((r) => `(?:${r.pattern.source})`).join('|'))]),
) as Record<Category, RegExp>;

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
  const evidence: Evidence[] = [];
  const texts = [
    { part: 'subject' as const, text: cleanSubject(input.subject).toLowerCase() },
    { part: 'body' as const, text: input.body.toLowerCase() },
    { part: 'quoted' as const, text: input.quoted.toLowerCase() },
  ];
  const all = texts.map((t) => t.text).join('\n');
  for (const category of CATEGORIES) {
    // One scan for the whole category first: most mails touch two or three categories, and the
    // other categories' rules then need no scan of their own (halves the classifier's time).
    if (!ANY_RULE[category].test(all)) continue;
    for (const rule of RULES[category]) {
      // Each rule counts once, at the weight of the strongest part it appears in.
      let best = 0;
      let where: 'subject' | 'body' | 'quoted' | null = null;
      for (const { part, text } of texts) {
        if (text && WEIGHT[part] > best && rule.pattern.test(text)) {
          best = WEIGHT[part];
          where = part;
        }
      }
      if (where) {
        scores[category] += rule.weight * best;
        evidence.push({
          field: 'category',
          source: where === 'body' ? 'new' : where,
          detail: `${category}: ${rule.term}`,
        });
      }
    }
  }
  let category: Category = 'general';
  let top = 0;
  for (const c of TIE_ORDER) {
    if (scores[c] > top) {
      top = scores[c];
      category = c;
    }
  }
  const alternatives = TIE_ORDER.filter((c) => c !== category && top > 0 && scores[c] >= ALTERNATIVE_SHARE * top);
  const urgent = URGENCY.test(`${texts[0]?.text}\n${texts[1]?.text}`);
  const priority = bump(BASE_PRIORITY[category], urgent);
  return {
    category,
    alternatives,
    priority,
    scores,
    evidence: evidence.filter((e) => e.detail.startsWith(`${category}:`)),
  };
}

function bump(p: Priority, urgent: boolean): Priority {
  if (!urgent) return p;
  return p === 'low' ? 'normal' : p === 'normal' ? 'high' : 'urgent';
}

/** Lower rank = served first on a work list. */
export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
