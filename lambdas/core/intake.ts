/**
 * What a human complaint does to the tickets, decided from plain data. The app reads what the
 * store knows (the ticket a reply points back to, the participant's open ticket), asks these
 * functions what to write, and writes it; nothing here reads or writes anything.
 *
 * A complaint either opens a ticket (`newTicket`), or joins one: threaded into the ticket it
 * answers, reopening it within the reopen window, or merged into the same participant's open
 * ticket about the same issue (`joinUpdate`). It joins only a ticket its sender may join
 * (`mayJoin`: a verified participant); otherwise it opens its own ticket, held behind the one it
 * probably duplicates. Its reply follows from the ticket it ends on (`replyDecision`).
 */
import { decideReply, type ReplyDecision } from './decide.ts';
import { mask } from './mask.ts';
import type { SenderTrust } from './sender.ts';
import { dueAt, type SlaHours } from './sla.ts';
import { cutAt } from './text.ts';
import {
  canReopen,
  fillGaps,
  type IntakeOutcome,
  intakeStatus,
  isOpen,
  missingFields,
  type ParticipantKey,
  participantKeys,
  type Ticket,
  type TicketMessage,
} from './ticket.ts';
import type { Triage } from './triage.ts';
import type { Category, Evidence, Fields, Priority, RequiredField } from './types.ts';
import { waitAfter } from './waiting.ts';

/** A triaged human complaint, with what the receipt said about it. */
export interface InboundComplaint {
  inboundId: string;
  receivedAt: string;
  rawKey: string | null;
  from: string | null;
  subject: string;
  text: string;
  triage: Triage & { category: Category; priority: Priority };
  /** Who sent it, as far as the receipt verdicts prove it (core/sender.ts). */
  sender: SenderTrust;
  /** Keyed hash of the NIK triage read (the ticket keeps this, never the NIK). */
  nikHash: string | null;
  /** Set when receipt verdicts forbid answering (spam). */
  suppressReply: boolean;
  flags: string[];
}

/** How a mail that joins an existing ticket changes it, computed from the ticket as it is at write time. */
export interface TicketUpdate {
  fields: Fields;
  missing: RequiredField[];
  status: Ticket['status'];
  priority: Priority;
  /** The participant keys the ticket now has (new ones get linked to it). */
  keys: ParticipantKey[];
  participants: string[];
  senderVerified: boolean;
  nikHash: string | null;
  updatedAt: string;
  readyAt: string | null;
  dueAt: string | null;
  /** A participant's mail starts the wait afresh when the ticket still waits for them (core/waiting.ts). */
  waitingSince: string | null;
  remindedAt: string | null;
}

/**
 * Size caps on what a stranger's mail puts into a stored item: with them, no ticket or message
 * item can come near DynamoDB's 400 KB item limit, whatever the mail holds.
 */
export const STORED_LIMITS = {
  subject: 300,
  text: 8000,
  /** Message-IDs, addresses, names. */
  header: 320,
  evidence: 40,
  evidenceDetail: 200,
  /**
   * Inbound ids a ticket remembers so that appending one of its mails again changes nothing
   * (redeliveries come within days, far fewer mails than this).
   */
  recentInbound: 50,
  /** Verified addresses a ticket remembers as its participants'. */
  participants: 10,
} as const;

const capOrNull = (text: string | null, max: number) => (text === null ? null : cutAt(text, max));

/** Where a mail that points back at one of our tickets goes: into it while it is open or reopenable, otherwise into a new ticket that continues it. */
export type ReferenceRoute =
  | { kind: 'join'; outcome: 'threaded' | 'reopened'; ticket: Ticket }
  | { kind: 'continue'; from: Ticket };

export function routeReference(referenced: Ticket, at: string): ReferenceRoute {
  if (isOpen(referenced.status)) return { kind: 'join', outcome: 'threaded', ticket: referenced };
  if (canReopen(referenced, at)) return { kind: 'join', outcome: 'reopened', ticket: referenced };
  return { kind: 'continue', from: referenced };
}

