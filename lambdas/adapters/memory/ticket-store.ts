/** TicketStore in memory, on the shared MemoryState (see state.ts). */
import { keysToLink, STORED_LIMITS, type TicketUpdate } from '#core/intake.ts';
import type { ParticipantKey, RelatedReason, Ticket, TicketMessage } from '#core/ticket.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import type { Appended, CreateOutcome, LinkClaims, LinkOwner, StoredTicket, TicketStore } from '#ports';
import { copyMessage, copyTicket, type MemoryState, positionOf, storedTicket, type TicketRow } from './state.ts';

export class MemoryTicketStore implements TicketStore {
  constructor(private readonly db: MemoryState) {}

  async get(ref: string): Promise<StoredTicket | null> {
    const row = this.db.tickets.get(ref);
    return row ? storedTicket(row) : null;
  }

  async openTickets(keys: readonly ParticipantKey[], categories: readonly Category[]): Promise<StoredTicket[]> {
    const found = new Map<string, StoredTicket>();
    for (const category of categories) {
      for (const key of keys) {
        const holder = this.db.linkHolder(key, category);
        if (holder && !found.has(holder.ticket.ref)) found.set(holder.ticket.ref, storedTicket(holder));
      }
    }
    return [...found.values()];
  }

  async relate(a: string, b: string, reason: RelatedReason, at: string): Promise<void> {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const rows = (this.db.related.get(from) ?? []).filter((r) => r.ref !== to);
      this.db.related.set(from, [...rows, { ref: to, reason, at }]);
    }
  }

  async claimLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<LinkClaims> {
    const claimed: ParticipantKey[] = [];
    const open = new Map<string, StoredTicket>();
    for (const key of keys) {
      let holder: TicketRow | null;
      try {
        holder = this.db.claimLink(key, owner);
      } catch (err) {
        this.db.releaseLinks(owner, claimed); // another create holds this key
        throw err;
      }
      for (const category of CATEGORIES) {
        const other = category === owner.category ? null : this.db.linkHolder(key, category);
        if (other && other.ticket.openedBy !== owner.openedBy && !open.has(other.ticket.ref))
          open.set(other.ticket.ref, storedTicket(other));
      }
      if (holder) {
        const ticket = storedTicket(holder);
        open.set(ticket.ref, ticket);
        return { claimed, held: { key: { ...key }, ticket }, open: [...open.values()] };
      }
      claimed.push({ ...key });
    }
    return { claimed, held: null, open: [...open.values()] };
  }

  async releaseLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<void> {
    this.db.releaseLinks(owner, keys);
  }

  async create(ticket: Ticket, first: TicketMessage, claimed: readonly ParticipantKey[]): Promise<CreateOutcome> {
    const own = this.db.tickets.get(ticket.ref);
    if (own) {
      if (own.ticket.openedBy === ticket.openedBy) return { kind: 'exists', ticket: storedTicket(own) };
      this.db.releaseLinks(ticket, claimed);
      return { kind: 'collision' };
    }
    this.db.tickets.set(ticket.ref, {
      ticket: copyTicket(ticket),
      version: 1,
      overdue: false,
      position: positionOf(ticket, false),
      first: copyMessage(first),
      followUps: [],
      recentInbound: [first.inboundId],
      lastMessageId: first.messageId,
      outbox: [],
      lastAgentReply: null,
      claimedAt: null,
    });
    return { kind: 'created' };
  }

  async append(ref: string, message: TicketMessage, update: (current: Ticket) => TicketUpdate): Promise<Appended> {
    const row = this.db.tickets.get(ref);
    if (!row) throw new Error(`no ticket ${ref}`);
    if (row.recentInbound.includes(message.inboundId)) {
      const stored = row.followUps.find((m) => m.inboundId === message.inboundId);
      return { ticket: copyTicket(row.ticket), outcome: stored?.outcome ?? message.outcome };
    }
    const before = row.ticket;
    const u = update(copyTicket(before));
    row.ticket = {
      ...before,
      fields: { ...u.fields },
      missing: [...u.missing],
      status: u.status,
      priority: u.priority,
      updatedAt: u.updatedAt,
      readyAt: u.readyAt,
      dueAt: u.dueAt,
      waitingSince: u.waitingSince,
      remindedAt: u.remindedAt,
      resolvedAt: u.status === 'resolved' ? before.resolvedAt : null,
      participants: [...u.participants],
      senderVerified: u.senderVerified,
      nikHash: u.nikHash,
      messageCount: before.messageCount + 1,
    };
    row.version++;
    row.position = positionOf(row.ticket, row.overdue);
    row.surveyDue = null; // off the survey list, as the list keys on DynamoDB
    row.followUps.push(copyMessage(message));
    row.recentInbound = [...row.recentInbound.slice(1 - STORED_LIMITS.recentInbound), message.inboundId];
    row.lastMessageId = message.messageId ?? row.lastMessageId;
    for (const key of keysToLink(before, u)) this.db.claimLink(key, before);
    return { ticket: copyTicket(row.ticket), outcome: message.outcome };
  }
}
