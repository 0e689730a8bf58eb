/**
 * One reply job: never to machines, at most N auto-replies per address per day, rendered from
 * the core templates and sent once (the caller wraps this in Powertools idempotency on jobId).
 */
import { SYSTEM_SENDER } from '#core/automated.ts';
import type { ReplyJob } from '#core/intake.ts';
import { buildReply } from '#core/reply-message.ts';
import type { Mailer, ReplyLedger } from '#lambdas/ports.ts';

export interface ReplyDeps {
  mailer: Mailer;
  ledger: ReplyLedger;
  from: string;
  maxAutoRepliesPerDay: number;
  now: () => Date;
}

export type ReplyOutcome =
  | { sent: true; messageId: string; providerId: string }
  | { sent: false; reason: 'automated-recipient' | 'rate-limited' };

export async function sendReply(job: ReplyJob, deps: ReplyDeps): Promise<ReplyOutcome> {
  const now = deps.now();
  const at = now.toISOString();
  if (SYSTEM_SENDER.test(job.to.split('@')[0] ?? '')) {
    await deps.ledger.recordSkipped(job.ticketRef, job.jobId, 'automated-recipient', at);
    return { sent: false, reason: 'automated-recipient' };
  }
  if (job.kind !== 'agent_reply') {
    const day = at.slice(0, 10);
    const expiresAt = Math.floor(now.getTime() / 1000) + 2 * 24 * 3600;
    if (!(await deps.ledger.tryConsume(job.to, day, deps.maxAutoRepliesPerDay, expiresAt))) {
      await deps.ledger.recordSkipped(job.ticketRef, job.jobId, 'rate-limited', at);
      return { sent: false, reason: 'rate-limited' };
    }
  }
  const mail = buildReply(
    {
      kind: job.kind,
      ticketRef: job.ticketRef,
      category: job.category,
      missing: job.missing,
      name: job.name,
      body: job.body,
    },
    { jobId: job.jobId, from: deps.from, to: job.to, inReplyTo: job.inReplyTo, references: job.references },
  );
  let providerId: string;
  try {
    providerId = await deps.mailer.send(mail);
  } catch (err) {
    // Not sent (throttled, transient): give the day's allowance back before SQS retries the job.
    if (job.kind !== 'agent_reply') await deps.ledger.refund(job.to, at.slice(0, 10));
    throw err;
  }
  await deps.ledger.recordSent(job.ticketRef, {
    jobId: job.jobId,
    kind: job.kind,
    to: job.to,
    subject: mail.subject,
    messageId: mail.messageId,
    providerId,
    sentAt: at,
  });
  return { sent: true, messageId: mail.messageId, providerId };
}
