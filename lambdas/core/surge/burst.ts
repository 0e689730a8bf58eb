/**
 * Finding "the same new thing":
 *
 * 1. Bursts: terms written by more distinct participants in the window than the baseline allows.
 *    The strongest (most participants above expectation) seeds a surge.
 * 2. Its vocabulary: the seed and the other unusual terms of the window that come with it.
 * 3. Its signature, what a ticket must say to belong to it:
 *    - new terms: unusual terms at least `newTermLift` times their usual rate (a new platform
 *      name, an error text), each enough on its own;
 *    - telling pairs: two terms found together far more often than usual, and far more often
 *      than either term's own rise explains ("error" among mails naming a platform). Everyday
 *      words that merely ride along with the seed ("insentif" next to "tahap 2") are not telling.
 *    The usual co-occurrence of a pair comes from the context: the hours just before the window.
 */
import { countFeatures, expectedShare, featuresOf } from './baseline.ts';
import type { Baseline, Observation, Signature, SignatureEntry, SurgeSettings } from './model.ts';

export interface Burst {
  feature: string;
  /** Distinct participants who wrote it in the window. */
  observed: number;
  /** How many the baseline expects among the window's participants. */
  expected: number;
  pValue: number;
}

const LOG_FACTORIAL: number[] = [0];
function logFactorial(n: number): number {
  for (let i = LOG_FACTORIAL.length; i <= n; i++) LOG_FACTORIAL[i] = (LOG_FACTORIAL[i - 1] as number) + Math.log(i);
  return LOG_FACTORIAL[n] as number;
}

/** P(X ≥ k) for X ~ Poisson(mean): the chance of seeing at least k where the baseline expects `mean`. */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (k <= mean) return 1; // not a rise at all; the exact value does not matter here
  // Terms from k upward shrink by mean/(i+1) < 1; sum until they stop counting.
  let term = Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
  let sum = 0;
  for (let i = k; term > sum * 1e-12 && i < k + 10_000; i++) {
    sum += term;
    term *= mean / (i + 1);
  }
  return Math.min(1, sum);
}

interface Thresholds {
  minCount: number;
  minLift: number;
  maxPValue: number;
}

function unusualFeatures(
  candidates: readonly Observation[],
  participants: number,
  baseline: Baseline,
  settings: SurgeSettings,
  t: Thresholds,
): Burst[] {
  const counts = countFeatures(candidates);
  const out: Burst[] = [];
  for (const [feature, observed] of counts.features) {
    if (observed < t.minCount) continue;
    const expected = participants * expectedShare(baseline, feature, settings);
    if (observed < t.minLift * expected) continue;
    const pValue = poissonUpperTail(observed, expected);
    if (pValue > t.maxPValue) continue;
    out.push({ feature, observed, expected, pValue });
  }
  return out.sort((a, b) => b.observed - b.expected - (a.observed - a.expected) || (a.feature < b.feature ? -1 : 1));
}

/**
 * Features (terms and categories) of the `candidates` written by at least `minParticipants`
 * distinct participants, `minLift` times what the baseline expects among the window's
 * `participants`, and unlikely under it (Poisson); largest excess first. These seed surges.
 */
export function findBursts(
  candidates: readonly Observation[],
  participants: number,
  baseline: Baseline,
  settings: SurgeSettings,
): Burst[] {
  return unusualFeatures(candidates, participants, baseline, settings, {
    minCount: settings.minParticipants,
    minLift: settings.minLift,
    maxPValue: settings.maxPValue,
  });
}

/** Features unusual enough to describe a surge, though not to raise one. */
export function findUnusual(
  candidates: readonly Observation[],
  participants: number,
  baseline: Baseline,
  settings: SurgeSettings,
): Burst[] {
  return unusualFeatures(candidates, participants, baseline, settings, {
    minCount: settings.unusualMinCount,
    minLift: settings.unusualMinLift,
    maxPValue: settings.unusualMaxPValue,
  });
}

/** A ticket's score adds its strongest entries, this many: one sentence's words are not independent evidence. */
const TOP_ENTRIES = 2;

/** At most this lift counts: beyond it a term says no more (and a brand-new term has no real baseline). */
const MAX_LIFT = 1000;

/**
 * The count we are sure of: the lower 95% bound of a Poisson count (normal approximation). Pairs
 * are picked for being high, so a small count (5 or 6) overstates the rise; this shrinks it.
 */
