/** ReplyLedger on DynamoDB: per-sender daily counters (TTL-expired) and reply history on the ticket. */
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReplyLedger, SentReply } from '#lambdas/ports.ts';
import { replySk, senderDayKey, ticketKey } from './keys.ts';
import { isConditionFailure } from './ticket-store.ts';

export class DynamoReplyLedger implements ReplyLedger {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async tryConsume(address: string, day: string, limit: number, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: senderDayKey(address, day),
          UpdateExpression: 'ADD #count :one SET expiresAt = :exp, #type = :type',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': expiresAt, ':type': 'sender-day' },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async refund(address: string, day: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: senderDayKey(address, day),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      )
      .catch((err) => {
        if (!isConditionFailure(err)) throw err;
      });
  }

  async recordSent(ticketRef: string, reply: SentReply): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { PK: ticketKey(ticketRef).PK, SK: replySk(reply.sentAt, reply.jobId), type: 'reply', ...reply },
      }),
    );
  }

  async recordSkipped(ticketRef: string, jobId: string, reason: string, at: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          PK: ticketKey(ticketRef).PK,
          SK: replySk(at, jobId),
          type: 'reply',
          jobId,
          skipped: reason,
          sentAt: at,
        },
      }),
    );
  }
}
