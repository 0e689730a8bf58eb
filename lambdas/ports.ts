/**
 * What the use cases (lambdas/app) need from the outside world. Adapters implement these over
 * the AWS SDK (clients passed in) and in memory (lambdas/adapters/memory); one contract test
 * suite (test/adapters/contract) holds both to the same behaviour.
 */
import type { AuditAction } from '#core/agent-actions.ts';
import type { TicketUpdate } from '#core/intake.ts';
import type { ReceiptVerdicts } from '#core/receipt.ts';
import type { OutgoingMail } from '#core/reply-message.ts';
import type { SuppressionReason } from '#core/suppression.ts';
import type { Incident, IncidentStatus, Member, Observation, SurgeSettings } from '#core/surge/model.ts';
import type { SurgeState } from '#core/surge/state.ts';
import type { Rating, Survey } from '#core/survey.ts';
import type { CsatCounter, CsatDelta } from '#core/survey-report.ts';
import type { IntakeOutcome, ParticipantKey, RelatedReason, Ticket, TicketMessage } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import type { ReplyJob } from '#lambdas/schemas.ts';

export type { ReplyJob, SurgeState };

/** A conditional write lost: someone else holds the lease, or the ticket moved on. */
export class LeaseConflict extends Error {
  override name = 'LeaseConflict';
}

/**
 * The participant's link is held by a ticket another function is creating right now: the mail
 * must be tried again shortly (it will join that ticket). Transient, never a reason to take the
 * link over.
 */
export class ParticipantBusy extends Error {
  override name = 'ParticipantBusy';
}

/**
 * A link whose ticket was never written is taken over only when it is older than this: no
 * triage function (30 s timeout) can still be writing that ticket by then.
 */
export const ABANDONED_LINK_AFTER_MS = 60_000;

// ---------------------------------------------------------------- triage

/** A raw mail as read: its first bytes, and the stored object's whole size. */
export interface RawMail {
  bytes: Uint8Array;
  /** More than `bytes.length` when the mail was read only in part. */
  size: number;
}

export interface MailStore {
  /** The raw MIME bytes SES stored, at most `maxBytes` from the start; MailMissing when there is no such object. */
  getRaw(bucket: string, key: string, maxBytes?: number): Promise<RawMail>;
}

/** The raw mail a notification names is not in the store (expired, deleted, another bucket): retrying cannot help. */
export class MailMissing extends Error {
  override name = 'MailMissing';
}

/** The last reply an agent wrote on a ticket: tells a retried request from a new one. */
export interface AgentReplyMark {
  jobId: string;
  /** The agent who wrote it. */
  by: string;
  /** A digest of its text. */
  digest: string;
}

/** A reply written into a ticket in the same write that changed it, until it is confirmed queued. */
export interface PendingReply {
  ref: string;
  job: ReplyJob;
  /** When it was written. */
  at: string;
}

/** A ticket as stored, with the bookkeeping conditional writes need. */
export type StoredTicket = Ticket & {
  version: number;
  overdue: boolean;
  /** Replies written with a change of this ticket and not yet confirmed on the reply queue. */
  outbox: PendingReply[];
  lastAgentReply: AgentReplyMark | null;
};

export interface Appended {
  ticket: Ticket;
  /** How the message joined the ticket: as asked, or as it was stored when it was there already. */
  outcome: IntakeOutcome;
}

export type CreateOutcome =
  | { kind: 'created' }
  /** This inbound mail opened the ticket before (a redelivery): nothing new was written. */
  | { kind: 'exists'; ticket: StoredTicket }
  /** The reference belongs to a ticket another inbound mail opened (hash collision): its claims were given back; try the next one. */
  | { kind: 'collision' };

/** Who a participant link names: the ticket (by reference and the inbound mail that opened it) and its category. */
export type LinkOwner = Pick<Ticket, 'ref' | 'openedBy' | 'category'>;

/** What claiming a participant's keys for a ticket answered. */
export interface LinkClaims {
  /** The keys now linked to the owner in its category, in the order asked. */
  claimed: ParticipantKey[];
  /** The first key another open ticket holds in the category: the claims stopped there (the keys after it are not claimed). */
  held: { key: ParticipantKey; ticket: StoredTicket } | null;
  /** The participant's open tickets the claimed keys (and the held one) link to, in any category, each once, the holder included. */
  open: StoredTicket[];
}

