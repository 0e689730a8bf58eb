/**
 * SES's sending events for our replies (the configuration set publishes them), two uses:
 * - a Send event is SES's own word that it accepted a mail: it marks the job's reply record sent,
 *   whatever the mailer managed to write, so a sender that died after SES accepted its mail is
 *   never taken for one that died before (see app/mailer.ts);
 * - hard bounces and complaints put the address on our suppression list, which the mailer checks
 *   before every send (rejects and delivery delays change nothing).
 * Both writes are idempotent: SQS may deliver an event twice.
 */
import { type Suppression, suppressionsFrom } from '#core/suppression.ts';
import type { SesSendingEvent } from '#lambdas/schemas.ts';
import type { ReplyLog, SuppressionList } from '#ports';
import { decodeJobTag } from './mailer.ts';

export interface SendingEventsDeps {
  replies: ReplyLog;
  suppressed: SuppressionList;
  now: () => Date;
}

/** What a Send event did: marked its reply sent, named a job with no record, or was not about one of ours. */
export type SendOutcome = 'accepted' | 'unknown-job' | 'not-ours';

export interface EventResult {
  /** For a Send event; null for the others. */
  send: SendOutcome | null;
  /** The addresses it put on the suppression list. */
  suppressed: Suppression[];
}

export async function recordSendingEvent(e: SesSendingEvent, deps: SendingEventsDeps): Promise<EventResult> {
  const at = deps.now().toISOString();
  const suppressed = suppressionsFrom(e);
  for (const s of suppressed) await deps.suppressed.suppress(s.address, s.reason, at);
  return { send: e.eventType === 'Send' ? await markAccepted(e, deps) : null, suppressed };
}

async function markAccepted(e: SesSendingEvent, deps: SendingEventsDeps): Promise<SendOutcome> {
  const ticket = e.mail.tags?.ticket?.[0];
  const job = e.mail.tags?.job?.[0];
  if (!ticket || !job) return 'not-ours';
  const marked = await deps.replies.accepted(ticket, decodeJobTag(job), e.mail.messageId, e.mail.timestamp);
  return marked ? 'accepted' : 'unknown-job';
}
