/**
 * The sweeper: leases that ran out go back to ready (no work item is lost with a crashed agent),
 * ready tickets past their service-level due time are marked overdue (top of their list), and
 * the satisfaction surveys that are due are sent (app/survey.ts).
 */
import type { Ticket } from '#core/ticket.ts';
import { CATEGORIES } from '#core/types.ts';
import { LeaseConflict, type WorkList } from '#ports';
import { type SurveyMailDeps, sendDueSurveys } from './survey.ts';

export interface SweeperDeps {
  work: WorkList;
  surveys: SurveyMailDeps;
  now: () => Date;
}

export interface SweepResult {
  leasesExpired: number;
  markedOverdue: number;
  conflicts: number;
  surveysQueued: number;
  /** Resolutions of tickets surveyed before: no second survey. */
  surveysAlreadySent: number;
}

export async function sweep({ work, surveys, now }: SweeperDeps): Promise<SweepResult> {
  const at = now().toISOString();
  const result: SweepResult = {
    leasesExpired: 0,
    markedOverdue: 0,
    conflicts: 0,
    surveysQueued: 0,
    surveysAlreadySent: 0,
  };
  const attempt = async (fn: () => Promise<Ticket>, counter: 'leasesExpired' | 'markedOverdue') => {
    try {
      await fn();
      result[counter]++;
    } catch (err) {
      if (!(err instanceof LeaseConflict)) throw err;
      result.conflicts++; // an agent acted meanwhile: their change stands
    }
  };
  for (const category of CATEGORIES) {
    for (const t of await work.expiredLeases(category, at)) {
      await attempt(
        () =>
          work.transition(t, { status: 'ready', claimedBy: null, leaseExpiresAt: null, updatedAt: at, front: true }),
        'leasesExpired',
      );
    }
    for (const t of await work.newlyOverdue(category, at)) {
      await attempt(() => work.transition(t, { status: 'ready', overdue: true, updatedAt: at }), 'markedOverdue');
    }
  }
  const sent = await sendDueSurveys(surveys);
  result.surveysQueued = sent.queued;
  result.surveysAlreadySent = sent.alreadySurveyed;
  return result;
}
