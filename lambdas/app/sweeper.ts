/**
 * The sweeper: leases that ran out go back to ready (no work item is lost with a crashed agent),
 * ready tickets past their service-level due time are marked overdue (top of their list), and
 * replies written into tickets but not confirmed queued in time are queued again (the request
 * that wrote them failed after its change was made); the satisfaction surveys that are due are
 * sent (app/survey.ts); tickets held behind one that is no longer open go on their work list;
 * tickets waiting for the participant too long are reminded once, then closed (core/waiting.ts);
 * tickets ended longer ago than the retention period are deleted with all kept with them.
 */
import { releaseHold } from '#core/intake.ts';
import type { SlaHours } from '#core/sla.ts';
import { isOpen, type Ticket } from '#core/ticket.ts';
import { CATEGORIES } from '#core/types.ts';
import { closesUnansweredAt, type WaitingPolicy, waitingCutoffs, waitingMail, waitingStep } from '#core/waiting.ts';
import {
  LeaseConflict,
  type Outbox,
  type ReplyJob,
  type ReplyQueue,
  type StoredTicket,
  type TicketRetention,
  type WorkList,
} from '#ports';
import { queueFromOutbox } from './outbox.ts';
import { type SurveyMailDeps, sendDueSurveys } from './survey.ts';

export interface SweeperDeps {
  work: WorkList;
  outbox: Outbox;
  replies: ReplyQueue;
  sla: SlaHours;
  /** When a ticket waiting for the participant is reminded, and then closed. */
  waiting: WaitingPolicy;
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
  /** Tickets waiting for the participant that were reminded (whether or not a mail could go). */
  waitingReminded: number;
  /** Tickets closed because the participant never answered. */
  closedUnanswered: number;
}

/** A reply still pending this long was written by a request that failed: no request runs this long (10 s). */
export const UNCONFIRMED_REPLY_AFTER_MS = 60_000;
/** Replies queued again per run, at most (the rest wait for the next minute). */
const REQUEUE_PER_RUN = 100;
/** Waiting tickets reminded, and closed, per category and run, at most (the rest wait for the next minute). */
export const WAITING_PER_RUN = 50;
/** Retention entries handled per run, at most: a day's endings take well under a day of runs. */
const PURGE_PER_RUN = 100;
const DAY_MS = 24 * 3600_000;

export async function sweep(deps: SweeperDeps): Promise<SweepResult> {
  const { work, outbox, replies, sla, waiting, surveys, retention, now } = deps;
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
    waitingReminded: 0,
    closedUnanswered: 0,
  };
  const attempt = async (
    fn: () => Promise<unknown>,
    counter: 'leasesExpired' | 'markedOverdue' | 'holdsReleased' | 'waitingReminded' | 'closedUnanswered',
  ) => {
    try {
      await fn();
      result[counter]++;
    } catch (err) {
      if (!(err instanceof LeaseConflict)) throw err;
      result.conflicts++; // an agent acted meanwhile: their change stands
    }
  };
  const cutoffs = waitingCutoffs(at, waiting);
  const waits: WaitingDeps = { work, replies, outbox, waiting, at };
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
    // After the agents' work lists are kept: a wait's mail can wait a minute, a lease cannot.
    // A participant's mail meanwhile takes the ticket off these lists, and makes the transition
    // below lose on the ticket's version (a conflict): their answer stands.
    for (const t of await work.waitingDue(category, 'close', cutoffs.closeIfRemindedAt, WAITING_PER_RUN)) {
      if (waitingStep(t, at, waiting) === 'close') await attempt(() => closeUnanswered(t, waits), 'closedUnanswered');
    }
    for (const t of await work.waitingDue(category, 'remind', cutoffs.remindIfWaitingSince, WAITING_PER_RUN)) {
      if (waitingStep(t, at, waiting) === 'remind') await attempt(() => remind(t, waits), 'waitingReminded');
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

interface WaitingDeps {
  work: WorkList;
  replies: ReplyQueue;
  outbox: Outbox;
  waiting: WaitingPolicy;
  at: string;
}

/** The sweeper's mail about a wait, threaded to the ticket: what is still missing, nothing from the participant's mail. */
async function waitingJob(
  t: StoredTicket,
  kind: 'waiting_reminder' | 'closed_unanswered',
  to: string,
  work: WorkList,
): Promise<Omit<ReplyJob, 'jobId'>> {
  const inReplyTo = await work.latestMessageId(t.ref);
  return {
    kind,
    ticketRef: t.ref,
    to,
    category: t.category,
    missing: t.missing,
    inReplyTo,
    references: inReplyTo ? [inReplyTo] : [],
  };
}

/**
 * The one reminder of a wait: marked on the ticket by the same conditional write that puts the
 * mail in its outbox (so it is sent once, and not lost if queueing fails: the outbox sweep
 * queues it), its job id named by the ticket's version (the mailer sends a job id once).
 */
async function remind(t: StoredTicket, d: WaitingDeps): Promise<void> {
  const { work, waiting, at } = d;
  const mail = waitingMail(t);
  const job: ReplyJob | null = mail.send
    ? {
        jobId: `${t.ref}:waiting_reminder:${t.version}`,
        ...(await waitingJob(t, 'waiting_reminder', mail.to, work)),
        closesAt: closesUnansweredAt(at, waiting),
      }
    : null;
  await work.transition(t, { status: 'waiting_participant', remindedAt: at, updatedAt: at, reply: job ?? undefined });
  if (job) await queueFromOutbox(d, t.ref, job);
}

/**
 * Closes a ticket whose participant never answered: closed by one conditional write that also
 * puts the closing mail in its outbox, then its participant links are freed (as a resolution
 * frees them: the participant's next mail opens a ticket, or continues this one if it answers
 * it) and the mail is queued.
 */
async function closeUnanswered(t: StoredTicket, d: WaitingDeps): Promise<void> {
  const { work, at } = d;
  const mail = waitingMail(t);
  const job: ReplyJob | null = mail.send
    ? { jobId: `${t.ref}:closed_unanswered:${t.version}`, ...(await waitingJob(t, 'closed_unanswered', mail.to, work)) }
    : null;
  const closed = await work.transition(t, { status: 'closed', updatedAt: at, reply: job ?? undefined });
  await work.releaseParticipant(closed);
  if (job) await queueFromOutbox(d, t.ref, job);
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
