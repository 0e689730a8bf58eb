/** The suppression list in the table: one item per address, keyed by its hash, the address itself masked. */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mask } from '#core/mask.ts';
import type { SuppressionReason } from '#core/suppression.ts';
import type { SuppressionList } from '#ports';
import { written } from './items.ts';
import { suppressedKey } from './keys.ts';

export class DynamoSuppressionList implements SuppressionList {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async suppress(address: string, reason: SuppressionReason, at: string): Promise<void> {
    await written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...suppressedKey(address), type: 'suppressed', reason, at, address: mask.email(address) },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  async reasonFor(address: string): Promise<SuppressionReason | null> {
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: suppressedKey(address), ProjectionExpression: 'reason' }),
    );
    return (r.Item?.reason as SuppressionReason | undefined) ?? null;
  }
}