/**
 * Tickets as triage files them. Dedupe is race-free without transactions: a ticket is created
 * only after each of the participant's keys is linked to it for its category (one conditional
 * write each, which also answers the key's links in every other category); a key linked to
 * another open ticket means the mail joins that ticket instead.
 */
export interface TicketStore {
  get(ref: string): Promise<StoredTicket | null>;
  /**
   * The open tickets holding any of the keys in any of the categories, each once, in the order
   * asked (category, then key).
   */
  openTickets(keys: readonly ParticipantKey[], categories: readonly Category[]): Promise<StoredTicket[]>;
  /**
   * Links the keys, in order, to the owner in its category until one is held by another open
   * ticket (a stale link, or one of this inbound mail's under an earlier reference, is taken
   * over). ParticipantBusy when a key is held by a ticket still being created: the keys this call
   * claimed are given back first.
   */
  claimLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<LinkClaims>;
  /** Gives back the keys' links the owner holds (a ticket not created after all). */
  releaseLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<void>;
  /** Links two tickets for the agents, both ways (each carries the other's reference and the reason). */
  relate(a: string, b: string, reason: RelatedReason, at: string): Promise<void>;
  /** Creates the ticket holding its first message, its `claimed` keys already linked (claimLinks). */
  create(ticket: Ticket, first: TicketMessage, claimed: readonly ParticipantKey[]): Promise<CreateOutcome>;
  /**
   * Adds a message and applies the update computed from the ticket as it is at write time
   * (retrying on a concurrent change); links keys the ticket gained. A message already on the
   * ticket changes nothing and answers with the outcome it was stored with (a redelivered mail
   * reports what its first delivery did). `seen` is the ticket as the caller read it, saving a read.
   */
  append(
    ref: string,
    message: TicketMessage,
    update: (current: Ticket) => TicketUpdate,
    seen?: StoredTicket,
  ): Promise<Appended>;
}

/** Mail triage set aside instead of filing it. */
export const SET_ASIDE_OUTCOMES = ['automated', 'quarantined', 'parse_failed'] as const;
export type SetAsideOutcome = (typeof SET_ASIDE_OUTCOMES)[number];
/** Every inbound mail's fate: filed on a ticket (the message records it) or set aside (the inbound log does). */
export type InboundOutcome = IntakeOutcome | SetAsideOutcome;
/**
 * What the inbound log lists, and so the supervisors' lists of inbound mail: mail set aside, mail
 * filed from unverified senders (on the ticket it opened), and mail triage failed on (a trace
 * while it is retried or dead).
 */
export const LOGGED_OUTCOMES = [...SET_ASIDE_OUTCOMES, 'unverified', 'failed'] as const;
export type LoggedOutcome = (typeof LOGGED_OUTCOMES)[number];
export const OPS_LISTS = LOGGED_OUTCOMES;
export type OpsList = LoggedOutcome;

export interface SetAsideRecord {
  inboundId: string;
  receivedAt: string;
  outcome: LoggedOutcome;
  /** Where the raw mail is kept (`s3://bucket/key`). */
  rawKey: string;
  /** Why it was set aside (the automated rule, the parse failure, the verdicts), or the last error. */
  reason: string | null;
  /** Masked sender, for ops. */
  sender: string;
  /** Receipt verdicts that failed (spam, virus, spf-fail, ...). */
  flags: string[];
  /** How often triage failed on it (a failure trace); 0 for mail set aside. */
  failures: number;
  /**
   * SES's receipt verdicts, kept so that mail triaged again is judged as it was received (sender
   * trust); absent on failure traces and older records, which are then treated as unverified.
   */
  verdicts?: ReceiptVerdicts;
  /**
   * The ticket it was filed on (unverified senders' mail), or the ticket it became when a
   * supervisor had it triaged again (it then leaves its list); null otherwise.
   */
  ticketRef: string | null;
}

/** A page of a list and where the next one starts (null: no more). */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/**
 * Mail triage did not file, so nothing is ever lost silently: set aside (supervisors review it,
 * and may have it triaged again), or failed (a trace from the first failure on, so a mail that
 * ends in the dead-letter queue is never without a record).
 */
