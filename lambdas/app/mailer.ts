/**
 * The mailer: one reply job, sent once. Never to machines, at most N auto-replies per address per
 * day (a job is counted once, however often it is tried), at most the instance's share of the
 * send rate, rendered from the core templates.
 *
 * Sent once without Powertools idempotency, by hand, on purpose: the job's own record on its
 * ticket (`REPLY#<jobId>`) is the guard (Powertools deletes its record when the handler throws
 * after the side effect, which sent a failed history write's mail twice). It is taken with a
 * conditional write before sending ("sending"), then marked sent with the provider's id. SES has
 * no idempotency key, so "sent once" rests on two witnesses of a send: our record, and SES's own
 * Send event (configuration set → sending events → `accepted`), which marks the record sent
 * whatever the mailer managed to write. A record left at "sending" by a sender that died is
 * taken again only after ABANDONED_SEND_AFTER_MS and only if no Send event came: a reply is
 * lost or sent twice only if both fail (see docs/architecture.md, "What sent once means").
 *
 * SES throttling is not a failure: the send is retried with backoff while the invocation has
 * time, then the job goes back on the queue with a delay (its receive count starts afresh, so
 * throttling never dead-letters a reply). A refusal SES means for good (`rejected`) is thrown
 * for the handler to dead-letter at once.
 */
import { SYSTEM_SENDER } from '#core/automated.ts';
import { buildReply } from '#core/reply-message.ts';
import { statusPageUrl } from '#core/status-text.ts';
import { isAgentWritten } from '#core/templates.ts';
import {
  type Allowance,
  type DeadLetters,
  type Mailer,
  type ReplyJob,
  type ReplyLog,
  type ReplyQueue,
  SendFailure,
  type SendTags,
  type SuppressionList,
} from '#ports';

export interface MailerDeps {
  mailer: Mailer;
  replies: ReplyLog;
  /** The outbound queue: throttled and in-flight jobs go back on it with a delay. */
  requeue: ReplyQueue;
  /** Addresses that hard-bounced or complained: never written to again. */
  suppressed: SuppressionList;
  from: string;
  /** The public API's address, under which each ticket's status page is (`<base>/cek/<ref>`). */
  statusBaseUrl: string;
  maxAutoRepliesPerDay: number;
  now: () => Date;
  /** Waits for this instance's next send slot (its share of the send-rate ceiling). */
  pace: () => Promise<void>;
  /** Waits before retrying a throttled send. */
  sleep: (ms: number) => Promise<void>;
  /** Where the handler puts a job that cannot succeed (with why), at once. */
  deadLetters: DeadLetters;
}

/** What the invocation knows about its own time. */
export interface Invocation {
  remainingMs(): number;
}

export type MailOutcome =
  | { sent: true; messageId: string; providerId: string; recorded: boolean }
  | {
      sent: false;
      reason: 'automated-recipient' | 'suppressed' | 'rate-limited' | 'taken-before' | 'in-flight' | 'deferred';
    };

/** Counters outlive the day they count by a day, then DynamoDB's TTL removes them. */
const ALLOWANCE_TTL_SECONDS = 2 * 24 * 3600;
/**
 * A "sending" record older than this was left by a sender that died: longer than the mailer's
 * timeout (20 s), so no live send is overtaken, and shorter than the outbound queue's visibility
 * timeout (120 s), so SQS's redelivery of the dead sender's job finds it abandoned.
 */
export const ABANDONED_SEND_AFTER_MS = 60_000;
/** Waits between throttled attempts inside one invocation. */
const THROTTLE_BACKOFF_MS = [250, 500, 1000, 2000, 4000];
/** Time one send may take: a retry is made only with this much left after its wait. */
const SEND_BUDGET_MS = 3000;
/** SQS's longest message delay. */
const MAX_DELAY_SECONDS = 900;

/** SES tag values take letters, digits, `_` and `-` only: the job id travels base64url-encoded. */
export const encodeJobTag = (jobId: string) => Buffer.from(jobId).toString('base64url');
export const decodeJobTag = (tag: string) => Buffer.from(tag, 'base64url').toString();

