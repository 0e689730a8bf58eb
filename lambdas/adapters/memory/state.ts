/**
 * The in-memory stand-in for the tickets table, shared by the memory adapters. It behaves like
 * the DynamoDB adapters where a caller can tell: values are copied in and out (no caller holds the
 * store's objects), every ticket change bumps its version, and a participant link belongs to the
 * ticket that claimed it while that ticket is open. test/adapters/contract holds both to that.
 */

import type { SuppressionReason } from '#core/suppression.ts';
import type { Survey } from '#core/survey.ts';
import type { CsatCounter } from '#core/survey-report.ts';
import {
  isOpen,
  type ParticipantKey,
  type RelatedReason,
  type Ticket,
  type TicketMessage,
  workListPosition,
} from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import {
  ABANDONED_LINK_AFTER_MS,
  type AgentReplyMark,
  type AuditEntry,
  type CannedResponse,
  type LinkOwner,
  type Note,
  ParticipantBusy,
  type PendingReply,
  type ReplyRecord,
  type RetentionEntry,
  type SetAsideRecord,
  type StoredTicket,
} from '#ports';

export interface TicketRow {
  ticket: Ticket;
  version: number;
  overdue: boolean;
  /** Position on the category's work list while ready (see workListPosition), else null. */
  position: string | null;
  first: TicketMessage;
  followUps: TicketMessage[];
  /** Inbound ids of the latest messages: appending one of them again changes nothing. */
  recentInbound: string[];
  lastMessageId: string | null;
  /** Replies written with a change of the ticket, not yet confirmed queued. */
  outbox: PendingReply[];
  lastAgentReply: AgentReplyMark | null;
  /** When its current holder claimed it (while claimed). */
  claimedAt: string | null;
  /** On the survey list while resolved with a survey to send (see TicketChange.survey). */
  surveyDue?: { dueAt: string; resolvedBy: string } | null;
  /** When it last ended (resolved or closed), for retention. */
  endedAt?: string;
}

interface LinkRow {
  ref: string;
  /** The inbound id that opened the linked ticket: tells its ticket from another under a reused reference. */
  openedBy: string;
  /** When it was claimed: a link whose ticket is not written yet is a create in progress until it is old. */
  claimedAt: string;
}

// Copies by hand rather than structuredClone: these run for every mail in the core benchmark.
export const copyTicket = (t: Ticket): Ticket => ({
  ...t,
  fields: { ...t.fields },
  missing: [...t.missing],
  participants: [...t.participants],
});

export const copyMessage = (m: TicketMessage): TicketMessage => ({
  ...m,
  fields: { ...m.fields },
  evidence: m.evidence.map((e) => ({ ...e })),
  flags: [...m.flags],
});

export function storedTicket(row: TicketRow): StoredTicket {
  return {
    ...copyTicket(row.ticket),
    version: row.version,
    overdue: row.overdue,
    outbox: structuredClone(row.outbox),
    lastAgentReply: row.lastAgentReply ? { ...row.lastAgentReply } : null,
  };
}

/** Where a ticket is listed after a write: on its work list while ready and not held, nowhere otherwise. */
export function positionOf(t: Ticket, overdue: boolean, releasedAt: string | null = null): string | null {
  return t.status === 'ready' && !t.heldBehind ? workListPosition(t, overdue, releasedAt) : null;
}

export interface RelatedRow {
  ref: string;
  reason: RelatedReason;
  at: string;
}

export const participantId = (k: ParticipantKey) => `${k.kind}#${k.value}`;
export const linkId = (k: ParticipantKey, category: Category) => `${participantId(k)}#${category}`;

export class MemoryState {
  constructor(readonly now: () => Date = () => new Date()) {}

  readonly tickets = new Map<string, TicketRow>();
  readonly links = new Map<string, LinkRow>();
  readonly notes = new Map<string, Note[]>();
  readonly audit = new Map<string, AuditEntry[]>();
  /** Per ticket, the tickets linked to it. */
  readonly related = new Map<string, RelatedRow[]>();
  readonly replies = new Map<string, ReplyRecord>();
  readonly setAside = new Map<string, SetAsideRecord>();
  /** Inbound records taken off their list (triaged again into a ticket), as the lists index loses them on AWS. */
  readonly unlisted = new Set<string>();
  /** Jobs counted per address and day. */
  readonly allowance = new Map<string, Set<string>>();
  /** Reply records SES's Send event marked as accepted. */
  readonly acceptedReplies = new Set<string>();
  /** Requests counted per client and window (the public status route's per-client limit). */
  readonly requests = new Map<string, number>();
  /** Suppressed addresses (lower case) and why. */
  readonly suppressed = new Map<string, SuppressionReason>();
  /** Per participant key: the tickets whose links were freed (resolved) or could not be taken. */
  readonly participantRecords = new Map<string, Set<string>>();
  readonly canned = new Map<string, CannedResponse>();
  /** The retention list: ended tickets by `<endedAt>#<ref>`. */
  readonly retention = new Map<string, RetentionEntry>();

  /** Refs of the open tickets the key links to, in any category (stale links included). */
  linkedRefs(key: ParticipantKey): string[] {
    const prefix = `${participantId(key)}#`;
    return [...this.links.entries()].filter(([id]) => id.startsWith(prefix)).map(([, l]) => l.ref);
  }

  /** Keeps a record of the ticket under each key, found by participantTickets after its links are gone. */
  recordParticipant(keys: readonly ParticipantKey[], ref: string): void {
    for (const key of keys) {
      const id = participantId(key);
      this.participantRecords.set(id, new Set([...(this.participantRecords.get(id) ?? []), ref]));
    }
  }
  /** One survey per ticket, by reference. */
  readonly surveys = new Map<string, Survey>();
  /** CSAT counters by `<day>#<dimension>#<key>`. */
  readonly csat = new Map<string, CsatCounter>();

  /** The open ticket that holds the link, if the link is not stale. */
  linkHolder(key: ParticipantKey, category: Category): TicketRow | null {
    const link = this.links.get(linkId(key, category));
    const row = link ? this.tickets.get(link.ref) : undefined;
    const holds = row?.ticket.openedBy === link?.openedBy && row?.ticket.category === category;
    return row && holds && isOpen(row.ticket.status) ? row : null;
  }

  /**
   * Links key → owner in its category unless another open ticket holds it; returns that ticket's
   * row then. A link whose ticket is not written yet is another create in progress
   * (ParticipantBusy) until it is old.
   */
  claimLink(key: ParticipantKey, owner: LinkOwner): TicketRow | null {
    const link = this.links.get(linkId(key, owner.category));
    const now = this.now();
    if (link && link.openedBy !== owner.openedBy) {
      const holder = this.linkHolder(key, owner.category);
      if (holder) return holder;
      const young = now.getTime() - Date.parse(link.claimedAt) < ABANDONED_LINK_AFTER_MS;
      if (!this.tickets.has(link.ref) && young)
        throw new ParticipantBusy(`participant link for ${owner.category} is held by a ticket being created`);
    }
    if (link?.openedBy === owner.openedBy && link.ref === owner.ref) return null;
    this.links.set(linkId(key, owner.category), {
      ref: owner.ref,
      openedBy: owner.openedBy,
      claimedAt: now.toISOString(),
    });
    return null;
  }

  /** Frees the keys' links that this ticket holds. */
  releaseLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): void {
    for (const key of keys) {
      const id = linkId(key, owner.category);
      const link = this.links.get(id);
      if (link?.ref === owner.ref && link.openedBy === owner.openedBy) this.links.delete(id);
    }
  }
}