export interface InboundLog {
  /** Sets a mail aside (replacing its failure trace, if any). */
  record(entry: SetAsideRecord): Promise<void>;
  /** Counts one failure of triage on the mail, with the error; never replaces a set-aside record. */
  recordFailure(entry: Omit<SetAsideRecord, 'outcome' | 'failures' | 'ticketRef'>): Promise<void>;
  /** Triage succeeded after failing: the trace goes (a set-aside record stays). */
  clearFailure(inboundId: string): Promise<void>;
  get(inboundId: string): Promise<SetAsideRecord | null>;
  /** Newest first, `limit` at a time; pass the cursor of a page for the next. */
  list(outcome: LoggedOutcome, limit: number, cursor?: string | null): Promise<Page<SetAsideRecord>>;
  /** The mail was triaged again into a ticket: it leaves its list, remembering the ticket. */
  filed(inboundId: string, ticketRef: string): Promise<void>;
}

export interface ReplyQueue {
  /**
   * Queues the jobs (each delivered no sooner than `delaySeconds`, at most 900); returns the ids
   * of those that could not be queued (the caller retries them).
   */
  enqueue(jobs: readonly ReplyJob[], delaySeconds?: number): Promise<string[]>;
}

// ---------------------------------------------------------------- mailer

/**
 * Why a send failed, as far as the sender can tell:
 *  - `throttled`: over the account's sending rate or quota; not sent, try later;
 *  - `rejected`: SES refused this mail for good (its recipient or content); retrying cannot help;
 *  - `refused`: not sent this time (sending paused, a permission, a bad configuration): retry;
 *  - `unknown`: no answer (timeout, network, a server error): SES may or may not have taken it.
 */
export type SendFailureKind = 'throttled' | 'rejected' | 'refused' | 'unknown';

export class SendFailure extends Error {
  override name = 'SendFailure';
  constructor(
    readonly kind: SendFailureKind,
    /** The provider's error name (no personal data). */
    readonly reason: string,
  ) {
    super(`send ${kind}: ${reason}`);
  }
}

/** What SES carries with the mail into its sending events (`mail.tags`): the reference, the reply kind, the job. */
export interface SendTags {
  ticket: string;
  kind: string;
  /** The job id, encoded so SES accepts it as a tag value (letters, digits, `_`, `-`). */
  job: string;
}

export interface Mailer {
  /** Sends and returns the provider's message id; throws SendFailure. */
  send(mail: OutgoingMail, tags: SendTags): Promise<string>;
}

