/** WorkList in memory, on the shared MemoryState (see state.ts). */
import { isOpen, type ParticipantKey, participantKeys, type Ticket, type TicketMessage } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import { waitStart } from '#core/waiting.ts';
import {
  type AuditEntry,
  type Claim,
  LeaseConflict,
  type Note,
  type Outbox,
  type PendingReply,
  type QueueStats,
  type StoredTicket,
  type TicketChange,
  type TicketDetail,
  type WorkList,
} from '#ports';
import { type MemoryState, participantId, positionOf, storedTicket, type TicketRow } from './state.ts';

const byTime =
  <T>(at: (x: T) => string) =>
  (a: T, b: T) =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0;

export class MemoryWorkList implements WorkList {
  constructor(private readonly db: MemoryState) {}

  private rows(category: Category, status?: Ticket['status']): TicketRow[] {
    return [...this.db.tickets.values()].filter(
      (r) => r.ticket.category === category && (!status || r.ticket.status === status),
    );
  }

  async stats(category: Category): Promise<QueueStats> {
    const ready = this.rows(category, 'ready').filter((r) => r.position !== null);
    const since = ready.map((r) => r.ticket.readyAt ?? r.ticket.createdAt).sort();
    return {
      category,
      ready: ready.length,
      claimed: this.rows(category, 'claimed').length,
      waitingParticipant: this.rows(category, 'waiting_participant').length,
      overdue: ready.filter((r) => r.overdue).length,
      oldestReadyAt: since[0] ?? null,
    };
  }

  async claimNext(category: Category, agent: string, leaseUntil: string, now: string): Promise<StoredTicket | null> {
    return this.claimFirst([category], agent, leaseUntil, now);
  }

  async claimMostUrgent(
    categories: readonly Category[],
    agent: string,
    leaseUntil: string,
    now: string,
  ): Promise<StoredTicket | null> {
    return this.claimFirst(categories, agent, leaseUntil, now);
  }

  private claimFirst(categories: readonly Category[], agent: string, leaseUntil: string, now: string) {
    const [next] = categories
      .flatMap((c) => this.rows(c, 'ready'))
      .filter((r) => r.position !== null)
      .sort(byTime((r) => r.position ?? ''));
    if (!next) return null;
    next.ticket = {
      ...next.ticket,
      status: 'claimed',
      claimedBy: agent,
      leaseExpiresAt: leaseUntil,
      firstActionAt: next.ticket.firstActionAt ?? now,
      updatedAt: now,
    };
    next.version++;
    next.position = null;
    next.claimedAt = now;
    return storedTicket(next);
  }

  async get(ref: string): Promise<StoredTicket | null> {
    const row = this.db.tickets.get(ref);
    return row ? storedTicket(row) : null;
  }

  async detail(ref: string): Promise<TicketDetail | null> {
    const row = this.db.tickets.get(ref);
    if (!row) return null;
    const messages = [row.first, ...row.followUps].sort(byTime((m: TicketMessage) => `${m.receivedAt}#${m.inboundId}`));
    const replies = [...this.db.replies.values()].filter((r) => r.ticketRef === ref).sort(byTime((r) => r.at));
    const related = (this.db.related.get(ref) ?? []).flatMap((r) => {
      const other = this.db.tickets.get(r.ref)?.ticket;
      return other ? [{ ref: r.ref, status: other.status, category: other.category, reason: r.reason }] : [];
    });
    return structuredClone({
      ticket: storedTicket(row),
      messages,
      replies,
      notes: [...(this.db.notes.get(ref) ?? [])].sort(byTime((n) => `${n.at}#${n.id}`)),
      related,
      audit: [...(this.db.audit.get(ref) ?? [])].sort(byTime((a) => `${a.at}#${a.id}`)),
    });
  }

  async transition(current: StoredTicket, change: TicketChange): Promise<StoredTicket> {
    const row = this.db.tickets.get(current.ref);
    if (!row || row.version !== current.version) throw new LeaseConflict(`ticket ${current.ref} changed meanwhile`);
    const { front, overdue, survey, reply, agentReply, ...fields } = change;
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const wasOpen = isOpen(row.ticket.status);
    row.ticket = { ...row.ticket, ...structuredClone(set) };
    if (wasOpen && !isOpen(row.ticket.status)) {
      row.endedAt = change.updatedAt;
      this.db.retention.set(`${change.updatedAt}#${row.ticket.ref}`, {
        ref: row.ticket.ref,
        endedAt: change.updatedAt,
      });
    }
    row.overdue = overdue ?? row.overdue;
    // Like the list keys on DynamoDB: every change sets where the ticket is listed anew.
    row.surveyDue = row.ticket.status === 'resolved' && survey ? { ...survey } : null;
    row.version++;
    row.position = positionOf(row.ticket, row.overdue, front ? change.updatedAt : null);
    if (reply) row.outbox = [...row.outbox, { ref: row.ticket.ref, job: structuredClone(reply), at: change.updatedAt }];
    if (agentReply) row.lastAgentReply = { ...agentReply };
    return storedTicket(row);
  }

