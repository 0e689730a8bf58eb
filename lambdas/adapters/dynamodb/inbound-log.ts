/** InboundLog on DynamoDB: one item per mail set aside, listed per outcome on the lists index (newest first). */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InboundLog, OpsList, SetAsideRecord } from '#ports';
import { setAsideFromItem } from './items.ts';
import { inboundKey, LIST_INDEX, opsPk } from './keys.ts';

export class DynamoInboundLog implements InboundLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(entry: SetAsideRecord): Promise<void> {
    // Idempotent by key: a redelivery rewrites the same record.
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...inboundKey(entry.inboundId),
          type: 'inbound',
          ...entry,
          gsi2pk: opsPk(entry.outcome),
          gsi2sk: `${entry.receivedAt}#${entry.inboundId}`,
        },
      }),
    );
  }

  async list(outcome: OpsList, limit: number): Promise<SetAsideRecord[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: LIST_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': opsPk(outcome) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map(setAsideFromItem);
  }
}