function surelyAbove(observed: number): number {
  return Math.max(0.5, observed - 1.645 * Math.sqrt(observed));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function participantsWith(observations: readonly Observation[]): Map<string, Set<string>> {
  const who = new Map<string, Set<string>>();
  for (const o of observations) {
    for (const f of featuresOf(o)) {
      let set = who.get(f);
      if (!set) {
        set = new Set();
        who.set(f, set);
      }
      set.add(o.participant);
    }
  }
  return who;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both++;
  return both;
}

/**
 * The seed and every unusual term linked to it through terms that come together: at least
 * `signatureCooccurrence` of the rarer one's participants wrote both.
 */
export function surgeVocabulary(
  seed: string,
  window: readonly Observation[],
  unusual: readonly Burst[],
  settings: SurgeSettings,
): Set<string> {
  const wanted = new Set([seed, ...unusual.map((u) => u.feature)]);
  const who = new Map([...participantsWith(window)].filter(([f]) => wanted.has(f)));
  const linked = new Set([seed]);
  const queue = [seed];
  for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
    const mine = who.get(f);
    if (!mine) continue;
    for (const [other, theirs] of who) {
      if (linked.has(other)) continue;
      const both = overlap(mine, theirs);
      if (both >= 3 && both >= settings.signatureCooccurrence * Math.min(mine.size, theirs.size)) {
        linked.add(other);
        queue.push(other);
      }
    }
  }
  return linked;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/**
 * The signature of a surge whose `vocabulary` is known, from the `window` (tickets not yet in an
 * incident) and the `context` (the hours before it). Rates are per distinct participant.
 */
export function buildSignature(
  vocabulary: ReadonlySet<string>,
  window: readonly Observation[],
  context: readonly Observation[],
  baseline: Baseline,
  settings: SurgeSettings,
): Signature {
  const n = new Set(window.map((o) => o.participant)).size;
  const m = new Set(context.map((o) => o.participant)).size;
  const minScore = round(settings.matchMinScore);
  if (n === 0) return { entries: [], phrases: [], minScore };
  // Words that nearly always come together (a two-word name) count as one: each points to the
  // first of its phrase.
  const phraseOf = new Map<string, string>();
  const rep = (t: string): string => {
    let r = t;
    for (let up = phraseOf.get(r); up !== undefined && up !== r; up = phraseOf.get(r)) r = up;
    return r;
  };

  const single = participantsWith(window);
  const singleBefore = participantsWith(context);
  const entries: SignatureEntry[] = [];

  // New terms: enough on their own.
  const newTerms = new Set<string>();
  for (const term of vocabulary) {
    const observed = single.get(term)?.size ?? 0;
    const expected = n * expectedShare(baseline, term, settings);
    const lift = surelyAbove(observed) / expected;
    if (term.startsWith('#') || observed < settings.pairMinCount || lift < settings.newTermLift) continue;
    newTerms.add(term);
    entries.push({
      terms: [term],
      weight: round(Math.log(Math.min(lift, MAX_LIFT))),
      observed,
      expected: round(expected),
    });
  }

  // New words that come together in the window (a new two-word name) are one phrase too.
  const fresh = [...newTerms].sort();
  for (const [i, a] of fresh.entries()) {
    for (const b of fresh.slice(i + 1)) {
      const wa = single.get(a) as Set<string>;
      const wb = single.get(b) as Set<string>;
      if (overlap(wa, wb) >= settings.phraseCooccurrence * Math.max(wa.size, wb.size)) phraseOf.set(rep(b), rep(a));
    }
  }

  // Telling pairs: a vocabulary term and another term of the same tickets.
  const pairs = new Map<string, { a: string; b: string; who: Set<string> }>();
  for (const o of window) {
    const features = featuresOf(o);
    for (const a of features) {
      if (!vocabulary.has(a) || newTerms.has(a)) continue;
      for (const b of features) {
        if (b === a || newTerms.has(b)) continue;
        const key = pairKey(a, b);
        let pair = pairs.get(key);
        if (!pair) {
          pair = { a, b, who: new Set() };
          pairs.set(key, pair);
        }
        pair.who.add(o.participant);
      }
    }
  }
  const before = new Map<string, Set<string>>();
  for (const o of context) {
    const features = featuresOf(o);
    for (let i = 0; i < features.length; i++) {
      for (let j = i + 1; j < features.length; j++) {
        const key = pairKey(features[i] as string, features[j] as string);
        if (!pairs.has(key)) continue;
        let set = before.get(key);
        if (!set) {
          set = new Set();
          before.set(key, set);
        }
        set.add(o.participant);
      }
    }
  }
  // Usual rate in the context, with one pseudo-occurrence: a pair a few thousand tickets never
  // showed is rare, not impossible.
  const usual = (count: number) => (count + 1) / (m + 1);
  for (const [key, { a, b, who }] of pairs) {
    const observed = who.size;
    if (observed < settings.pairMinCount) continue;
    const together = before.get(key)?.size ?? 0;
    const aBefore = singleBefore.get(a)?.size ?? 0;
    const bBefore = singleBefore.get(b)?.size ?? 0;
    // A phrase in the context and still one in the window ("kosong" in a new sense is not).
    const alone = Math.max(single.get(a)?.size ?? 0, single.get(b)?.size ?? 0);
    if (
      together >= 5 &&
      together >= settings.phraseCooccurrence * Math.max(aBefore, bBefore) &&
      observed >= settings.phraseCooccurrence * alone
    ) {
      const [ra, rb] = [rep(a), rep(b)].sort() as [string, string];
      if (ra !== rb) phraseOf.set(rb, ra);
      continue;
    }
    const expected = n * usual(together);
    const lift = surelyAbove(observed) / expected;
    if (lift < settings.pairMinLift) continue;
    // The pair must rise more than its terms do: otherwise it only echoes one term's burst.
    const termLift = Math.max(
      (single.get(a)?.size ?? 0) / (n * usual(aBefore)),
      (single.get(b)?.size ?? 0) / (n * usual(bBefore)),
    );
    if (lift < settings.pairInteraction * termLift) continue;
    if (poissonUpperTail(observed, expected) > settings.pairMaxPValue) continue;
    entries.push({
      terms: a < b ? [a, b] : [b, a],
      weight: round(Math.log(Math.min(lift, MAX_LIFT))),
      observed,
      expected: round(expected),
    });
  }
  // One entry per set of phrases: "kelas + pijar" and "kelas + mahir" are the same evidence.
  const unique = new Map<string, SignatureEntry>();
  for (const e of entries) {
    const terms = [...new Set(e.terms.map(rep))].sort();
    if (terms.length < e.terms.length) continue; // both words of one phrase
    const key = terms.join(' ');
    const known = unique.get(key);
    if (!known || e.weight > known.weight) unique.set(key, { ...e, terms });
  }
  const groups = new Map<string, string[]>();
  for (const word of phraseOf.keys()) groups.set(rep(word), [...(groups.get(rep(word)) ?? [rep(word)]), word]);
  const phrases = [...groups.values()].map((g) => [...new Set(g)].sort()).filter((g) => g.length > 1);
  const out = [...unique.values()].sort(
    (x, y) => y.weight - x.weight || x.terms.join(' ').localeCompare(y.terms.join(' ')),
  );
  return { entries: out, phrases, minScore };
}

export interface SignatureMatch {
  score: number;
  /** The signature terms the ticket contains (the evidence for the join). */
  matched: string[];
}

/**
 * Whether a ticket's features (terms and `#category`) say what the signature says: the weights of
 * the entries it contains (a new term, both terms of a telling pair) add up to `minScore`.
 */
export function matches(signature: Signature, features: readonly string[]): SignatureMatch | null {
  const mine = new Set(features);
  const found: number[] = [];
  const matched = new Set<string>();
  for (const e of signature.entries) {
    if (!e.terms.every((t) => mine.has(t))) continue;
    found.push(e.weight);
    for (const t of e.terms) matched.add(t);
  }
  found.sort((a, b) => b - a);
  const score = found.slice(0, TOP_ENTRIES).reduce((a, b) => a + b, 0);
  return score >= signature.minScore ? { score: round(score), matched: [...matched] } : null;
}

/** Every term of the signature. */
export function signatureTerms(signature: Signature): string[] {
  return [...new Set(signature.entries.flatMap((e) => e.terms))];
}

/** The signature's terms, most telling first (a phrase as its words): what a supervisor reads. */
export function topTerms(signature: Signature, limit = 8): string[] {
  const weight = new Map<string, number>();
  for (const e of signature.entries) {
    for (const t of e.terms) if (!t.startsWith('#')) weight.set(t, (weight.get(t) ?? 0) + e.weight);
  }
  const phraseOf = new Map(signature.phrases.map((p) => [p[0] as string, p.join(' ')]));
  return [...weight]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([t]) => phraseOf.get(t) ?? t);
}
