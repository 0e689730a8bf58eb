/** InboundLog on DynamoDB: one item per SES message id; set-aside mail also sits on the ops index. */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type InboundLog, type InboundOutcome, type InboundRecord, OPS_OUTCOMES } from '#lambdas/ports.ts';
import { inboundKey, LIST_INDEX, opsPk } from './keys.ts';

export class DynamoInboundLog implements InboundLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(entry: InboundRecord): Promise<void> {
    const ops = OPS_OUTCOMES.includes(entry.outcome)
      ? { gsi2pk: opsPk(entry.outcome), gsi2sk: `${entry.receivedAt}#${entry.inboundId}` }
      : {};
    // Idempotent by key: a redelivery rewrites the same record.
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...inboundKey(entry.inboundId), type: 'inbound', ...entry, ...ops },
      }),
    );
  }

  async list(outcome: InboundOutcome, limit: number): Promise<InboundRecord[]> {
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
    return (r.Items ?? []).map(({ PK, SK, type, gsi2pk, gsi2sk, ...rest }) => rest as InboundRecord);
  }
}
