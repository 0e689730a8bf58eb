/**
 * TicketStore on DynamoDB (single table). No transactions (the local emulator has none and none
 * are needed): deterministic ids and conditional writes make every step safe to retry.
 *  - claimLinks: claim each participant key's link with one update that answers the key's links
 *    in every category (links.ts); a lost link means another open ticket of the participant
 *    exists, and the mail joins it instead.
 *  - create: put the ticket item, which holds its first message, if the reference is free.
 *  - append: a conditional update on the ticket's version that also refuses an inbound id the
 *    ticket already has (it keeps the latest ones), then the message item.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keysToLink, STORED_LIMITS, type TicketUpdate } from '#core/intake.ts';
import type { ParticipantKey, RelatedReason, Ticket, TicketMessage } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import type { Appended, CreateOutcome, LinkClaims, LinkOwner, StoredTicket, TicketStore } from '#ports';
import {
  assignments,
  type Item,
  isConditionFailure,
  listKeyExpression,
  listKeys,
  storedFromItem,
  ticketFromItem,
  written,
} from './items.ts';
import { messageKey, relatedKey, ticketKey } from './keys.ts';
import { TicketTable } from './links.ts';

const MAX_ATTEMPTS = 5;

export class DynamoTicketStore implements TicketStore {
  private readonly table: TicketTable;

  constructor(db: DynamoDBDocumentClient, table: string, now: () => Date = () => new Date()) {
    this.table = new TicketTable(db, table, now);
  }

  get(ref: string): Promise<StoredTicket | null> {
    return this.table.ticket(ref);
  }

  openTickets(keys: readonly ParticipantKey[], categories: readonly Category[]): Promise<StoredTicket[]> {
    return this.table.openTickets(keys, categories);
  }

  async relate(a: string, b: string, reason: RelatedReason, at: string): Promise<void> {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...relatedKey(from, to), type: 'related', ref: to, reason, at },
        }),
      );
    }
  }

  claimLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<LinkClaims> {
    return this.table.claimLinks(owner, keys);
  }

  releaseLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<void> {
    return this.table.releaseLinks(owner, keys);
  }

  async create(ticket: Ticket, first: TicketMessage, claimed: readonly ParticipantKey[]): Promise<CreateOutcome> {
    const item: Item = {
      ...ticketKey(ticket.ref),
      type: 'ticket',
      ...ticket,
      version: 1,
      overdue: false,
      first,
      recentInbound: [first.inboundId],
      lastMessageId: first.messageId,
      ...listKeys(ticket, false),
    };
    const put = new PutCommand({
      TableName: this.table.name,
      Item: item,
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    if (await written(this.table.db.send(put))) return { kind: 'created' };
    const existing = await this.table.ticket(ticket.ref);
    if (existing?.openedBy === ticket.openedBy) return { kind: 'exists', ticket: existing };
    await this.table.releaseLinks(ticket, claimed);
    return { kind: 'collision' };
  }

  async append(
    ref: string,
    message: TicketMessage,
    update: (current: Ticket) => TicketUpdate,
    seen?: StoredTicket,
  ): Promise<Appended> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The caller's copy saves a read while the ticket's list of recent inbound ids has room to grow.
      const useSeen = attempt === 0 && seen !== undefined && seen.messageCount < STORED_LIMITS.recentInbound;
      const item = useSeen ? null : await this.table.ticketItem(ref);
      if (!useSeen && !item) throw new Error(`no ticket ${ref}`);
      const current = item ? storedFromItem(item) : (seen as StoredTicket);
      const recent = item ? ((item.recentInbound as string[] | undefined) ?? []) : null;
      if (recent?.includes(message.inboundId)) {
        // Delivered before: report how it joined then. A crash may have come between the update and
        // the message put, so the message is written if it is missing.
        return { ticket: ticketFromItem(item as Item), outcome: await this.storedOutcome(ref, message) };
      }
      const u = update(current);
      const updated = await this.update(current, recent, message, u);
      if (updated) {
        await this.putMessage(ref, message);
        for (const key of keysToLink(current, u)) await this.table.claimLink(key, current);
        return { ticket: updated, outcome: message.outcome };
      }
    }
    throw new Error(`ticket ${ref} kept changing: gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /** The conditional update of an append; null when the ticket changed (or has the message) since it was read. */
  private async update(
    current: StoredTicket,
    recent: string[] | null,
    message: TicketMessage,
    u: TicketUpdate,
  ): Promise<Ticket | null> {
    const lists = listKeyExpression(
      listKeys(
        {
          ...current,
          status: u.status,
          priority: u.priority,
          readyAt: u.readyAt,
          waitingSince: u.waitingSince,
          remindedAt: u.remindedAt,
        },
        current.overdue,
      ),
    );
    const plain = assignments({
      fields: u.fields,
      missing: u.missing,
      status: u.status,
      priority: u.priority,
      updatedAt: u.updatedAt,
      resolvedAt: u.status === 'resolved' ? current.resolvedAt : null,
      participants: u.participants,
      senderVerified: u.senderVerified,
      nikHash: u.nikHash,
      readyAt: u.readyAt,
      dueAt: u.dueAt,
      waitingSince: u.waitingSince,
      remindedAt: u.remindedAt,
      lastMessageId: message.messageId ?? undefined,
    });
    // Knowing the list, keep its newest entries; otherwise append (the caller's copy showed room).
    const recentSet = recent ? '#recent = :recent' : '#recent = list_append(if_not_exists(#recent, :empty), :recent)';
    const recentValue = recent
      ? [...recent.slice(1 - STORED_LIMITS.recentInbound), message.inboundId]
      : [message.inboundId];
    try {
      const r = await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: ticketKey(current.ref),
          UpdateExpression: [
            `SET ${[...plain.set, recentSet, '#version = #version + :one', '#messageCount = #messageCount + :one', ...lists.set].join(', ')}`,
            lists.remove.length ? `REMOVE ${lists.remove.join(', ')}` : '',
          ].join(' '),
          ConditionExpression: '#version = :version AND NOT contains(#recent, :inbound)',
          ExpressionAttributeNames: {
            ...plain.names,
            '#recent': 'recentInbound',
            '#version': 'version',
            '#messageCount': 'messageCount',
          },
          ExpressionAttributeValues: {
            ...plain.values,
            ':recent': recentValue,
            ...(recent ? {} : { ':empty': [] }),
            ':inbound': message.inboundId,
            ':one': 1,
            ':version': current.version,
            ...lists.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return ticketFromItem(r.Attributes as Item);
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  }

  /** Writes a follow-up message; `onlyIfMissing` keeps one written before (a redelivery may carry another receipt time). */
  private putMessage(ref: string, m: TicketMessage, onlyIfMissing = false): Promise<boolean> {
    return written(
      this.table.db.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...messageKey(ref, m.inboundId), type: 'message', ...m },
          ConditionExpression: onlyIfMissing ? 'attribute_not_exists(PK)' : undefined,
        }),
      ),
    );
  }

  /** The outcome a message already on the ticket was stored with (written now if a crash left it out). */
  private async storedOutcome(ref: string, m: TicketMessage): Promise<TicketMessage['outcome']> {
    const r = await this.table.db.send(
      new GetCommand({ TableName: this.table.name, Key: messageKey(ref, m.inboundId), ConsistentRead: true }),
    );
    if (r.Item) return r.Item.outcome as TicketMessage['outcome'];
    await this.putMessage(ref, m, true);
    return m.outcome;
  }
}
