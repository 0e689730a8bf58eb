/**
 * The sweeper: leases that ran out go back to ready (no work item is lost with a crashed agent),
 * ready tickets past their service-level due time are marked overdue (top of their list), and
 * replies written into tickets but not confirmed queued in time are queued again (the request
 * that wrote them failed after its change was made); the satisfaction surveys that are due are
 * sent (app/survey.ts); tickets held behind one that is no longer open go on their work list;
 * tickets ended longer ago than the retention period are deleted with all kept with them.
 */
import { releaseHold } from '#core/intake.ts';
import type { SlaHours } from '#core/sla.ts';
import { isOpen, type Ticket } from '#core/ticket.ts';
import { CATEGORIES } from '#core/types.ts';
import { LeaseConflict, type Outbox, type ReplyQueue, type TicketRetention, type WorkList } from '#ports';
import { type SurveyMailDeps, sendDueSurveys } from './survey.ts';

export interface SweeperDeps {
  work: WorkList;
  outbox: Outbox;
  replies: ReplyQueue;
  sla: SlaHours;
  surveys: SurveyMailDeps;
  /** Ended tickets are kept `days` days after they ended. */
  retention: { tickets: TicketRetention; days: number };
  now: () => Date;
}

export interface SweepResult {
  leasesExpired: number;
  markedOverdue: number;
  /** Replies queued again from ticket outboxes. */
  repliesRequeued: number;
  holdsReleased: number;
  conflicts: number;
  surveysQueued: number;
  /** Resolutions of tickets surveyed before: no second survey. */
  surveysAlreadySent: number;
  /** Tickets deleted at the end of their retention period. */
  ticketsPurged: number;
}

/** A reply still pending this long was written by a request that failed: no request runs this long (10 s). */
export const UNCONFIRMED_REPLY_AFTER_MS = 60_000;
/** Replies queued again per run, at most (the rest wait for the next minute). */
const REQUEUE_PER_RUN = 100;
/** Retention entries handled per run, at most: a day's endings take well under a day of runs. */
const PURGE_PER_RUN = 100;
const DAY_MS = 24 * 3600_000;

export async function sweep({
  work,
  outbox,
  replies,
  sla,
  surveys,
  retention,
  now,
}: SweeperDeps): Promise<SweepResult> {
  const at = now().toISOString();
  const result: SweepResult = {
    leasesExpired: 0,
    markedOverdue: 0,
    repliesRequeued: 0,
    holdsReleased: 0,
    conflicts: 0,
    surveysQueued: 0,
    surveysAlreadySent: 0,
    ticketsPurged: 0,
  };
  const attempt = async (fn: () => Promise<unknown>, counter: 'leasesExpired' | 'markedOverdue' | 'holdsReleased') => {
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
    for (const t of await work.held(category)) {
      const behind = t.heldBehind ? await work.get(t.heldBehind) : null;
      if (behind && isOpen(behind.status)) continue;
      await attempt(async () => {
        const released: Ticket = await work.transition(t, releaseHold(t, at, sla));
        // It held no links for the keys it shares with that ticket, now freed: take them.
        await work.relinkParticipant(t, released);
      }, 'holdsReleased');
    }
  }
  result.repliesRequeued = await requeueUnconfirmed(outbox, replies, now());
  const sent = await sendDueSurveys(surveys);
  result.surveysQueued = sent.queued;
  result.surveysAlreadySent = sent.alreadySurveyed;
  result.ticketsPurged = await purgeExpired(retention, now());
  return result;
}

async function purgeExpired({ tickets, days }: SweeperDeps['retention'], now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  let purged = 0;
  for (const entry of await tickets.endedBefore(cutoff, PURGE_PER_RUN))
    if (await tickets.purge(entry, cutoff)) purged++;
  return purged;
}

async function requeueUnconfirmed(outbox: Outbox, replies: ReplyQueue, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UNCONFIRMED_REPLY_AFTER_MS).toISOString();
  const pending = await outbox.pending(before, REQUEUE_PER_RUN);
  if (pending.length === 0) return 0;
  const failed = new Set(await replies.enqueue(pending.map((p) => p.job)));
  let queued = 0;
  for (const p of pending) {
    if (failed.has(p.job.jobId)) continue;
    await outbox.confirm(p.ref, p.job.jobId);
    queued++;
  }
  return queued;
}
