/**
 * The CSAT report from counters: per report day (WIB), per category and per agent, how many
 * surveys were sent, how many were answered, and how many answers gave each rating. CSAT is the
 * share of answers rating 4 or 5; the response rate the share of surveys answered. Pure.
 */
import { RATINGS, type Rating, SATISFIED } from './survey.ts';
import { CATEGORIES, type Category } from './types.ts';

export type RatingCounts = Record<Rating, number>;

/** One counter: the surveys of one report day for one category or one agent. */
export interface CsatCounter {
  day: string;
  dimension: 'category' | 'agent';
  /** The category, or the agent's id. */
  key: string;
  sent: number;
  answered: number;
  ratings: RatingCounts;
}

/** What one event changes in the counters of its day, category and agent. */
export interface CsatDelta {
  sent?: number;
  answered?: number;
  ratings?: Partial<RatingCounts>;
}

export interface CsatFigures {
  sent: number;
  answered: number;
  ratings: RatingCounts;
  /** Answers rating 4-5 over all answers, in percent (one decimal); null without answers. */
  csatPercent: number | null;
  /** Answers over surveys sent, in percent (one decimal); null when none was sent. */
  responseRatePercent: number | null;
}

export interface CsatReport {
  from: string;
  to: string;
  total: CsatFigures;
  byCategory: (CsatFigures & { category: Category })[];
  byAgent: (CsatFigures & { agent: string })[];
  byDay: (CsatFigures & { day: string })[];
}

export const noRatings = (): RatingCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

/** The counter change for a survey sent. */
export const surveySent = (): CsatDelta => ({ sent: 1 });

/** The counter change for a rating given: a first answer, or a changed one (moves one count). */
export function ratingGiven(previous: Rating | null, rating: Rating): CsatDelta {
  if (previous === null) return { answered: 1, ratings: { [rating]: 1 } };
  if (previous === rating) return {};
  return { ratings: { [previous]: -1, [rating]: 1 } };
}

export const isEmptyDelta = (d: CsatDelta): boolean =>
  !d.sent && !d.answered && Object.values(d.ratings ?? {}).every((n) => !n);

const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

function figures(sent: number, answered: number, ratings: RatingCounts): CsatFigures {
  const satisfied = SATISFIED.reduce((n, r) => n + ratings[r], 0);
  return {
    sent,
    answered,
    ratings,
    csatPercent: percent(satisfied, answered),
    responseRatePercent: percent(answered, sent),
  };
}

interface Sum {
  sent: number;
  answered: number;
  ratings: RatingCounts;
}

function add(into: Sum, c: Pick<CsatCounter, 'sent' | 'answered' | 'ratings'>): void {
  into.sent += c.sent;
  into.answered += c.answered;
  for (const r of RATINGS) into.ratings[r] += c.ratings[r];
}

const emptySum = (): Sum => ({ sent: 0, answered: 0, ratings: noRatings() });

function sumBy(counters: readonly CsatCounter[], keyOf: (c: CsatCounter) => string): Map<string, Sum> {
  const out = new Map<string, Sum>();
  for (const c of counters) {
    const k = keyOf(c);
    const s = out.get(k) ?? emptySum();
    add(s, c);
    out.set(k, s);
  }
  return out;
}

/**
 * The report over the counters of days `from`..`to` (inclusive). Every survey is counted once
 * under its category and once under its agent; totals and days come from the category counters.
 */
export function csatReport(from: string, to: string, counters: readonly CsatCounter[]): CsatReport {
  const inRange = counters.filter((c) => c.day >= from && c.day <= to);
  const byCategoryCounters = inRange.filter((c) => c.dimension === 'category');
  const total = emptySum();
  for (const c of byCategoryCounters) add(total, c);
  const categories = sumBy(byCategoryCounters, (c) => c.key);
  const agents = sumBy(
    inRange.filter((c) => c.dimension === 'agent'),
    (c) => c.key,
  );
  const days = sumBy(byCategoryCounters, (c) => c.day);
  const of = (s: Sum) => figures(s.sent, s.answered, s.ratings);
  return {
    from,
    to,
    total: of(total),
    byCategory: CATEGORIES.filter((c) => categories.has(c)).map((category) => ({
      category,
      ...of(categories.get(category) as Sum),
    })),
    byAgent: [...agents.keys()].sort().map((agent) => ({ agent, ...of(agents.get(agent) as Sum) })),
    byDay: [...days.keys()].sort().map((day) => ({ day, ...of(days.get(day) as Sum) })),
  };
}

const DAY_MS = 24 * 3600 * 1000;

/** Every day from `from` to `to` (YYYY-MM-DD, inclusive). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