export const REPLY_STATUSES = ['sending', 'sent', 'failed', 'skipped'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** One reply job's record on its ticket: the agents' reply history, and the mailer's guard against sending twice. */
export interface ReplyRecord {
  jobId: string;
  ticketRef: string;
  kind: ReplyJob['kind'];
  to: string;
  status: ReplyStatus;
  /** When the job was taken (or skipped). */
  at: string;
  subject: string | null;
  messageId: string | null;
  providerId: string | null;
  sentAt: string | null;
  /** Why it was skipped or failed. */
  reason: string | null;
}

/**
 * Taking a job for sending:
 *  - `taken`: it is ours to send (new, failed before, or abandoned: see `take`);
 *  - `done`: it was sent (or SES's Send event says it was) or deliberately skipped;
 *  - `in-flight`: another delivery of it is being sent right now.
 */
export type Take = { kind: 'taken' } | { kind: 'done'; status: ReplyStatus } | { kind: 'in-flight' };

export interface SentDetails {
  subject: string;
  messageId: string;
  providerId: string;
  sentAt: string;
}

/** What the daily allowance said about one more auto-reply to an address. */
export type Allowance = 'counted' | 'limited' | { suppressed: SuppressionReason };

/**
 * The mailer's records: one per job id on the ticket (taken, then sent, failed or skipped), and a
 * per-address daily allowance of auto-replies, spent once per job.
 */
export interface ReplyLog {
  /**
   * Takes the job for sending. A new job, or one that failed (SES refused it), is taken. One
   * still "sending" is taken again only when it was taken before `abandonedBefore` (its sender
   * died: no send takes that long) and SES's Send event has not marked it sent; otherwise it is
   * in flight. A sent or skipped job is done.
   */
  take(job: ReplyJob, at: string, abandonedBefore: string): Promise<Take>;
  sent(job: ReplyJob, details: SentDetails): Promise<void>;
  /** SES refused it: the job may be taken again. */
  failed(job: ReplyJob, reason: string, at: string): Promise<void>;
  /** Deliberately not sent (rate limit, automated recipient). */
  skipped(job: ReplyJob, reason: string, at: string): Promise<void>;
  /**
   * SES's Send event for the job (its independent word that it accepted the mail): the record
   * becomes sent, whatever the mailer managed to write. False when there is no such record.
   */
  accepted(ticketRef: string, jobId: string, providerId: string, at: string): Promise<boolean>;
  /**
   * Counts the job as one auto-reply to this address for the day (`counted`); `limited` when the
   * daily limit is reached. A job counted before is not counted again (`counted`). An address on
   * the suppression list is never counted: its reason comes back instead, whatever the count, so
   * one call both checks the list and spends the allowance (the two share one record per address).
   */
  tryConsume(address: string, day: string, jobId: string, limit: number, expiresAt: number): Promise<Allowance>;
  /** Gives back the job's count for a reply that could not be sent. */
  refund(address: string, day: string, jobId: string): Promise<void>;
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

/** One agent action on a ticket: who, when, what (personal data masked). */
export interface AuditEntry {
  id: string;
  at: string;
  agent: string;
  action: AuditAction;
  detail: string | null;
}

/** Another ticket linked to this one, as the agents see it. */
export interface RelatedTicket {
  ref: string;
  status: Ticket['status'];
  category: Category;
  reason: RelatedReason;
}

export interface TicketDetail {
  ticket: StoredTicket;
  /** Oldest first. */
  messages: TicketMessage[];
  /** Oldest first. */
  replies: ReplyRecord[];
  /** Oldest first. */
  notes: Note[];
  /** Oldest link first. */
  related: RelatedTicket[];
  /** Oldest first. */
  audit: AuditEntry[];
}

export interface TicketChange {
  status: Ticket['status'];
  updatedAt: string;
  category?: Category;
  fields?: Ticket['fields'];
  missing?: Ticket['missing'];
  priority?: Ticket['priority'];
  readyAt?: string | null;
  dueAt?: string | null;
  heldBehind?: string | null;
  claimedBy?: string | null;
  leaseExpiresAt?: string | null;
  firstActionAt?: string | null;
  resolvedAt?: string | null;
  /** A new wait for the participant (core/waiting.ts waitAfter), or the reminder of this one. */
  waitingSince?: string | null;
  remindedAt?: string | null;
  overdue?: boolean;
  /** Put back at the front of its priority (a released ticket). */
  front?: boolean;
  /**
   * A resolution that is to be followed by a survey: the ticket goes on the survey list, due at
   * `dueAt`, in the same write. Any later change of the ticket (a reopening) takes it off.
   */
  survey?: { dueAt: string; resolvedBy: string };
  /**
   * A reply that goes out because of this change, written into the ticket by the same
   * conditional write (its outbox): once the change is made, the reply cannot be lost.
   */
  reply?: ReplyJob;
  /** The agent's reply this change records (so a retried request is told from a new one). */
  agentReply?: AgentReplyMark;
}

/** A ticket that ended (resolved or closed), as the retention list holds it. */
export interface RetentionEntry {
  ref: string;
  endedAt: string;
}

/**
 * Retention of ended tickets (docs/security.md, "Retention"): a ticket that ends is listed by when
 * it ended, in the same change that ends it; past the retention period it is deleted with
 * everything kept with it (messages, replies, notes, audit, survey, links to it). A ticket that
 * reopened since is kept, and a later ending lists it again.
 */
export interface TicketRetention {
  /** Listed endings before `cutoff`, oldest first, at most `limit` (a ticket reopened since may be among them). */
  endedBefore(cutoff: string, limit: number): Promise<RetentionEntry[]>;
  /**
   * Deletes the ticket and all kept with it when it is still ended and its latest ending is
   * before `cutoff`; either way the entry is taken off the list. True when the ticket was deleted.
   */
  purge(entry: RetentionEntry, cutoff: string): Promise<boolean>;
}

/**
 * Replies written into tickets with the change that caused them (see TicketChange.reply): each
 * stays pending until confirmed on the reply queue; the sweeper queues again what was not
 * confirmed in time (the mailer sends each job id once, so a second queueing is harmless).
 */
export interface Outbox {
  /** Pending replies written before `before`, oldest first, at most `limit`. */
  pending(before: string, limit: number): Promise<PendingReply[]>;
  /** The reply is on the queue: it is no longer pending. */
  confirm(ref: string, jobId: string): Promise<void>;
}

/** A ticket an agent holds, for supervisors: who, since when, and until when the lease runs. */
export interface Claim {
  ref: string;
  category: Category;
  claimedBy: string;
  /** When this agent claimed it. */
  since: string;
  leaseExpiresAt: string;
}

/**
 * The agents' side of the tickets. Every state change is a conditional write on the ticket's
 * version, so concurrent agents never both win; a lost race is a LeaseConflict.
 */
export interface WorkList {
  stats(category: Category): Promise<QueueStats>;
  /** Claims the first ready ticket of the category (overdue, then priority, then age), or null. */
  claimNext(category: Category, agent: string, leaseUntil: string, now: string): Promise<StoredTicket | null>;
  /** Claims the first ready ticket over all the categories, in the same order as claimNext, or null. */
  claimMostUrgent(
    categories: readonly Category[],
    agent: string,
    leaseUntil: string,
    now: string,
  ): Promise<StoredTicket | null>;
  get(ref: string): Promise<StoredTicket | null>;
  detail(ref: string): Promise<TicketDetail | null>;
  /** Applies a change if the ticket is still at `current.version`; LeaseConflict otherwise. */
  transition(current: StoredTicket, change: TicketChange): Promise<StoredTicket>;
  /** The category's claimed tickets: who holds each, since when, the lease's end. */
  claims(category: Category): Promise<Claim[]>;
  /** The category's open tickets marked overdue (ready or claimed). */
  overdue(category: Category): Promise<StoredTicket[]>;
  /**
   * The participant's tickets, newest first, at most `limit`: the open ones through their
   * participant links, the others through the records their links leave when freed. Only tickets
   * that still carry the key.
   */
  participantTickets(key: ParticipantKey, limit: number): Promise<StoredTicket[]>;
  addNote(ref: string, note: Note): Promise<void>;
  /** Records an agent action on the ticket. */
  audit(ref: string, entry: AuditEntry): Promise<void>;
  /** Claimed tickets whose lease ran out before `now`. */
  expiredLeases(category: Category, now: string): Promise<StoredTicket[]>;
  /** Ready tickets past their due time and not yet marked overdue. */
  newlyOverdue(category: Category, now: string): Promise<StoredTicket[]>;
  /**
   * Tickets of the category waiting for the participant whose next step is due: for `remind`,
   * those not reminded yet whose wait began at or before `before`; for `close`, those reminded at
   * or before `before`. Earliest first, at most `limit`. Read by key: only those due are read.
   */
  waitingDue(category: Category, step: 'remind' | 'close', before: string, limit: number): Promise<StoredTicket[]>;
  /** Tickets held behind another (Ticket.heldBehind), off the work list. */
  held(category: Category): Promise<StoredTicket[]>;
  /** The newest inbound Message-ID on the ticket (to thread an agent's reply). */
  latestMessageId(ref: string): Promise<string | null>;
  /** Frees the participant links of a ticket that is no longer open, keeping a record of the ticket under each key. */
  releaseParticipant(ticket: Ticket): Promise<void>;
  /** Moves the participant links from the old category to the new one (reassign). */
  relinkParticipant(before: Ticket, after: Ticket): Promise<void>;
}

// ---------------------------------------------------------------- dead letters

/** The work queues whose dead letters ops can list and redrive. */
export const WORK_QUEUES = ['inbound', 'outbound'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export interface DeadLetter {
  /** Its message id in the dead-letter queue. */
  id: string;
  queue: WorkQueue;
  /** The work queue message as it was (an SES notification, a reply job). */
  body: string;
  /** When it was sent to the dead-letter queue (by a handler, or by SQS after the last receive). */
  deadSince: string | null;
  /** Why, when a handler dead-lettered it at once (a permanent error); null when SQS's retries ran out. */
  reason: string | null;
}

/** The dead-letter queues: a handler puts a permanent failure there at once; ops list and redrive. */
export interface DeadLetters {
  /** Dead-letters a work queue message at once, saying why (a permanent error: retrying cannot help). */
  put(queue: WorkQueue, body: string, reason: string, at: string): Promise<void>;
  /** Up to `limit` dead letters (SQS hands them out in no particular order), and about how many there are. */
  list(queue: WorkQueue, limit: number): Promise<{ items: DeadLetter[]; total: number }>;
  /** Moves the dead letters with these ids (all when none given) back to their work queue; returns how many moved. */
  redrive(queue: WorkQueue, ids?: readonly string[]): Promise<number>;
}

// ---------------------------------------------------------------- surges

/** A ticket an incident covers, and when it was given the incident's answer (null: not yet). */
export interface IncidentTicket extends Member {
  answeredAt: string | null;
}

export interface IncidentTicketPage {
  tickets: IncidentTicket[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

/**
 * The surge detector's state (core/surge/state.ts), and what the supervisors' API and the
 * broadcast of an accepted incident's answer read and write besides.
 */
export interface SurgeStore extends SurgeState {
  /**
   * Stores observations of tickets never observed before (`SurgeDetector.observeNew` says which)
   * in as few requests as the store allows, without the check `record` makes; returns the refs
   * of those it could not store.
   */
  recordNew(observations: readonly Observation[]): Promise<string[]>;
  /**
   * Incidents newest first (by proposal): those with `status`, or with none given every open or
   * cooling incident and the latest past ones; at most `limit`.
   */
  incidents(status: IncidentStatus | null, limit: number): Promise<Incident[]>;
  /** Takes incidents whose cool-down is over at `at` off the live list (they stay listed as past); how many. */
  retire(at: string): Promise<number>;
  /** The tickets an incident covers, by reference, a page at a time. */
  ticketPage(incidentId: string, limit: number, after: string | null): Promise<IncidentTicketPage>;
  /** Member tickets not yet given the incident's answer, oldest first. */
  unanswered(incidentId: string, limit: number): Promise<Member[]>;
  /** The member ticket was given the answer (or needed none): it leaves the unanswered list. */
  markAnswered(incidentId: string, ref: string, at: string): Promise<void>;
}

/** What a surge store needs to know of the detector's settings: how observations are bucketed. */
export type SurgeStoreSettings = Pick<SurgeSettings, 'bucketMinutes'>;

// ---------------------------------------------------------------- suppression list

/** Addresses we no longer write to (a hard bounce, a spam complaint), kept hashed; the mailer checks it. */
export interface SuppressionList {
  /** Idempotent: the first reason and time stay. */
  suppress(address: string, reason: SuppressionReason, at: string): Promise<void>;
  /** Why the address is suppressed, or null. */
  reasonFor(address: string): Promise<SuppressionReason | null>;
}

// ---------------------------------------------------------------- request quotas

/**
 * Requests per client and time window (the public status route's per-client limit). The client
 * (an IP address) is kept only hashed, and each window's count expires.
 */
export interface RequestQuota {
  /** Counts one request of the client in the window; false (and not counted) once `limit` were made. */
  tryConsume(client: string, window: string, limit: number, expiresAt: number): Promise<boolean>;
}

// ---------------------------------------------------------------- canned responses

/** A reply text supervisors keep for agents; placeholders (`{nama}`, `{ref}`...) are filled by the console. */
export interface CannedResponse {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
  /** The supervisor who wrote this version. */
  updatedBy: string;
}

export interface CannedResponses {
  /** All of them, in no particular order. */
  list(): Promise<CannedResponse[]>;
  /** Stores a new one; false when the id is taken. */
  create(c: CannedResponse): Promise<boolean>;
  /** Replaces one; false when there is none with that id. */
  update(c: CannedResponse): Promise<boolean>;
  /** Deletes one; false when there is none with that id. */
  remove(id: string): Promise<boolean>;
}

// ---------------------------------------------------------------- secret keys

/**
 * What a secret key is for: the NIK's keyed hash, and the signature of survey links. One key per
 * purpose, so rotating or losing one leaves the other alone.
 */
export const KEY_PURPOSES = ['nik', 'survey'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** Secret keys by purpose: Secrets Manager secrets when deployed, fixed development keys locally; read once per cold start, never logged. */
export interface KeyRing {
  key(purpose: KeyPurpose): Promise<Uint8Array>;
}

// ---------------------------------------------------------------- satisfaction survey

/** A resolved ticket whose survey is due: on the survey list from its resolution until the sweeper sends it. */
export interface SurveyDue {
  ticket: Ticket;
  dueAt: string;
  /** The agent who resolved it. */
  resolvedBy: string;
  /** The newest inbound Message-ID on the ticket, to thread the survey. */
  lastMessageId: string | null;
}

export type OpenSurvey = { kind: 'created' } | { kind: 'exists'; survey: Survey };

/**
 * The surveys: the list of resolved tickets waiting for theirs (keyed by due time, so the sweeper
 * reads exactly the due ones), one survey per ticket (a conditional write keyed by the ticket),
 * and counters per report day, category and agent for the CSAT report.
 */
export interface SurveyStore {
  /** Resolved tickets whose survey is due before `now`, earliest first, at most `limit`. */
  due(now: string, limit: number): Promise<SurveyDue[]>;
  /** Takes the ticket off the survey list, if it is still on it for that due time. */
  done(ref: string, dueAt: string): Promise<void>;
  /** Creates the ticket's survey, or returns the one it already has. */
  open(survey: Survey): Promise<OpenSurvey>;
  get(ref: string): Promise<Survey | null>;
  /**
   * Records or changes the rating of that survey while it has not expired at `at`. Returns the
   * survey as it was before, or null when the ticket has no such survey or it has expired.
   */
  rate(ref: string, surveyId: string, rating: Rating, comment: string | null, at: string): Promise<Survey | null>;
  /** Adds the change to the counters of the survey's day: once for its category, once for its agent. */
  count(survey: Pick<Survey, 'day' | 'category' | 'agent'>, delta: CsatDelta): Promise<void>;
  /** Every counter of the report days `from` to `to` (YYYY-MM-DD, inclusive). */
  counters(from: string, to: string): Promise<CsatCounter[]>;
}

/**
 * Where the use cases get their ports: built over AWS SDK clients (adapters/aws.ts) or in memory
 * (adapters/memory). The wiring (lambdas/wiring.ts) takes one of these and nothing else, so the
 * Lambdas, the local stack and the CLI build the same use cases.
 */
export interface Adapters {
  mailStore(): MailStore;
  ticketStore(): TicketStore;
  inboundLog(): InboundLog;
  replyQueue(): ReplyQueue;
  mailer(): Mailer;
  replyLog(): ReplyLog;
  workList(): WorkList;
  outbox(): Outbox;
  deadLetters(): DeadLetters;
  keyRing(): KeyRing;
  cannedResponses(): CannedResponses;
  requestQuota(): RequestQuota;
  suppressionList(): SuppressionList;
  surveyStore(): SurveyStore;
  ticketRetention(): TicketRetention;
  /** Every caller of one source gets the same store; its settings must agree. */
  surgeStore(settings: SurgeStoreSettings): SurgeStore;
}

/** The ports each flow uses: a Lambda entry builds only these (and bundles only their adapters). */
export type TriagePorts = Pick<
  Adapters,
  'mailStore' | 'ticketStore' | 'inboundLog' | 'replyQueue' | 'deadLetters' | 'keyRing' | 'workList' | 'surgeStore'
>;
export type MailerPorts = Pick<Adapters, 'mailer' | 'replyLog' | 'replyQueue' | 'deadLetters' | 'suppressionList'>;
/** Supervisors have mail set aside triaged again: the agent API holds the triage ports too. */
export type AgentApiPorts = TriagePorts &
  Pick<Adapters, 'workList' | 'outbox' | 'cannedResponses' | 'requestQuota' | 'surveyStore' | 'surgeStore'>;
export type SweeperPorts = Pick<
  Adapters,
  'workList' | 'surveyStore' | 'replyQueue' | 'keyRing' | 'outbox' | 'ticketRetention'
>;
export type SurveyPorts = Pick<Adapters, 'surveyStore' | 'keyRing' | 'requestQuota'>;
/** SES's sending events: Send marks a reply accepted; hard bounces and complaints suppress the address. */
export type SendingEventsPorts = Pick<Adapters, 'replyLog' | 'suppressionList'>;
/** The surge evaluation: the detector's state, and the tickets and replies of the broadcast. */
export type SurgePorts = Pick<Adapters, 'workList' | 'replyQueue' | 'surgeStore'>;
