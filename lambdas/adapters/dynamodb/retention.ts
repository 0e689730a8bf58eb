/**
 * Retention of ended tickets on DynamoDB. The work list's transition that ends a ticket first
 * puts its entry on the retention list (`RETENTION`, sorted by when it ended) and then stamps
 * `endedAt` on the ticket; the sweeper reads the list's head and purges what is past the period.
 *
 * Why not DynamoDB TTL: a ticket is many items (messages, replies, notes, audit, survey), some
 * written after it ended, and a reopen must cancel the deletion. TTL expires items one by one,
 * so it would need every item stamped and unstamped; a list read by the sweeper deletes the
 * partition in one place and checks the ticket is still ended right before it does.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isOpen, participantKeys, type Ticket } from '#core/ticket.ts';
import type { RetentionEntry, TicketRetention } from '#ports';
import { batchWrite } from './batch-write.ts';
import { type Item, ticketFromItem } from './items.ts';
import { participantTicketKey, RETENTION_PK, relatedKey, retentionKey, ticketKey } from './keys.ts';
import { TicketTable } from './links.ts';
import { queryAll } from './query.ts';

const MAX_ATTEMPTS = 5;

/** Lists a ticket that ends now; written before the change that ends it (an entry for a ticket still open is dropped by purge). */
export function putRetentionEntry(db: DynamoDBDocumentClient, table: string, entry: RetentionEntry): Promise<unknown> {
  return db.send(
    new PutCommand({
      TableName: table,
      Item: { ...retentionKey(entry.endedAt, entry.ref), type: 'retention', ...entry },
    }),
  );
}

export class DynamoTicketRetention implements TicketRetention {
  private readonly tickets: TicketTable;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {
    this.tickets = new TicketTable(db, table);
  }

  async endedBefore(cutoff: string, limit: number): Promise<RetentionEntry[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND SK < :cutoff',
        ExpressionAttributeValues: { ':pk': RETENTION_PK, ':cutoff': cutoff },
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map((i) => ({ ref: i.ref as string, endedAt: i.endedAt as string }));
  }

  async purge(entry: RetentionEntry, cutoff: string): Promise<boolean> {
    const item = await this.tickets.ticketItem(entry.ref);
    const endedAt = item?.endedAt as string | undefined;
    const expired = item && !isOpen(item.status as Ticket['status']) && endedAt !== undefined && endedAt < cutoff;
    if (item && expired) await this.deleteTicket(item);
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: retentionKey(entry.endedAt, entry.ref) }));
    return Boolean(expired);
  }

  /** Everything kept under the ticket and about it elsewhere; the ticket item last, so a failure midway is retried. */
  private async deleteTicket(item: Item): Promise<void> {
    const ticket = ticketFromItem(item);
    const keys = await queryAll(this.db, this.table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': ticketKey(ticket.ref).PK },
      ProjectionExpression: 'PK, SK',
    });
    const others = keys.filter((k) => k.SK !== ticketKey(ticket.ref).SK);
    // The other side of each link between tickets, and the records under the participant's keys.
    const backLinks = others
      .filter((k) => (k.SK as string).startsWith('RELATED#'))
      .map((k) => relatedKey((k.SK as string).slice('RELATED#'.length), ticket.ref));
    const records = participantKeys(ticket.fields).map((k) => participantTicketKey(k, ticket.ref));
    await this.deleteAll([...others, ...backLinks, ...records]);
    // A link still naming it (a release that failed), in whichever category it names it.
    await this.tickets.unlinkEverywhere(participantKeys(ticket.fields), ticket.ref);
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: ticketKey(ticket.ref) }));
  }

  private async deleteAll(keys: Item[]): Promise<void> {
    const requests = keys.map((k) => ({ DeleteRequest: { Key: { PK: k.PK, SK: k.SK } } }));
    const left = await batchWrite(this.db, this.table, requests, MAX_ATTEMPTS);
    if (left.length > 0) throw new Error(`retention: ${left.length} deletes left unprocessed`);
  }
}
