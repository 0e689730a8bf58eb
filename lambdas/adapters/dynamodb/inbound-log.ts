/**
 * InboundLog on DynamoDB: one item per mail not filed (`INBOUND#<sesMessageId>`), listed per
 * outcome on the lists index, newest first, a page at a time. A failure trace counts failures
 * with an update that never touches a set-aside record; re-triaging into a ticket takes the
 * record off its list and keeps the ticket's reference on it.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { InboundLog, LoggedOutcome, Page, SetAsideRecord } from '#ports';
import { type Item, setAsideFromItem, written } from './items.ts';
import { inboundKey, LIST_INDEX, opsPk } from './keys.ts';

const listPosition = (r: Pick<SetAsideRecord, 'receivedAt' | 'inboundId'>) => `${r.receivedAt}#${r.inboundId}`;

/** A page's cursor: the index and table keys of its last item, as the next query's start. */
const encodeCursor = (item: Item) =>
  Buffer.from(JSON.stringify({ PK: item.PK, SK: item.SK, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk })).toString(
    'base64url',
  );

function decodeCursor(cursor: string): Record<string, string> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Record<string, unknown>;
    if (['PK', 'SK', 'gsi2pk', 'gsi2sk'].every((k) => typeof key[k] === 'string')) return key as Record<string, string>;
  } catch {}
  throw new InvalidCursor('cursor is not one this list gave');
}

export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
}

export class DynamoInboundLog implements InboundLog {
  /**
   * `keepDays`: how long a record outlives its mail's receipt, as its raw mail does (the bucket's
   * lifecycle rule): DynamoDB TTL then deletes it. Without it, records are kept.
   */
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly keepDays?: number,
  ) {}

  /** The record's expiry (DynamoDB TTL, epoch seconds), counted from the mail's receipt. */
  private expiry(receivedAt: string): Record<string, number> {
    if (this.keepDays === undefined) return {};
    return { expiresAt: Math.floor(Date.parse(receivedAt) / 1000) + this.keepDays * 24 * 3600 };
  }

  async record(entry: SetAsideRecord): Promise<void> {
    // Idempotent by key: a redelivery rewrites the same record.
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...inboundKey(entry.inboundId),
          type: 'inbound',
          ...entry,
          ...this.expiry(entry.receivedAt),
          gsi2pk: opsPk(entry.outcome),
          gsi2sk: listPosition(entry),
        },
      }),
    );
  }

  async recordFailure(entry: Omit<SetAsideRecord, 'outcome' | 'failures' | 'ticketRef'>): Promise<void> {
    const expires = this.expiry(entry.receivedAt).expiresAt;
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: inboundKey(entry.inboundId),
          UpdateExpression: `SET #type = :type, inboundId = :id, receivedAt = :at, outcome = :failed, rawKey = :raw, reason = :reason, sender = :sender, flags = :flags, ticketRef = :none, gsi2pk = :pk, gsi2sk = :sk${expires === undefined ? '' : ', expiresAt = :exp'} ADD failures :one`,
          ConditionExpression: 'attribute_not_exists(PK) OR outcome = :failed',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': 'inbound',
            ':id': entry.inboundId,
            ':at': entry.receivedAt,
            ':failed': 'failed',
            ':raw': entry.rawKey,
            ':reason': entry.reason,
            ':sender': entry.sender,
            ':flags': entry.flags,
            ':none': null,
            ':pk': opsPk('failed'),
            ':sk': listPosition(entry),
            ':one': 1,
            ...(expires === undefined ? {} : { ':exp': expires }),
          },
        }),
      ),
    );
  }

  async clearFailure(inboundId: string): Promise<void> {
    await written(
      this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: inboundKey(inboundId),
          ConditionExpression: 'outcome = :failed',
          ExpressionAttributeValues: { ':failed': 'failed' },
        }),
      ),
    );
  }

  async get(inboundId: string): Promise<SetAsideRecord | null> {
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: inboundKey(inboundId), ConsistentRead: true }),
    );
    return r.Item ? setAsideFromItem(r.Item) : null;
  }

  async list(outcome: LoggedOutcome, limit: number, cursor?: string | null): Promise<Page<SetAsideRecord>> {
    // One more than asked: whether it comes tells if there is a next page.
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: LIST_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': opsPk(outcome) },
        ScanIndexForward: false,
        Limit: limit + 1,
        ExclusiveStartKey: cursor ? decodeCursor(cursor) : undefined,
      }),
    );
    const items = (r.Items ?? []).slice(0, limit);
    const more = (r.Items?.length ?? 0) > limit;
    return { items: items.map(setAsideFromItem), cursor: more ? encodeCursor(items.at(-1) as Item) : null };
  }

  async filed(inboundId: string, ticketRef: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: inboundKey(inboundId),
        UpdateExpression: 'SET ticketRef = :ref REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':ref': ticketRef },
      }),
    );
  }
}
