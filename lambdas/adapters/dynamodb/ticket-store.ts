/**
 * TicketStore on DynamoDB (single table). No transactions (the local emulator has none and none
 * are needed): deterministic ids plus conditional writes make every step safe to retry.
 *  - create: check the reference, claim each participant link with a conditional put, then put
 *    the ticket; a lost link race means another open ticket exists: join it instead.
 *  - append: optimistic concurrency on `version`; the inbound id set makes it idempotent.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PRIORITY_RANK } from '#core/classify.ts';
import type { CreateOutcome, TicketMessage, TicketStore, TicketUpdate } from '#core/intake.ts';
import { isOpen, type ParticipantKey, queueSortKey, type Ticket } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import { linkKey, messageSk, queuePk, statusPk, ticketKey } from './keys.ts';

const MAX_ATTEMPTS = 5;

export function isConditionFailure(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err as Error)?.name === 'ConditionalCheckFailedException';
}

/** The stored ticket item (ticket + bookkeeping). */
export interface TicketItem extends Ticket {
  PK: string;
  SK: string;
  type: 'ticket';
  version: number;
  inboundIds: Set<string>;
  gsi1pk?: string;
  gsi1sk?: string;
  overdue?: boolean;
  claimedBy?: string | null;
  leaseExpiresAt?: string | null;
  firstActionAt?: string | null;
}

export function toTicket(item: Record<string, unknown>): Ticket {
  const { PK, SK, type, version, inboundIds, gsi1pk, gsi1sk, ...rest } = item as unknown as TicketItem;
  return rest as Ticket;
}

/**
 * Where an open ticket is listed: `ready` on its category's work list (GSI1, claimable),
 * `waiting_participant` and `claimed` on the status lists (GSI2). Resolved/closed: nowhere.
 */
export function listKeys(
  t: Pick<Ticket, 'status' | 'category' | 'priority' | 'createdAt' | 'ref'>,
  overdue = false,
): { gsi1pk?: string; gsi1sk?: string; gsi2pk?: string; gsi2sk?: string } {
  if (t.status === 'ready') {
    return {
      gsi1pk: queuePk(t.category),
      gsi1sk: queueSortKey(PRIORITY_RANK[t.priority], t.createdAt, t.ref, overdue),
    };
  }
  if (t.status === 'waiting_participant' || t.status === 'claimed') {
    return { gsi2pk: statusPk(t.category, t.status), gsi2sk: `${t.createdAt}#${t.ref}` };
  }
  return {};
}

/** SET/REMOVE clauses that put a ticket on exactly the lists `listKeys` names. */
export function listKeyExpression(keys: ReturnType<typeof listKeys>): {
  set: string[];
  remove: string[];
  values: Record<string, string>;
} {
  const set: string[] = [];
  const remove: string[] = [];
  const values: Record<string, string> = {};
  for (const k of ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const) {
    const v = keys[k];
    if (v) {
      set.push(`${k} = :${k}`);
      values[`:${k}`] = v;
    } else remove.push(k);
  }
  return { set, remove, values };
}

