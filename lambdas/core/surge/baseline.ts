/**
 * The baseline: for every feature (term or `#category`), an exponentially weighted mean of the
 * distinct participants per bucket who wrote it, next to the same mean for all participants.
 *
 * EWMA rather than "the same hour on previous days": a new thing has no history at any hour, the
 * daily peak cancels out because shares are compared rather than counts, and the whole baseline
 * is one small record updated once per bucket instead of 24 × 7 slots per term.
 */
import { type Baseline, categoryFeature, type Observation, type SurgeSettings } from './model.ts';

export function emptyBaseline(): Baseline {
  return { through: null, participants: 0, seen: 0, features: {} };
}

export interface FeatureCounts {
  /** Distinct participants among the observations. */
  participants: number;
  /** Distinct participants per feature. */
  features: Map<string, number>;
}

/** Every feature of an observation: its terms and its category. */
export function featuresOf(o: Pick<Observation, 'terms' | 'category'>): string[] {
  return [...o.terms, categoryFeature(o.category)];
}

/** Distinct participants per feature: one participant writing ten times counts once. */
export function countFeatures(observations: Iterable<Observation>): FeatureCounts {
  const who = new Map<string, Set<string>>();
  const everyone = new Set<string>();
  for (const o of observations) {
    everyone.add(o.participant);
    for (const f of featuresOf(o)) {
      let set = who.get(f);
      if (!set) {
        set = new Set();
        who.set(f, set);
      }
      set.add(o.participant);
    }
  }
  const features = new Map<string, number>();
  for (const [f, set] of who) features.set(f, set.size);
  return { participants: everyone.size, features };
}

function decayFactor(settings: SurgeSettings): number {
  return 2 ** (-1 / settings.halfLifeBuckets);
}

/**
 * Folds every complete bucket before `currentBucket` not yet folded in. `observations` must hold
 * all observations of those buckets (others are ignored). Buckets without observations count as
 * quiet ones. The first call starts at the earliest bucket it is given (or, given none, just before
 * `currentBucket`).
 */
export function rollBaseline(
  baseline: Baseline,
  observations: readonly Observation[],
  currentBucket: number,
  settings: SurgeSettings,
): Baseline {
  const byBucket = new Map<number, Observation[]>();
  let earliest = currentBucket;
  for (const o of observations) {
    if (o.bucket >= currentBucket || (baseline.through !== null && o.bucket <= baseline.through)) continue;
    earliest = Math.min(earliest, o.bucket);
    const list = byBucket.get(o.bucket);
    if (list) list.push(o);
    else byBucket.set(o.bucket, [o]);
  }
  const from = baseline.through === null ? earliest : baseline.through + 1;
  if (from >= currentBucket) {
    // Nothing to fold yet; a new baseline starts counting from here.
    return baseline.through === null ? { ...baseline, through: currentBucket - 1 } : baseline;
  }

  const keep = decayFactor(settings);
  const features = { ...baseline.features };
  let participants = baseline.participants;
  let seen = baseline.seen;
  let decayed = from - 1; // bucket whose values `features` currently hold
  for (const bucket of [...byBucket.keys()].sort((a, b) => a - b)) {
    // Quiet buckets in between only decay; this bucket then adds its counts.
    const factor = keep ** (bucket - decayed);
    const counts = countFeatures(byBucket.get(bucket) as Observation[]);
    for (const f of Object.keys(features)) features[f] = (features[f] as number) * factor;
    for (const [f, n] of counts.features) features[f] = (features[f] ?? 0) + (1 - keep) * n;
    participants = participants * factor + (1 - keep) * counts.participants;
    seen += counts.participants;
    decayed = bucket;
  }
  const rest = keep ** (currentBucket - 1 - decayed);
  for (const f of Object.keys(features)) {
    const v = (features[f] as number) * rest;
    if (v < settings.pruneBelow) delete features[f];
    else features[f] = v;
  }
  return { through: currentBucket - 1, participants: participants * rest, seen, features };
}

/** The share of participants the baseline expects to write this feature; an unseen one counts as once a day. */
export function expectedShare(baseline: Baseline, feature: string, settings: SurgeSettings): number {
  const oncePerDay = settings.bucketMinutes / 1440;
  const perBucket = Math.max(baseline.features[feature] ?? 0, oncePerDay);
  return Math.min(1, perBucket / Math.max(baseline.participants, oncePerDay));
}

export function isMature(baseline: Baseline, settings: SurgeSettings): boolean {
  return baseline.seen >= settings.minBaselineParticipants;
}