/** Fields as a ticket and its messages keep them: the stated email and name capped, the NIK masked. */
function storedFields(f: Fields): Fields {
  return {
    ...f,
    email: capOrNull(f.email, STORED_LIMITS.header),
    name: capOrNull(f.name, STORED_LIMITS.header),
    nik: f.nik ? mask.nikShown(f.nik) : null,
  };
}

function storedEvidence(evidence: readonly Evidence[]): Evidence[] {
  return evidence
    .slice(0, STORED_LIMITS.evidence)
    .map((e) => ({ ...e, detail: cutAt(e.detail, STORED_LIMITS.evidenceDetail) }));
}

/** The complaint as stored on its ticket: bounded, every NIK (and number that may be one) masked in subject, text and fields. */
export function storedMessage(c: InboundComplaint, outcome: IntakeOutcome, category: Category): TicketMessage {
  const t = c.triage;
  const niks = t.fields.nik ? [t.fields.nik, ...t.niks] : t.niks;
  return {
    inboundId: c.inboundId,
    messageId: capOrNull(t.messageId, STORED_LIMITS.header),
    receivedAt: c.receivedAt,
    from: capOrNull(c.from, STORED_LIMITS.header),
    subject: cutAt(mask.niksIn(c.subject, niks), STORED_LIMITS.subject),
    text: cutAt(mask.niksIn(c.text, niks), STORED_LIMITS.text),
    rawKey: c.rawKey,
    fields: storedFields(t.fields),
    evidence: storedEvidence(t.evidence),
    category,
    flags: c.flags,
    outcome,
  };
}

/** Service-level clock: starts when a ticket first becomes ready, and keeps running after. */
function slaClock(
  status: Ticket['status'],
  started: Pick<Ticket, 'readyAt' | 'dueAt'> | null,
  category: Category,
  at: string,
  sla: SlaHours,
): { readyAt: string | null; dueAt: string | null } {
  if (started?.readyAt) return { readyAt: started.readyAt, dueAt: started.dueAt ?? null };
  if (status !== 'ready') return { readyAt: null, dueAt: null };
  return { readyAt: at, dueAt: dueAt(category, at, sla) };
}

export interface NewTicketOptions {
  /** A long-resolved ticket of the same participant this one continues (its fields are inherited). */
  continues?: Ticket | null;
  /** The open ticket this one probably duplicates (see Ticket.heldBehind). */
  heldBehind?: string | null;
}

/**
 * The ticket a complaint opens under `ref`, and the participant keys to link to it. A complaint
 * continuing a long-resolved ticket inherits what that ticket knew (we do not ask again).
 * Unbounded text from the mail (addresses, names) is capped like a stored message's.
 */
export function newTicket(
  c: InboundComplaint,
  ref: string,
  sla: SlaHours,
  { continues = null, heldBehind = null }: NewTicketOptions = {},
): { ticket: Ticket; keys: ParticipantKey[] } {
  const own = storedFields(c.triage.fields);
  const fields = continues ? fillGaps(own, continues.fields) : own;
  const missing = missingFields(fields);
  // An unverified sender or a probable duplicate is asked nothing automatically: a person looks
  // at it (a held one once the ticket it duplicates is done), whatever it lacks.
  const status = c.sender.verified && !heldBehind ? intakeStatus(null, missing) : 'ready';
  const category = c.triage.category;
  const ticket: Ticket = {
    ref,
    openedBy: c.inboundId,
    status,
    category,
    priority: c.triage.priority,
    fields,
    missing,
    replyTo: capOrNull(c.from, STORED_LIMITS.header),
    nikHash: c.nikHash ?? continues?.nikHash ?? null,
    senderVerified: c.sender.verified,
    participants: c.sender.verified && c.sender.address ? [cutAt(c.sender.address, STORED_LIMITS.header)] : [],
    messageCount: 1,
    createdAt: c.receivedAt,
    updatedAt: c.receivedAt,
    resolvedAt: null,
    linkedTo: continues?.ref ?? null,
    heldBehind,
    // A held ticket's clock starts when it goes on the work list (releaseHold).
    ...(heldBehind ? { readyAt: null, dueAt: null } : slaClock(status, null, category, c.receivedAt, sla)),
    claimedBy: null,
    leaseExpiresAt: null,
    firstActionAt: null,
    ...waitAfter(status, c.receivedAt),
  };
  return { ticket, keys: participantKeys(fields) };
}

