/**
 * In-memory TicketStore for the CLI and tests. Same contract as the DynamoDB store: participant
 * links per (key, category) point at one open ticket; append is idempotent per inbound id.
 */
import type { CreateOutcome, TicketMessage, TicketStore, TicketUpdate } from '#core/intake.ts';
import { isOpen, type ParticipantKey, type Ticket } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';

// Copies, so callers never hold the store's own objects (what a real store's reads give too).
// Shallow per level instead of structuredClone: this store sits inside the core benchmark.
const copyTicket = (t: Ticket): Ticket => ({ ...t, fields: { ...t.fields }, missing: [...t.missing] });

const linkKey = (k: ParticipantKey, category: Category) => `${k.kind}#${k.value}#${category}`;

export class MemoryTicketStore implements TicketStore {
  readonly tickets = new Map<string, Ticket>();
  readonly messages = new Map<string, TicketMessage[]>();
  // inbound ids per ticket: appends stay O(1) however many messages a ticket collects
  private readonly inboundIds = new Map<string, Set<string>>();
  private readonly links = new Map<string, string>();

  async get(ref: string): Promise<Ticket | null> {
    const t = this.tickets.get(ref);
    return t ? copyTicket(t) : null;
  }

  async findOpenByParticipant(keys: readonly ParticipantKey[], category: Category): Promise<string | null> {
    for (const k of keys) {
      const ref = this.links.get(linkKey(k, category));
      const t = ref ? this.tickets.get(ref) : undefined;
      if (t && isOpen(t.status)) return t.ref;
    }
    return null;
  }

  async create(ticket: Ticket, keys: readonly ParticipantKey[], message: TicketMessage): Promise<CreateOutcome> {
    const existing = this.tickets.get(ticket.ref);
    if (existing)
      return existing.openedBy === ticket.openedBy
        ? { kind: 'exists', ticket: copyTicket(existing) }
        : { kind: 'collision' };
    const winner = await this.findOpenByParticipant(keys, ticket.category);
    if (winner) return { kind: 'joined', ref: winner };
    this.tickets.set(ticket.ref, copyTicket(ticket));
    this.messages.set(ticket.ref, [message]);
    this.inboundIds.set(ticket.ref, new Set([message.inboundId]));
    this.link(keys, ticket.category, ticket.ref);
    return { kind: 'created' };
  }

  async append(ref: string, message: TicketMessage, compute: (current: Ticket) => TicketUpdate): Promise<Ticket> {
    const t = this.tickets.get(ref);
    if (!t) throw new Error(`no ticket ${ref}`);
    const msgs = this.messages.get(ref) ?? [];
    const seen = this.inboundIds.get(ref) ?? new Set<string>();
    if (!seen.has(message.inboundId)) {
      seen.add(message.inboundId);
      this.inboundIds.set(ref, seen);
      const update = compute(copyTicket(t));
      msgs.push(message);
      this.messages.set(ref, msgs);
      Object.assign(t, {
        fields: update.fields,
        missing: update.missing,
        status: update.status,
        priority: update.priority,
        updatedAt: update.updatedAt,
        readyAt: update.readyAt,
        dueAt: update.dueAt,
        messageCount: t.messageCount + 1,
      });
      if (update.status !== 'resolved') t.resolvedAt = null;
      this.link(update.keys, t.category, ref);
    }
    return copyTicket(t);
  }

  /** Resolving or closing a ticket frees its participant links (a later mail opens a new ticket). */
  async setStatus(ref: string, status: Ticket['status'], at: string): Promise<void> {
    const t = this.tickets.get(ref);
    if (!t) throw new Error(`no ticket ${ref}`);
    t.status = status;
    t.updatedAt = at;
    if (status === 'resolved') t.resolvedAt = at;
    if (!isOpen(status)) for (const [k, v] of this.links) if (v === ref) this.links.delete(k);
  }

  private link(keys: readonly ParticipantKey[], category: Category, ref: string): void {
    for (const k of keys) {
      const current = this.links.get(linkKey(k, category));
      const owner = current ? this.tickets.get(current) : undefined;
      if (!owner || !isOpen(owner.status)) this.links.set(linkKey(k, category), ref);
    }
  }
}
