/**
 * The suppression list in the table: on the address's recipient item (keyed by its hash, the
 * address itself masked), which also holds its daily auto-reply counts, so the mailer's count
 * refuses a suppressed address in the same write (reply-log.ts).
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mask } from '#core/mask.ts';
import type { SuppressionReason } from '#core/suppression.ts';
import type { SuppressionList } from '#ports';
import { recipientKey } from './keys.ts';

export class DynamoSuppressionList implements SuppressionList {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async suppress(address: string, reason: SuppressionReason, at: string): Promise<void> {
    // The first reason and time stay; a suppressed address is kept for good (no expiry).
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: recipientKey(address),
        UpdateExpression:
          'SET #type = :type, suppressed = if_not_exists(suppressed, :reason), suppressedAt = if_not_exists(suppressedAt, :at), #address = :address REMOVE expiresAt',
        ExpressionAttributeNames: { '#type': 'type', '#address': 'address' },
        ExpressionAttributeValues: {
          ':type': 'recipient',
          ':reason': reason,
          ':at': at,
          ':address': mask.email(address),
        },
      }),
    );
  }

  async reasonFor(address: string): Promise<SuppressionReason | null> {
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: recipientKey(address), ProjectionExpression: 'suppressed' }),
    );
    return (r.Item?.suppressed as SuppressionReason | undefined) ?? null;
  }
}