export async function mailReply(
  job: ReplyJob,
  deps: MailerDeps,
  invocation: Invocation = { remainingMs: () => Number.POSITIVE_INFINITY },
): Promise<MailOutcome> {
  const now = deps.now();
  const at = now.toISOString();
  const day = at.slice(0, 10);
  if (SYSTEM_SENDER.test(job.to.split('@')[0] ?? '')) {
    await deps.replies.skipped(job, 'automated-recipient', at);
    return { sent: false, reason: 'automated-recipient' };
  }
  const abandonedBefore = new Date(now.getTime() - ABANDONED_SEND_AFTER_MS).toISOString();
  const take = await deps.replies.take(job, at, abandonedBefore);
  if (take.kind === 'done') return { sent: false, reason: 'taken-before' };
  if (take.kind === 'in-flight') {
    // Another delivery is sending it, or a sender died moments ago: look again once it would count as abandoned.
    await requeue(job, deps, Math.ceil(ABANDONED_SEND_AFTER_MS / 1000) + 5);
    return { sent: false, reason: 'in-flight' };
  }
  // The suppression list is checked once the job is ours (taken): a redelivery of a job already
  // sent never rewrites its record, even if the address was suppressed since. Agents' answers
  // too: a mailbox that hard-bounced will not take them either; the ticket's reply history says
  // why. An auto-reply's allowance answers for the list in the same call (`tryConsume`); an
  // agent's answer, which spends no allowance, reads the list.
  const counted = !isAgentWritten(job.kind);
  const allowance: Allowance | 'not-counted' = counted
    ? await deps.replies.tryConsume(
        job.to,
        day,
        job.jobId,
        deps.maxAutoRepliesPerDay,
        Math.floor(now.getTime() / 1000) + ALLOWANCE_TTL_SECONDS,
      )
    : await deps.suppressed.reasonFor(job.to).then((reason) => (reason ? { suppressed: reason } : 'not-counted'));
  if (typeof allowance === 'object') {
    await deps.replies.skipped(job, `suppressed: ${allowance.suppressed}`, at);
    return { sent: false, reason: 'suppressed' };
  }
  if (allowance === 'limited') {
    await deps.replies.skipped(job, 'rate-limited', at);
    return { sent: false, reason: 'rate-limited' };
  }
  const mail = buildReply(
    {
      kind: job.kind,
      ticketRef: job.ticketRef,
      category: job.category,
      missing: job.missing,
      body: job.body,
      readBack: job.readBack,
      statusUrl: statusPageUrl(deps.statusBaseUrl, job.ticketRef),
      progress: job.progress,
      at,
      survey: job.survey,
      closesAt: job.closesAt,
    },
    { jobId: job.jobId, from: deps.from, to: job.to, inReplyTo: job.inReplyTo, references: job.references },
  );
  const tags: SendTags = { ticket: job.ticketRef, kind: job.kind, job: encodeJobTag(job.jobId) };
  // Not sent: the day's count and the job go back, so a later try sends it once.
  const giveBack = async (reason: string) => {
    if (counted) await deps.replies.refund(job.to, day, job.jobId);
    await deps.replies.failed(job, reason, at);
  };

  let providerId: string | undefined;
  for (let attempt = 0; providerId === undefined; attempt++) {
    await deps.pace();
    try {
      providerId = await deps.mailer.send(mail, tags);
    } catch (err) {
      const failure = err instanceof SendFailure ? err : new SendFailure('unknown', (err as Error).name);
      // No answer: SES may have taken it. The record stays "sending": SES's Send event, or its absence past the abandon time, decides.
      if (failure.kind === 'unknown') throw failure;
      const wait = THROTTLE_BACKOFF_MS[attempt];
      if (failure.kind === 'throttled' && wait !== undefined && invocation.remainingMs() > wait + SEND_BUDGET_MS) {
        await deps.sleep(wait);
        continue;
      }
      await giveBack(failure.reason);
      if (failure.kind !== 'throttled') throw failure;
      const deferrals = (job.deferrals ?? 0) + 1;
      await requeue({ ...job, deferrals }, deps, Math.min(MAX_DELAY_SECONDS, 30 * 2 ** (deferrals - 1)), failure);
      return { sent: false, reason: 'deferred' };
    }
  }
  try {
    await deps.replies.sent(job, { subject: mail.subject, messageId: mail.messageId, providerId, sentAt: at });
    return { sent: true, messageId: mail.messageId, providerId, recorded: true };
  } catch {
    // SES accepted it: failing the job now would only make SQS deliver it again. The record stays
    // at "sending" and SES's Send event marks it sent; the caller logs and counts this for ops.
    return { sent: true, messageId: mail.messageId, providerId, recorded: false };
  }
}

/** Puts the job back on the outbound queue, delivered after `delaySeconds`; throws when it could not. */
async function requeue(job: ReplyJob, deps: MailerDeps, delaySeconds: number, cause?: Error): Promise<void> {
  const failed = await deps.requeue.enqueue([job], delaySeconds);
  if (failed.length > 0) throw cause ?? new Error(`could not put reply job ${job.jobId} back on the queue`);
}
