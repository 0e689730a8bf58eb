/**
 * What the handlers need from the outside world. Adapters implement these over the AWS SDK
 * (clients passed in) or in memory; handlers see only these interfaces.
 */
import type { ReplyJob, TicketMessage, TicketStore } from '#core/intake.ts';
import type { OutgoingMail } from '#core/reply-message.ts';
import type { Ticket } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';

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

// ---------------------------------------------------------------- agents' work lists

export interface QueueStats {
  category: Category;
  ready: number;
  claimed: number;
  waitingParticipant: number;
  overdue: number;
  oldestReadyAt: string | null;
}

export interface Note {
  id: string;
  author: string;
  text: string;
  at: string;
}

export interface TicketDetail {
  ticket: Ticket;
  messages: TicketMessage[];
  replies: Record<string, unknown>[];
  notes: Note[];
}

/** A ticket as stored, with the bookkeeping the work list needs for conditional writes. */
export type StoredTicket = Ticket & { version: number; overdue?: boolean };

/**
 * The agents' side of the ticket store. Every state change is a conditional write on the
 * ticket's version (or lease holder), so concurrent agents never both win; a lost race is a
 * LeaseConflict.
 */
export interface WorkList {
  stats(category: Category, now: string): Promise<QueueStats>;
  /** Claims the first ready ticket of the category (overdue, then priority, then age), or null. */
  claimNext(category: Category, agent: string, leaseUntil: string, now: string): Promise<Ticket | null>;
  get(ref: string): Promise<StoredTicket | null>;
  detail(ref: string): Promise<TicketDetail | null>;
  /** Applies a change if the ticket is still at `current.version`; LeaseConflict otherwise. */
  transition(current: StoredTicket, change: TicketChange): Promise<Ticket>;
  addNote(ref: string, note: Note): Promise<void>;
  /** Claimed tickets whose lease ran out before `now`. */
  expiredLeases(category: Category, now: string): Promise<StoredTicket[]>;
  /** Ready tickets past their due time and not yet marked overdue. */
  newlyOverdue(category: Category, now: string): Promise<StoredTicket[]>;
  /** The newest inbound Message-ID on the ticket (to thread an agent's reply). */
  latestMessageId(ref: string): Promise<string | null>;
  /** Frees the participant links of a ticket that is no longer open. */
  releaseParticipant(ticket: Ticket): Promise<void>;
  /** Moves the participant links from the old category to the new one (reassign). */
  relinkParticipant(before: Ticket, after: Ticket): Promise<void>;
}

export interface TicketChange {
  status: Ticket['status'];
  updatedAt: string;
  category?: Category;
  claimedBy?: string | null;
  leaseExpiresAt?: string | null;
  firstActionAt?: string | null;
  resolvedAt?: string | null;
  overdue?: boolean;
  /** Put back at the front of its priority (a released ticket). */
  front?: boolean;
}