/**
 * How a complaint joining a ticket changes it: its fields fill the ticket's gaps, a ticket that
 * becomes complete goes on the work list. Reopening starts the ticket's flow afresh.
 */
export function joinUpdate(
  c: InboundComplaint,
  outcome: Exclude<IntakeOutcome, 'created'>,
  sla: SlaHours,
): (current: Ticket) => TicketUpdate {
  const reopening = outcome === 'reopened';
  return (current) => {
    const fields = fillGaps(current.fields, storedFields(c.triage.fields));
    const missing = missingFields(fields);
    const status = intakeStatus(reopening ? null : current.status, missing);
    const address = c.sender.verified ? c.sender.address : null;
    const participants =
      address && !current.participants.includes(address)
        ? [...current.participants, cutAt(address, STORED_LIMITS.header)].slice(-STORED_LIMITS.participants)
        : current.participants;
    return {
      fields,
      missing,
      status,
      priority: current.priority,
      keys: participantKeys(fields),
      participants,
      nikHash: current.nikHash ?? c.nikHash,
      // The opening address writing as a verified sender proves the ticket's sender.
      senderVerified: current.senderVerified || (address !== null && address === current.replyTo?.toLowerCase()),
      updatedAt: c.receivedAt,
      ...slaClock(status, reopening ? null : current, current.category, c.receivedAt, sla),
      ...waitAfter(status, c.receivedAt),
    };
  };
}

/** Keys to link to a ticket after an update: all of them when it was closed (its links were freed), else those it gained. */
export function keysToLink(before: Ticket, u: TicketUpdate): ParticipantKey[] {
  if (!isOpen(before.status)) return u.keys;
  const had = new Set(participantKeys(before.fields).map((k) => `${k.kind}#${k.value}`));
  return u.keys.filter((k) => !had.has(`${k.kind}#${k.value}`));
}

/**
 * The one reply decision, from the ticket the complaint ended on. A probable duplicate is
 * acknowledged under its own reference and asked nothing: the agent sees the ticket it duplicates.
 * A mail that only asks where things stand, from the ticket's own participant (its reply address
 * or email), about a ticket it joined that is still open, is answered with the ticket's status;
 * its message is stored on the ticket like any follow-up and changes nothing an agent works on.
 */
export function replyDecision(c: InboundComplaint, ticket: Ticket, outcome: IntakeOutcome): ReplyDecision {
  const suppress = c.suppressReply || !c.sender.answerable;
  const decided = decideReply({ automated: false, suppress, missing: ticket.heldBehind ? [] : ticket.missing });
  if (decided === 'none' || !c.triage.asksStatus) return decided;
  const joinedOpen = (outcome === 'merged' || outcome === 'threaded') && isOpen(ticket.status);
  return joinedOpen && isTicketParticipant(c.from, ticket) ? 'status' : decided;
}

/** The sender is the ticket's participant: the address replies go to, or the email on the ticket. */
function isTicketParticipant(from: string | null, ticket: Ticket): boolean {
  const sender = from?.toLowerCase();
  return Boolean(sender && (sender === ticket.replyTo?.toLowerCase() || sender === ticket.fields.email?.toLowerCase()));
}

/** A held ticket going on its work list: its service-level clock starts now. */
export function releaseHold(
  ticket: Pick<Ticket, 'category'>,
  at: string,
  sla: SlaHours,
): { status: 'ready'; heldBehind: null; readyAt: string; dueAt: string; updatedAt: string } {
  return { status: 'ready', heldBehind: null, readyAt: at, dueAt: dueAt(ticket.category, at, sla), updatedAt: at };
}
