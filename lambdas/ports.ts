/**
 * What the handlers need from the outside world. Adapters implement these over the AWS SDK
 * (clients passed in) or in memory; handlers see only these interfaces.
 */
import type { ReplyJob, TicketStore } from '#core/intake.ts';
import type { OutgoingMail } from '#core/reply-message.ts';

export type { ReplyJob, TicketStore };

export interface MailStore {
  /** The raw MIME bytes SES stored. */
  getRaw(bucket: string, key: string): Promise<Uint8Array>;
}

export interface ReplyQueue {
  enqueue(job: ReplyJob): Promise<void>;
}

export interface Mailer {
  /** Sends and returns the provider's message id. */
  send(mail: OutgoingMail): Promise<string>;
}

export type InboundOutcome =
  | 'created'
  | 'merged'
  | 'threaded'
  | 'reopened'
  | 'automated'
  | 'quarantined'
  | 'parse_failed';

/** Outcomes ops look at: set aside by triage rather than becoming (part of) a ticket. */
export const OPS_OUTCOMES: readonly InboundOutcome[] = ['automated', 'quarantined', 'parse_failed'];

export interface InboundRecord {
  inboundId: string;
  receivedAt: string;
  outcome: InboundOutcome;
  rawKey: string;
  ticketRef?: string | null;
  /** Why it was set aside: the automated rule, the parse failure, the verdicts. */
  reason?: string | null;
  /** Masked sender, for ops. */
  sender?: string | null;
  subject?: string | null;
}

/** Every inbound mail's fate, so nothing is ever lost silently. */
export interface InboundLog {
  record(entry: InboundRecord): Promise<void>;
  list(outcome: InboundOutcome, limit: number): Promise<InboundRecord[]>;
}

export interface SentReply {
  jobId: string;
  kind: ReplyJob['kind'];
  to: string;
  subject: string;
  messageId: string;
  providerId: string;
  sentAt: string;
}

export interface ReplyLedger {
  /** Counts one auto-reply to this address for the day; false when the daily limit is reached. */
  tryConsume(address: string, day: string, limit: number, expiresAt: number): Promise<boolean>;
  /** Gives back one count taken by tryConsume for a reply that could not be sent. */
  refund(address: string, day: string): Promise<void>;
  /** Records a sent reply on its ticket (reply history for agents). */
  recordSent(ticketRef: string, reply: SentReply): Promise<void>;
  /** Records a reply that was deliberately not sent (rate limit, automated recipient). */
  recordSkipped(ticketRef: string, jobId: string, reason: string, at: string): Promise<void>;
}