export class DynamoTicketStore implements TicketStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getItem(ref: string): Promise<TicketItem | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: ticketKey(ref), ConsistentRead: true }));
    return (r.Item as TicketItem | undefined) ?? null;
  }

  async get(ref: string): Promise<Ticket | null> {
    const item = await this.getItem(ref);
    return item ? toTicket(item as unknown as Record<string, unknown>) : null;
  }

  async findOpenByParticipant(keys: readonly ParticipantKey[], category: Category): Promise<string | null> {
    if (keys.length === 0) return null;
    const r = await this.db.send(
      new BatchGetCommand({
        RequestItems: { [this.table]: { Keys: keys.map((k) => linkKey(k, category)), ConsistentRead: true } },
      }),
    );
    const links = (r.Responses?.[this.table] ?? []) as { PK: string; ref: string }[];
    // Answer in the order of the keys (card, phone, email), not the order DynamoDB returns.
    const byPk = new Map(links.map((l) => [l.PK, l.ref]));
    for (const k of keys) {
      const ref = byPk.get(linkKey(k, category).PK);
      if (!ref) continue;
      const t = await this.get(ref);
      if (t && isOpen(t.status)) return ref;
    }
    return null;
  }

  async create(ticket: Ticket, keys: readonly ParticipantKey[], message: TicketMessage): Promise<CreateOutcome> {
    const existing = await this.getItem(ticket.ref);
    if (existing) {
      if (existing.openedBy !== ticket.openedBy) return { kind: 'collision' };
      await this.putMessage(ticket.ref, message);
      return { kind: 'exists', ticket: toTicket(existing as unknown as Record<string, unknown>) };
    }
    const linked: ParticipantKey[] = [];
    for (const key of keys) {
      const winner = await this.claimLink(key, ticket.category, ticket.ref);
      if (winner) {
        await this.releaseLinks(linked, ticket.category, ticket.ref);
        return { kind: 'joined', ref: winner };
      }
      linked.push(key);
    }
    const item: TicketItem = {
      ...ticket,
      ...ticketKey(ticket.ref),
      type: 'ticket',
      version: 1,
      inboundIds: new Set([ticket.openedBy]),
      ...listKeys(ticket),
    };
    try {
      await this.db.send(
        new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // Created meanwhile by a concurrent delivery of the same mail: same outcome.
      const now = await this.getItem(ticket.ref);
      if (!now || now.openedBy !== ticket.openedBy) return { kind: 'collision' };
    }
    await this.putMessage(ticket.ref, message);
    return { kind: 'created' };
  }

  async append(ref: string, message: TicketMessage, compute: (current: Ticket) => TicketUpdate): Promise<Ticket> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const item = await this.getItem(ref);
      if (!item) throw new Error(`no ticket ${ref}`);
      const current = toTicket(item as unknown as Record<string, unknown>);
      if (item.inboundIds?.has(message.inboundId)) {
        await this.putMessage(ref, message); // a crash may have come between update and message put
        return current;
      }
      const u = compute(current);
      const lists = listKeyExpression(listKeys({ ...current, ...u }, item.overdue ?? false));
      try {
        const r = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: ticketKey(ref),
            UpdateExpression: [
              `SET ${[
                '#fields = :fields',
                '#missing = :missing',
                '#status = :status',
                '#priority = :priority',
                '#updatedAt = :updatedAt',
                '#resolvedAt = :resolvedAt',
                '#readyAt = :readyAt',
                '#dueAt = :dueAt',
                '#version = #version + :one',
                '#messageCount = #messageCount + :one',
                ...lists.set,
              ].join(', ')}`,
              'ADD #inboundIds :inbound',
              lists.remove.length ? `REMOVE ${lists.remove.join(', ')}` : '',
            ].join(' '),
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: {
              '#fields': 'fields',
              '#missing': 'missing',
              '#status': 'status',
              '#priority': 'priority',
              '#updatedAt': 'updatedAt',
              '#resolvedAt': 'resolvedAt',
              '#readyAt': 'readyAt',
              '#dueAt': 'dueAt',
              '#version': 'version',
              '#messageCount': 'messageCount',
              '#inboundIds': 'inboundIds',
            },
            ExpressionAttributeValues: {
              ':fields': u.fields,
              ':missing': u.missing,
              ':status': u.status,
              ':priority': u.priority,
              ':updatedAt': u.updatedAt,
              ':resolvedAt': u.status === 'resolved' ? (current.resolvedAt ?? null) : null,
              ':readyAt': u.readyAt,
              ':dueAt': u.dueAt,
              ':one': 1,
              ':version': item.version,
              ':inbound': new Set([message.inboundId]),
              ...lists.values,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        await this.putMessage(ref, message);
        for (const key of u.keys) await this.claimLink(key, current.category, ref);
        return toTicket(r.Attributes as Record<string, unknown>);
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
    throw new Error(`ticket ${ref} kept changing: gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /** Links key → ref unless another open ticket holds it; returns that ticket's ref then. */
  async claimLink(key: ParticipantKey, category: Category, ref: string): Promise<string | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...linkKey(key, category), type: 'link', ref },
            ConditionExpression: 'attribute_not_exists(PK) OR #ref = :ref',
            ExpressionAttributeNames: { '#ref': 'ref' },
            ExpressionAttributeValues: { ':ref': ref },
          }),
        );
        return null;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const link = await this.db.send(
        new GetCommand({ TableName: this.table, Key: linkKey(key, category), ConsistentRead: true }),
      );
      const holder = link.Item?.ref as string | undefined;
      if (!holder) continue;
      const t = await this.get(holder);
      if (t && isOpen(t.status)) return holder;
      // Stale link (ticket closed, or never written after a crash): take it over if unchanged.
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...linkKey(key, category), type: 'link', ref },
            ConditionExpression: '#ref = :holder',
            ExpressionAttributeNames: { '#ref': 'ref' },
            ExpressionAttributeValues: { ':holder': holder },
          }),
        );
        return null;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
    throw new Error(`participant link for ${category} kept changing`);
  }

  async releaseLinks(keys: readonly ParticipantKey[], category: Category, ref: string): Promise<void> {
    for (const key of keys) {
      try {
        await this.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: linkKey(key, category),
            ConditionExpression: '#ref = :ref',
            ExpressionAttributeNames: { '#ref': 'ref' },
            ExpressionAttributeValues: { ':ref': ref },
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
  }

  private async putMessage(ref: string, m: TicketMessage): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { PK: ticketKey(ref).PK, SK: messageSk(m.receivedAt, m.inboundId), type: 'message', ...m },
      }),
    );
  }
}