  async claims(category: Category): Promise<Claim[]> {
    return this.rows(category, 'claimed')
      .map((r) => ({
        ref: r.ticket.ref,
        category,
        claimedBy: r.ticket.claimedBy ?? '',
        since: r.claimedAt ?? r.ticket.firstActionAt ?? r.ticket.updatedAt,
        leaseExpiresAt: r.ticket.leaseExpiresAt ?? '',
      }))
      .sort(byTime((c) => `${c.since}#${c.ref}`));
  }

  async overdue(category: Category): Promise<StoredTicket[]> {
    return this.rows(category)
      .filter((r) => r.overdue && (r.ticket.status === 'ready' || r.ticket.status === 'claimed'))
      .sort(byTime((r) => `${r.ticket.dueAt}#${r.ticket.ref}`))
      .map(storedTicket);
  }

  async participantTickets(key: ParticipantKey, limit: number): Promise<StoredTicket[]> {
    const refs = new Set([...this.db.linkedRefs(key), ...(this.db.participantRecords.get(participantId(key)) ?? [])]);
    const carries = (t: Ticket) => participantKeys(t.fields).some((k) => participantId(k) === participantId(key));
    return [...refs]
      .map((ref) => this.db.tickets.get(ref))
      .filter((r): r is TicketRow => r !== undefined && carries(r.ticket))
      .sort(byTime((r) => `${r.ticket.createdAt}#${r.ticket.ref}`))
      .reverse()
      .slice(0, limit)
      .map(storedTicket);
  }

  async addNote(ref: string, note: Note): Promise<void> {
    this.db.notes.set(ref, [...(this.db.notes.get(ref) ?? []), { ...note }]);
  }

  async audit(ref: string, entry: AuditEntry): Promise<void> {
    const entries = (this.db.audit.get(ref) ?? []).filter((e) => e.id !== entry.id || e.at !== entry.at);
    this.db.audit.set(ref, [...entries, { ...entry }]);
  }

  async expiredLeases(category: Category, now: string): Promise<StoredTicket[]> {
    return this.rows(category, 'claimed')
      .filter((r) => r.ticket.leaseExpiresAt !== null && r.ticket.leaseExpiresAt < now)
      .map(storedTicket);
  }

  async newlyOverdue(category: Category, now: string): Promise<StoredTicket[]> {
    return this.rows(category, 'ready')
      .filter((r) => !r.overdue && r.ticket.dueAt !== null && r.ticket.dueAt < now)
      .map(storedTicket);
  }

  async waitingDue(
    category: Category,
    step: 'remind' | 'close',
    before: string,
    limit: number,
  ): Promise<StoredTicket[]> {
    const since = (t: Ticket) => (step === 'remind' ? waitStart(t) : (t.remindedAt ?? ''));
    return (
      this.rows(category, 'waiting_participant')
        // A missing remindedAt (undefined, as on an item written before reminders) reads as not reminded, as on DynamoDB.
        .filter((r) => (step === 'remind' ? r.ticket.remindedAt == null : r.ticket.remindedAt != null))
        .filter((r) => since(r.ticket) <= before)
        .sort(byTime((r) => `${since(r.ticket)}#${r.ticket.ref}`))
        .slice(0, limit)
        .map(storedTicket)
    );
  }

  async held(category: Category): Promise<StoredTicket[]> {
    return this.rows(category, 'ready')
      .filter((r) => r.ticket.heldBehind !== null)
      .map(storedTicket);
  }

  async latestMessageId(ref: string): Promise<string | null> {
    return this.db.tickets.get(ref)?.lastMessageId ?? null;
  }

  async releaseParticipant(ticket: Ticket): Promise<void> {
    const keys = participantKeys(ticket.fields);
    this.db.recordParticipant(keys, ticket.ref);
    this.db.releaseLinks(ticket, keys);
  }

  async relinkParticipant(before: Ticket, after: Ticket): Promise<void> {
    this.db.releaseLinks(before, participantKeys(before.fields));
    // Best effort: where the participant already has an open ticket in the new category, that link
    // stays, and a record keeps this ticket findable under the key.
    for (const key of participantKeys(after.fields))
      if (this.db.claimLink(key, after)) this.db.recordParticipant([key], after.ref);
  }
}

/** The outbox in memory: the pending replies held in each ticket's row. */
export class MemoryOutbox implements Outbox {
  constructor(private readonly db: MemoryState) {}

  async pending(before: string, limit: number): Promise<PendingReply[]> {
    return [...this.db.tickets.values()]
      .flatMap((row) => row.outbox)
      .filter((p) => p.at < before)
      .sort(byTime((p) => `${p.at}#${p.ref}`))
      .slice(0, limit)
      .map((p) => structuredClone(p));
  }

  async confirm(ref: string, jobId: string): Promise<void> {
    const row = this.db.tickets.get(ref);
    if (row) row.outbox = row.outbox.filter((p) => p.job.jobId !== jobId);
  }
}
