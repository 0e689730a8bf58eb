/**
 * Surge detection as plain data: what is kept per filed ticket (an observation), the baseline,
 * incidents and their members, and the settings. No behaviour here; see detector.ts.
 */
import type { Category } from '../types.ts';

/** One filed ticket as the detector keeps it: no text, only its terms and a MinHash signature. */
export interface Observation {
  ref: string;
  /** A hash of the participant's key: distinct participants are counted, not messages. */
  participant: string;
  category: Category;
  /** When the ticket was filed (ISO-8601). */
  at: string;
  /** Index of the time bucket `at` falls in (epoch ms / bucket length). */
  bucket: number;
  terms: string[];
  /** MinHash of the complaint's word shingles (minhash.ts), to group near-identical complaints. */
  minhash: number[];
  /** The incident this ticket joined; a ticket joins at most one. */
  incidentId: string | null;
}

/**
 * The normal rate of every feature (a term, or `#category`): an exponentially weighted mean of
 * the distinct participants per bucket that wrote it. Shares (feature / all) are compared, not
 * counts, so the daily peak and a busy hour change nothing.
 */
export interface Baseline {
  /** The last bucket folded in; null before the first. */
  through: number | null;
  /** Weighted mean distinct participants per bucket, all tickets. */
  participants: number;
  /** Participants folded in so far: no surge is raised before the baseline has seen enough. */
  seen: number;
  features: Record<string, number>;
}

/** One thing a ticket may say to belong to a surge: a new term, or a telling pair of terms. */
export interface SignatureEntry {
  terms: string[];
  /** ln(observed / expected): how unusual it was when the surge was raised. */
  weight: number;
  /** Distinct participants who wrote it in the window, and how many were expected. */
  observed: number;
  expected: number;
}

/** What a ticket must say to belong to a surge: entries whose weights add up to `minScore`. */
export interface Signature {
  entries: SignatureEntry[];
  /** Words that always come together; an entry names a phrase by its first word. */
  phrases: string[][];
  minScore: number;
}

/** What the detector saw when it raised the surge: the reason, in numbers. */
export interface SurgeEvidence {
  seed: string;
  /** Distinct participants who wrote the seed term in the window, and how many the baseline expects. */
  observed: number;
  expected: number;
  windowMinutes: number;
}

