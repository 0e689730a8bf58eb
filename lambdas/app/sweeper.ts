/**
 * The sweeper: leases that ran out go back to ready (no work item is lost with a crashed agent),
 * and ready tickets past their service-level due time are marked overdue (top of their list).
 */
import type { Ticket } from '#core/ticket.ts';
import { CATEGORIES } from '#core/types.ts';
import { LeaseConflict, type WorkList } from '#ports';

export interface SweeperDeps {
  work: WorkList;
  now: () => Date;
}

export interface SweepResult {
  leasesExpired: number;
  markedOverdue: number;
  conflicts: number;
}

export async function sweep({ work, now }: SweeperDeps): Promise<SweepResult> {
  const at = now().toISOString();
  const result: SweepResult = { leasesExpired: 0, markedOverdue: 0, conflicts: 0 };
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
  return result;
}
