/**
 * The mailer: one reply job, sent at most once. Never to machines, at most N auto-replies per
 * address per day, rendered from the core templates.
 *
 * Sent once without Powertools idempotency, by hand, on purpose: the job's own record on its
 * ticket (`REPLY#<jobId>`) is the guard. It is taken with a conditional write before sending
 * ("sending"), then marked sent with the provider's id. Powertools deletes its record when the
 * handler throws after the side effect, so a failed history write after SES accepted the mail
 * led to a second send; and the reply record is needed anyway for the agents' reply history.
 * A record left at "sending" (the write after SES failed, or the function died mid-send) is
 * never sent again: it is logged and counted for ops instead.
 */
import { SYSTEM_SENDER } from '#core/automated.ts';
import { buildReply } from '#core/reply-message.ts';
import { statusPageUrl } from '#core/status-text.ts';
import { isAgentWritten } from '#core/templates.ts';
import type { Mailer, ReplyJob, ReplyLog, SuppressionList } from '#ports';

export interface MailerDeps {
  mailer: Mailer;
  replies: ReplyLog;
  /** Addresses that hard-bounced or complained: never written to again. */
  suppressed: SuppressionList;
  from: string;
  /** The public API's address, under which each ticket's status page is (`<base>/cek/<ref>`). */
  statusBaseUrl: string;
  maxAutoRepliesPerDay: number;
  now: () => Date;
}

export type MailOutcome =
  | { sent: true; messageId: string; providerId: string; recorded: boolean }
  | { sent: false; reason: 'automated-recipient' | 'suppressed' | 'rate-limited' | 'taken-before' };

/** Counters outlive the day they count by a day, then DynamoDB's TTL removes them. */
const ALLOWANCE_TTL_SECONDS = 2 * 24 * 3600;

export async function mailReply(job: ReplyJob, deps: MailerDeps): Promise<MailOutcome> {
  const now = deps.now();
  const at = now.toISOString();
  const day = at.slice(0, 10);
  if (SYSTEM_SENDER.test(job.to.split('@')[0] ?? '')) {
    await deps.replies.skipped(job, 'automated-recipient', at);
    return { sent: false, reason: 'automated-recipient' };
  }
  // Agents' answers too: a mailbox that hard-bounced will not take them either; the ticket's
  // reply history says why, and the agent reaches the participant another way.
  const suppressed = await deps.suppressed.reasonFor(job.to);
  if (suppressed) {
    await deps.replies.skipped(job, `suppressed: ${suppressed}`, at);
    return { sent: false, reason: 'suppressed' };
  }
  if (!(await deps.replies.begin(job, at))) return { sent: false, reason: 'taken-before' };

  const counted = !isAgentWritten(job.kind);
  if (counted) {
    const expiresAt = Math.floor(now.getTime() / 1000) + ALLOWANCE_TTL_SECONDS;
    if (!(await deps.replies.tryConsume(job.to, day, deps.maxAutoRepliesPerDay, expiresAt))) {
      await deps.replies.skipped(job, 'rate-limited', at);
      return { sent: false, reason: 'rate-limited' };
    }
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
    },
    { jobId: job.jobId, from: deps.from, to: job.to, inReplyTo: job.inReplyTo, references: job.references },
  );
  let providerId: string;
  try {
    providerId = await deps.mailer.send(mail);
  } catch (err) {
    // Not sent (throttled, transient): give the day's allowance and the job back before SQS retries it.
    if (counted) await deps.replies.refund(job.to, day);
    await deps.replies.failed(job, (err as Error).name, at);
    throw err;
  }
  try {
    await deps.replies.sent(job, { subject: mail.subject, messageId: mail.messageId, providerId, sentAt: at });
    return { sent: true, messageId: mail.messageId, providerId, recorded: true };
  } catch {
    // SES accepted it: failing the job now would only make SQS deliver it again. The record stays
    // at "sending", which is never sent again; the caller logs and counts this for ops.
    return { sent: true, messageId: mail.messageId, providerId, recorded: false };
  }
}
