/**
 * Tickets: references, participant keys, required fields and how a follow-up fills gaps.
 * Deterministic: a ticket reference derives from the inbound message id, so a redelivered mail
 * maps to the same ticket (exactly-once effect without transactions).
 */
import { hash } from 'node:crypto';
import type { SenderTrust } from './sender.ts';
import type { Category, Evidence, Fields, Priority, RequiredField } from './types.ts';
import { PRIORITIES, REQUIRED_FIELDS } from './types.ts';

export const TICKET_STATUSES = ['waiting_participant', 'ready', 'claimed', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_STATUSES: readonly TicketStatus[] = ['waiting_participant', 'ready', 'claimed'];

export type ParticipantKeyKind = 'card' | 'phone' | 'email';
export interface ParticipantKey {
  kind: ParticipantKeyKind;
  value: string;
}

export interface Ticket {
  ref: string;
  /** The inbound id (SES message id) of the mail that opened it. */
  openedBy: string;
  status: TicketStatus;
  category: Category;
  priority: Priority;
  fields: Fields;
  missing: RequiredField[];
  /** Address replies go to: the sender of the first message. */
  replyTo: string | null;
  /** Keyed hash of the NIK (core/keyed-hash.ts), for matching; `fields.nik` holds only its masked form. */
  nikHash: string | null;
  /** Whether the mail that opened it came from a verified sender (core/sender.ts). */
  senderVerified: boolean;
  /** Addresses (lower-cased) that wrote on it as verified senders: only their mail joins it. */
  participants: string[];
  messageCount: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** An earlier, long-resolved ticket this one continues. */
  linkedTo: string | null;
  /**
   * The open ticket this one probably duplicates (the same card, phone or email from someone who
   * is not its participant): while that one is open this one stays off the work list, so the same
   * complaint is not worked twice (the sweeper puts it on once that one is resolved or closed).
   */
  heldBehind: string | null;
  /** When it first became complete (ready) and the service-level clock started. */
  readyAt: string | null;
  /** Target time for the first agent action (service hours after readyAt). */
  dueAt: string | null;
  /** Set while an agent holds it. */
  claimedBy: string | null;
  leaseExpiresAt: string | null;
  firstActionAt: string | null;
  /**
   * When it last began waiting for the participant (asked for data, or an agent's question): the
   * clock of its reminder and of its closing unanswered (core/waiting.ts). Null while not waiting;
   * any mail of the participant's that joins it starts the clock afresh.
   */
  waitingSince: string | null;
  /** When the participant was reminded during the current wait; null until then. */
  remindedAt: string | null;
}

/** How a mail joined its ticket: it opened it, or merged, threaded into or reopened it. */
export const INTAKE_OUTCOMES = ['created', 'merged', 'threaded', 'reopened'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/** One inbound mail as stored on its ticket: bounded in size, the NIK masked. */
export interface TicketMessage {
  inboundId: string;
  messageId: string | null;
  receivedAt: string;
  from: string | null;
  subject: string;
  text: string;
  /** Where the raw mail is kept (`s3://bucket/key`). */
  rawKey: string | null;
  fields: Fields;
  evidence: Evidence[];
  category: Category;
  /** Receipt verdicts that failed (spam, spf-fail, ...). */
  flags: string[];
  outcome: IntakeOutcome;
}

/** A participant's reply within this window reopens a resolved ticket; later it starts a new one. */
export const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;

export function canReopen(ticket: Ticket, at: string): boolean {
  if (ticket.status !== 'resolved' || !ticket.resolvedAt) return false;
  return Date.parse(at) - Date.parse(ticket.resolvedAt) <= REOPEN_WINDOW_MS;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ticket reference: `PRK-` and 8 Crockford base32 characters. The one pattern for it. */
const REF = 'PRK-[0-9A-HJKMNP-TV-Z]{8}';
export const TICKET_REF = new RegExp(`^${REF}$`);
// In a participant's mail, the reference may stand anywhere and be retyped in lower case.
const REF_IN_TEXT = new RegExp(`\\b${REF}\\b`, 'i');

export const isTicketRef = (text: string): boolean => TICKET_REF.test(text);

/**
 * `PRK-` + 8 Crockford base32 characters from the first 40 bits of a SHA-256 of the seed (and
 * attempt, for the rare collision). A reference needs spread, not secrecy: its seed, the SES
 * message id, is already unguessable.
 */
export function ticketRefFor(seed: string, attempt = 0): string {
  // 10 hex digits = 40 bits, 8 characters of 5 bits each.
  let bits = Number.parseInt(hash('sha256', attempt === 0 ? seed : `${seed}#${attempt}`).slice(0, 10), 16);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[bits % 32] + out;
    bits = Math.floor(bits / 32);
  }
  return `PRK-${out}`;
}

/** A ticket reference the participant's mail points back to: in the subject, or in our Message-IDs it replies to. */
export function referencedTicket(
  subject: string,
  inReplyTo: string | null,
  references: readonly string[],
): string | null {
  for (const candidate of [subject, inReplyTo ?? '', ...references]) {
    const m = REF_IN_TEXT.exec(candidate);
    if (m) return m[0].toUpperCase();
  }
  return null;
}

/** Why two tickets are linked for the agents (both carry the link). */
export const RELATED_REASONS = [
  'same card number',
  'same phone',
  'same email',
  'also reported from another address',
  'same participant, other problem',
] as const;
export type RelatedReason = (typeof RELATED_REASONS)[number];

export const KEY_REASON: Record<ParticipantKeyKind, RelatedReason> = {
  card: 'same card number',
  phone: 'same phone',
  email: 'same email',
};

/**
 * Whether a mail from this sender may join the ticket and fill its fields: a verified sender who
 * already wrote on it, or the address of an unverified ticket proving itself by writing verified.
 */
export function mayJoin(ticket: Pick<Ticket, 'participants' | 'senderVerified' | 'replyTo'>, sender: SenderTrust) {
  if (!sender.verified || !sender.address) return false;
  if (ticket.participants.includes(sender.address)) return true;
  return !ticket.senderVerified && ticket.replyTo?.toLowerCase() === sender.address;
}

export function participantKeys(fields: Fields): ParticipantKey[] {
  const keys: ParticipantKey[] = [];
  if (fields.cardNumber) keys.push({ kind: 'card', value: fields.cardNumber });
  if (fields.phone) keys.push({ kind: 'phone', value: fields.phone });
  if (fields.email) keys.push({ kind: 'email', value: fields.email.toLowerCase() });
  return keys;
}

export function missingFields(fields: Fields): RequiredField[] {
  return REQUIRED_FIELDS.filter((f) => !fields[f]);
}

/** A follow-up fills the ticket's gaps; what the ticket already has stays (an agent may have confirmed it). */
export function fillGaps(ticket: Fields, incoming: Fields): Fields {
  return {
    cardNumber: ticket.cardNumber ?? incoming.cardNumber,
    phone: ticket.phone ?? incoming.phone,
    email: ticket.email ?? incoming.email,
    name: ticket.name ?? incoming.name,
    nik: ticket.nik ?? incoming.nik,
  };
}

/**
 * Where a ready ticket stands on its category's work list, as a key that sorts as text: overdue
 * first, then priority, then how long it has been ready (longest first; a ticket that waited for
 * the participant queues from when it became ready, not from when it was opened). A ticket an
 * agent gave back goes to the front of its priority (`!` sorts before any timestamp).
 */
export function workListPosition(
  t: Pick<Ticket, 'priority' | 'createdAt' | 'readyAt' | 'ref'>,
  overdue: boolean,
  releasedAt: string | null = null,
): string {
  const since = releasedAt ? `!${releasedAt}` : (t.readyAt ?? t.createdAt);
  return `${overdue ? 0 : 1}#${PRIORITIES.indexOf(t.priority)}#${since}#${t.ref}`;
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Where a ticket stands after intake: complete ones go on the work list. */
export function intakeStatus(current: TicketStatus | null, missing: readonly RequiredField[]): TicketStatus {
  if (current === 'claimed') return 'claimed';
  return missing.length === 0 ? 'ready' : 'waiting_participant';
}
