/**
 * Tickets: references, participant keys, required fields and how a follow-up fills gaps.
 * Deterministic: a ticket reference derives from the inbound message id, so a redelivered mail
 * maps to the same ticket (exactly-once effect without transactions).
 */
import type { Category, Fields, Priority, RequiredField } from './types.ts';
import { REQUIRED_FIELDS } from './types.ts';

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
  messageCount: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string | null;
  /** An earlier, long-resolved ticket this one continues. */
  linkedTo?: string | null;
  /** When it first became complete (ready) and the service-level clock started. */
  readyAt?: string | null;
  /** Target time for the first agent action (service hours after readyAt). */
  dueAt?: string | null;
  /** Set while an agent holds it. */
  claimedBy?: string | null;
  leaseExpiresAt?: string | null;
  firstActionAt?: string | null;
}

/** A participant's reply within this window reopens a resolved ticket; later it starts a new one. */
export const REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;

export function canReopen(ticket: Ticket, at: string): boolean {
  if (ticket.status !== 'resolved' || !ticket.resolvedAt) return false;
  return Date.parse(at) - Date.parse(ticket.resolvedAt) <= REOPEN_WINDOW_MS;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_REF = /\bPRK-[0-9A-HJKMNP-TV-Z]{8}\b/;
// A participant may retype the reference in lower case.
const TICKET_REF_ANY_CASE = new RegExp(TICKET_REF.source, 'i');

/**
 * 53 well-mixed bits of a string (cyrb53, public domain): two multiply-xorshift lanes.
 * Not node:crypto: a reference needs spread, not secrecy (its seed, the SES message id, is already
 * unguessable), and an OpenSSL digest costs ~15 µs a mail between mailparser runs, this ~1 µs.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (h2 & 0x1fffff) + (h1 >>> 0);
}

/** `PRK-` + 8 Crockford base32 characters from a hash of the seed (and attempt, for the rare collision). */
export function ticketRefFor(seed: string, attempt = 0): string {
  // The top 40 of the 53 bits: 8 characters of 5 bits each.
  let bits = Math.floor(hash53(attempt === 0 ? seed : `${seed}#${attempt}`) / 8192);
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
    const m = TICKET_REF_ANY_CASE.exec(candidate);
    if (m) return m[0].toUpperCase();
  }
  return null;
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
 * Sort key on a category's work list: overdue first, then priority, then age (oldest first).
 * ISO timestamps sort as text.
 */
export function queueSortKey(priorityRank: number, createdAt: string, ref: string, overdue = false): string {
  return `${overdue ? 0 : 1}#${priorityRank}#${createdAt}#${ref}`;
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Where a ticket stands after intake: complete ones go on the work list. */
export function intakeStatus(current: TicketStatus | null, missing: readonly RequiredField[]): TicketStatus {
  if (current === 'claimed') return 'claimed';
  return missing.length === 0 ? 'ready' : 'waiting_participant';
}
