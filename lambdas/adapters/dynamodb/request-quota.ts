/** Per-client request counts in the table: one item per client and window, expiring with TTL. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RequestQuota } from '#ports';
import { written } from './items.ts';
import { clientWindowKey } from './keys.ts';

export class DynamoRequestQuota implements RequestQuota {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  tryConsume(client: string, window: string, limit: number, expiresAt: number): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: clientWindowKey(client, window),
          UpdateExpression: 'ADD #count :one SET expiresAt = :exp, #type = :type',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': expiresAt, ':type': 'client-window' },
        }),
      ),
    );
  }
}
