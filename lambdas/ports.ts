/**
 * What the use cases (lambdas/app) need from the outside world. Adapters implement these over
 * the AWS SDK (clients passed in) and in memory (lambdas/adapters/memory); one contract test
 * suite (test/adapters/contract) holds both to the same behaviour.
 */
import type { AuditAction } from '#core/agent-actions.ts';
import type { TicketUpdate } from '#core/intake.ts';
import type { OutgoingMail } from '#core/reply-message.ts';
import type { SuppressionReason } from '#core/suppression.ts';
import type { Incident, IncidentStatus, Member, SurgeSettings } from '#core/surge/model.ts';
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

// ---------------------------------------------------------------- triage

export interface MailStore {
  /** The raw MIME bytes SES stored. */
  getRaw(bucket: string, key: string): Promise<Uint8Array>;
}

/** A ticket as stored, with the bookkeeping conditional writes need. */
export type StoredTicket = Ticket & { version: number; overdue: boolean };

export type CreateOutcome =
  | { kind: 'created' }
  /** This inbound mail opened the ticket before (a redelivery): nothing new was written. */
  | { kind: 'exists'; ticket: StoredTicket }
  /** This open ticket holds `key` in the category: nothing was created (join it, or create without the key). */
  | { kind: 'joined'; ticket: StoredTicket; key: ParticipantKey }
  /** The reference belongs to a ticket another inbound mail opened (hash collision): try the next one. */
  | { kind: 'collision' };

/**
 * Tickets as triage files them. Dedupe is race-free without transactions: a ticket is created
 * only after each of the participant's keys is linked to it for its category (a conditional write
 * each); a key linked to another open ticket means the mail joins that ticket instead.
 */
export interface TicketStore {
  get(ref: string): Promise<StoredTicket | null>;
  /**
   * The open tickets holding any of the keys in any of the categories, each once, in the order
   * asked (category, then key).
   */
  openTickets(keys: readonly ParticipantKey[], categories: readonly Category[]): Promise<StoredTicket[]>;
  /** Links two tickets for the agents, both ways (each carries the other's reference and the reason). */
  relate(a: string, b: string, reason: RelatedReason, at: string): Promise<void>;
  /** Links the participant's keys, then creates the ticket holding its first message. */
  create(ticket: Ticket, first: TicketMessage, keys: readonly ParticipantKey[]): Promise<CreateOutcome>;
  /**
   * Adds a message and applies the update computed from the ticket as it is at write time
   * (retrying on a concurrent change); links keys the ticket gained. A message already on the
   * ticket changes nothing. `seen` is the ticket as the caller read it, saving a read.
   */
  append(
    ref: string,
    message: TicketMessage,
    update: (current: Ticket) => TicketUpdate,
    seen?: StoredTicket,
  ): Promise<Ticket>;
}

/** Mail triage set aside instead of filing it. */
export const SET_ASIDE_OUTCOMES = ['automated', 'quarantined', 'parse_failed'] as const;
export type SetAsideOutcome = (typeof SET_ASIDE_OUTCOMES)[number];
/** Every inbound mail's fate: filed on a ticket (the message records it) or set aside (the inbound log does). */
export type InboundOutcome = IntakeOutcome | SetAsideOutcome;
/** The supervisors' lists of inbound mail: what was set aside, and filed mail from unverified senders. */
export const OPS_LISTS = [...SET_ASIDE_OUTCOMES, 'unverified'] as const;
export type OpsList = (typeof OPS_LISTS)[number];

export interface SetAsideRecord {
  inboundId: string;
  receivedAt: string;
  outcome: OpsList;
  /** Where the raw mail is kept (`s3://bucket/key`). */
  rawKey: string;
  /** Why it was set aside: the automated rule, the parse failure, the verdicts. */
  reason: string | null;
  /** Masked sender, for ops. */
  sender: string;
  /** The ticket it was filed on (unverified senders' mail); null for mail set aside. */
  ticketRef: string | null;
}

/** Mail set aside by triage, so nothing is ever lost silently, and mail supervisors check: they review both. */
export interface InboundLog {
  record(entry: SetAsideRecord): Promise<void>;
  /** Newest first. */
  list(outcome: OpsList, limit: number): Promise<SetAsideRecord[]>;
}

export interface ReplyQueue {
  /** Queues the jobs; returns the ids of those that could not be queued (the caller retries them). */
  enqueue(jobs: readonly ReplyJob[]): Promise<string[]>;
}

