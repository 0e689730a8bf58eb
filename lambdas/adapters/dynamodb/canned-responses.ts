/**
 * Canned responses on DynamoDB: one item each under one partition (`CANNED` / `CANNED#<id>`),
 * read with one Query. A centre keeps tens of them, far below what one partition serves.
 * Conditional writes tell a new id from an existing one.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CannedResponse, CannedResponses } from '#ports';
import { cannedFromItem, type Item, written } from './items.ts';
import { CANNED_PK, cannedKey } from './keys.ts';
import { queryAll } from './query.ts';

export class DynamoCannedResponses implements CannedResponses {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async list(): Promise<CannedResponse[]> {
    const items = await queryAll(this.db, this.table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': CANNED_PK },
      ConsistentRead: true,
    });
    return items.map((i) => cannedFromItem(i as Item));
  }

  private put(c: CannedResponse, condition: string): Promise<boolean> {
    return written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...cannedKey(c.id), type: 'canned', ...c },
          ConditionExpression: condition,
        }),
      ),
    );
  }

  create(c: CannedResponse): Promise<boolean> {
    return this.put(c, 'attribute_not_exists(PK)');
  }

  update(c: CannedResponse): Promise<boolean> {
    return this.put(c, 'attribute_exists(PK)');
  }

  remove(id: string): Promise<boolean> {
    return written(
      this.db.send(
        new DeleteCommand({ TableName: this.table, Key: cannedKey(id), ConditionExpression: 'attribute_exists(PK)' }),
      ),
    );
  }
}