export const INCIDENT_STATUSES = ['proposed', 'accepted', 'dismissed', 'closed', 'expired'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface Incident {
  id: string;
  status: IncidentStatus;
  /** The category most of its tickets were filed under. */
  category: Category;
  signature: Signature;
  evidence: SurgeEvidence;
  /** The signature's terms, strongest first (what a supervisor reads). */
  topTerms: string[];
  proposedAt: string;
  firstTicketAt: string;
  lastTicketAt: string;
  tickets: number;
  participants: number;
  /** Tickets per bucket start (ISO-8601): the count over time. */
  timeline: Record<string, number>;
  /** A few member tickets, one per group of near-identical complaints (refs only). */
  examples: string[];
  /** Set on acceptance: the one answer every member ticket gets, now and as new ones join. */
  answer: IncidentAnswer | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** After a dismissal, close or expiry: no incident with an overlapping signature is proposed before this. */
  coolUntil: string | null;
  /** Optimistic concurrency: every save expects the version it read. */
  version: number;
}

/** The supervisor's one answer for all: the reply, and whether the tickets are resolved after it or wait. */
export interface IncidentAnswer {
  reply: string;
  afterwards: 'resolve' | 'wait';
}

/** A ticket that joined an incident. */
export interface Member {
  ref: string;
  participant: string;
  category: Category;
  at: string;
  /** Sum of the weights of the signature entries it contains. */
  score: number;
  /** The signature terms it contains (the evidence for the join). */
  matched: string[];
  minhash: number[];
}

export interface SurgeSettings {
  bucketMinutes: number;
  /** Bursts are measured over this sliding window. */
  windowMinutes: number;
  /** Half-life of the baseline's weighted mean, in buckets. */
  halfLifeBuckets: number;
  /** Baseline features below this mean per bucket are dropped (seen less than about once a week). */
  pruneBelow: number;
  /** No surge before the baseline has folded in this many participants. */
  minBaselineParticipants: number;
  /** Distinct participants needed, for a bursting term and for a surge. */
  minParticipants: number;
  /** A term bursts when it is at least this many times its expected count ... */
  minLift: number;
  /** ... and that count is this unlikely under the baseline (Poisson upper tail). */
  maxPValue: number;
  /**
   * Unusual terms, which describe a surge without raising one: written by at least `unusualMinCount`
   * participants in the window, `unusualMinLift` times the expected count, Poisson p ≤ `unusualMaxPValue`.
   */
  unusualMinCount: number;
  unusualMinLift: number;
  unusualMaxPValue: number;
  /** Two unusual terms belong to the same surge when this share of the rarer one's participants wrote both. */
  signatureCooccurrence: number;
  /** An unusual term this many times its usual rate is new: enough on its own to match. */
  newTermLift: number;
  /** A telling pair: written together by this many participants ... */
  pairMinCount: number;
  /** ... this many times as often as usual ... */
  pairMinLift: number;
  /** ... this many times more than the rise of either of its terms alone ... */
  pairInteraction: number;
  /** ... and that unlikely (Poisson). */
  pairMaxPValue: number;
  /** The usual co-occurrence of pairs is read from this many minutes before the window. */
  contextMinutes: number;
  /** Two terms each written with the other by this share of their participants (context and window) are one phrase. */
  phraseCooccurrence: number;
  /** When proposing, earlier matching tickets up to this far back join too. */
  lookbackMinutes: number;
  /**
   * A proposed incident nobody decided on expires once, over this many minutes, fewer tickets
   * joined than `ebbShare` of its busiest such period (and it was proposed at least that long ago).
   */
  quietMinutes: number;
  ebbShare: number;
  /** For this long after proposal, each evaluation adds what the surge's newer wording shows. */
  refineMinutes: number;
  /** A ticket matches when the weights (ln of lift) of its two strongest signature entries add up to this. */
  matchMinScore: number;
  /** How long a dismissed, closed or expired incident blocks a new proposal with an overlapping signature. */
  cooldownMinutes: number;
  /** Near-identical complaints: estimated Jaccard similarity of their shingles at least this. */
  nearDuplicate: number;
  examples: number;
}

export const DEFAULT_SETTINGS: SurgeSettings = {
  bucketMinutes: 5,
  windowMinutes: 15,
  halfLifeBuckets: 288,
  pruneBelow: 1 / (7 * 288),
  minBaselineParticipants: 2000,
  minParticipants: 15,
  minLift: 4,
  maxPValue: 1e-6,
  unusualMinCount: 4,
  unusualMinLift: 3,
  unusualMaxPValue: 1e-3,
  signatureCooccurrence: 0.3,
  newTermLift: 10,
  pairMinCount: 5,
  pairMinLift: 4,
  pairInteraction: 2,
  pairMaxPValue: 1e-6,
  contextMinutes: 180,
  phraseCooccurrence: 0.9,
  lookbackMinutes: 120,
  quietMinutes: 30,
  ebbShare: 0.1,
  refineMinutes: 60,
  matchMinScore: Math.log(50),
  cooldownMinutes: 360,
  nearDuplicate: 0.6,
  examples: 5,
};

export function bucketOf(atMs: number, settings: Pick<SurgeSettings, 'bucketMinutes'>): number {
  return Math.floor(atMs / (settings.bucketMinutes * 60_000));
}

export function bucketStart(bucket: number, settings: Pick<SurgeSettings, 'bucketMinutes'>): string {
  return new Date(bucket * settings.bucketMinutes * 60_000).toISOString();
}

/** The pseudo-term that counts a category like any other feature. */
export function categoryFeature(category: Category): string {
  return `#${category}`;
}
