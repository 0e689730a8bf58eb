/**
 * SES's sending events for our replies (the configuration set publishes them). A Send event is
 * SES's own word that it accepted a mail: it marks the job's reply record sent, whatever the
 * mailer managed to write, so a sender that died after SES accepted its mail is never taken for
 * one that died before (see app/mailer.ts). Bounces, complaints, rejects and delivery delays are
 * left to SES's account suppression list (the suppression-list consumer is still to come).
 */
import type { SesSendingEvent } from '#lambdas/schemas.ts';
import type { ReplyLog } from '#ports';
import { decodeJobTag } from './mailer.ts';

export interface SendingEventsDeps {
  replies: ReplyLog;
}

/** What an event did: marked its reply sent, named a job with no record, was not about one of ours, or is not a Send. */
export type EventOutcome = 'accepted' | 'unknown-job' | 'not-ours' | 'other';

export async function recordSendingEvent(e: SesSendingEvent, deps: SendingEventsDeps): Promise<EventOutcome> {
  if (e.eventType !== 'Send') return 'other';
  const ticket = e.mail.tags?.ticket?.[0];
  const job = e.mail.tags?.job?.[0];
  if (!ticket || !job) return 'not-ours';
  const marked = await deps.replies.accepted(ticket, decodeJobTag(job), e.mail.messageId, e.mail.timestamp);
  return marked ? 'accepted' : 'unknown-job';
}