// ---------------------------------------------------------------- mailer

export interface Mailer {
  /** Sends and returns the provider's message id. */
  send(mail: OutgoingMail): Promise<string>;
}

export type ReplyStatus = 'sending' | 'sent' | 'failed' | 'skipped';

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

export interface SentDetails {
  subject: string;
  messageId: string;
  providerId: string;
  sentAt: string;
}

/**
 * The mailer's records: one per job id on the ticket (taken once, then sent, failed or skipped),
 * and a per-address daily allowance of auto-replies.
 */
export interface ReplyLog {
  /** Takes the job for sending: false when it was taken before (being sent, sent or skipped); a failed job may be taken again. */
  begin(job: ReplyJob, at: string): Promise<boolean>;
  sent(job: ReplyJob, details: SentDetails): Promise<void>;
  /** SES refused it: the job may be taken again. */
  failed(job: ReplyJob, reason: string, at: string): Promise<void>;
  /** Deliberately not sent (rate limit, automated recipient). */
  skipped(job: ReplyJob, reason: string, at: string): Promise<void>;
  /** Counts one auto-reply to this address for the day; false when the daily limit is reached. */
  tryConsume(address: string, day: string, limit: number, expiresAt: number): Promise<boolean>;
  /** Gives back one count taken by tryConsume for a reply that could not be sent. */
  refund(address: string, day: string): Promise<void>;
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
  overdue?: boolean;
  /** Put back at the front of its priority (a released ticket). */
  front?: boolean;
  /**
   * A resolution that is to be followed by a survey: the ticket goes on the survey list, due at
   * `dueAt`, in the same write. Any later change of the ticket (a reopening) takes it off.
   */
  survey?: { dueAt: string; resolvedBy: string };
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
  /** Tickets held behind another (Ticket.heldBehind), off the work list. */
  held(category: Category): Promise<StoredTicket[]>;
  /** The newest inbound Message-ID on the ticket (to thread an agent's reply). */
  latestMessageId(ref: string): Promise<string | null>;
  /** Frees the participant links of a ticket that is no longer open, keeping a record of the ticket under each key. */
  releaseParticipant(ticket: Ticket): Promise<void>;
  /** Moves the participant links from the old category to the new one (reassign). */
  relinkParticipant(before: Ticket, after: Ticket): Promise<void>;
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

/** What a secret key is for: one key per purpose, so rotating or losing one leaves the others alone. */
export const HMAC_KEY_PURPOSES = ['nik', 'csat'] as const;
export type HmacKeyPurpose = (typeof HMAC_KEY_PURPOSES)[number];

/** Secret keys for keyed hashes (HMAC): read once per cold start, never logged. */
export interface KeyRing {
  hmacKey(purpose: HmacKeyPurpose): Promise<Uint8Array>;
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

/** Secret keys by purpose: in Secrets Manager when deployed, a fixed development key locally. */
export type KeyPurpose = 'survey';

export interface KeyStore {
  key(purpose: KeyPurpose): Promise<Uint8Array>;
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
  keyRing(): KeyRing;
  cannedResponses(): CannedResponses;
  requestQuota(): RequestQuota;
  suppressionList(): SuppressionList;
  surveyStore(): SurveyStore;
  keys(): KeyStore;
  /** Every caller of one source gets the same store; its settings must agree. */
  surgeStore(settings: SurgeStoreSettings): SurgeStore;
}

/** The ports each flow uses: a Lambda entry builds only these (and bundles only their adapters). */
export type TriagePorts = Pick<
  Adapters,
  'mailStore' | 'ticketStore' | 'inboundLog' | 'replyQueue' | 'keyRing' | 'workList' | 'surgeStore'
>;
export type MailerPorts = Pick<Adapters, 'mailer' | 'replyLog' | 'suppressionList'>;
export type SendingEventsPorts = Pick<Adapters, 'suppressionList'>;
export type AgentApiPorts = Pick<
  Adapters,
  'workList' | 'inboundLog' | 'replyQueue' | 'cannedResponses' | 'requestQuota' | 'surveyStore' | 'surgeStore'
>;
export type SweeperPorts = Pick<Adapters, 'workList' | 'surveyStore' | 'replyQueue' | 'keys'>;
export type SurveyPorts = Pick<Adapters, 'surveyStore' | 'keys'>;
/** The surge evaluation: the detector's state, and the tickets and replies of the broadcast. */
export type SurgePorts = Pick<Adapters, 'workList' | 'replyQueue' | 'surgeStore'>;
