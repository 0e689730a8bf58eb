/**
 * The outbox on DynamoDB: pending replies live in their ticket's item (`outbox`, a list written by
 * the same conditional update that changed the ticket), and the ticket is on the sparse, keys-only
 * `outbox` index while it holds any. Confirming removes the reply, and the index entry with the
 * last one.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Outbox, PendingReply } from '#ports';
import { type Item, written } from './items.ts';
import { OUTBOX_INDEX, OUTBOX_PK, ticketKey } from './keys.ts';

const MAX_ATTEMPTS = 5;

export class DynamoOutbox implements Outbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async pending(before: string, limit: number): Promise<PendingReply[]> {
    const keys = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: OUTBOX_INDEX,
        KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
        ExpressionAttributeValues: { ':pk': OUTBOX_PK, ':before': before },
        Limit: limit,
      }),
    );
    const out: PendingReply[] = [];
    for (const key of keys.Items ?? []) {
      const replies = ((await this.item(key.PK as string))?.outbox as PendingReply[] | undefined) ?? [];
      out.push(...replies.filter((p) => p.at < before));
    }
    return out.slice(0, limit);
  }

  private async item(pk: string): Promise<Item | undefined> {
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { PK: pk, SK: 'META' }, ConsistentRead: true }),
    );
    return r.Item;
  }

  async confirm(ref: string, jobId: string): Promise<void> {
    const update = (expression: string, condition: string, values: Record<string, unknown>) =>
      written(
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: ticketKey(ref),
            UpdateExpression: expression,
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#outbox': 'outbox' },
            ExpressionAttributeValues: values,
          }),
        ),
      );
    // Usually the only pending reply: one write removes it and the index entry.
    const only = await update('REMOVE #outbox, gsi3pk, gsi3sk', 'size(#outbox) = :one AND #outbox[0].job.jobId = :id', {
      ':one': 1,
      ':id': jobId,
    });
    for (let attempt = 0; !only && attempt < MAX_ATTEMPTS; attempt++) {
      const replies = ((await this.item(ticketKey(ref).PK))?.outbox as PendingReply[] | undefined) ?? [];
      const i = replies.findIndex((p) => p.job.jobId === jobId);
      if (i < 0) return; // confirmed before
      if (await update(`REMOVE #outbox[${i}]`, `#outbox[${i}].job.jobId = :id`, { ':id': jobId })) return;
    }
  }
}
