/**
 * ReplyLog on DynamoDB: one record per reply job on its ticket (`REPLY#<jobId>`), taken with a
 * conditional put, and per-sender daily counters that DynamoDB's TTL removes.
 */
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReplyJob, ReplyLog, ReplyRecord, ReplyStatus, SentDetails } from '#ports';
import { assignments, written } from './items.ts';
import { replyKey, senderDayKey } from './keys.ts';

export class DynamoReplyLog implements ReplyLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private record(job: ReplyJob, status: ReplyStatus, at: string, reason: string | null = null) {
    const record: ReplyRecord = {
      jobId: job.jobId,
      ticketRef: job.ticketRef,
      kind: job.kind,
      to: job.to,
      status,
      at,
      subject: null,
      messageId: null,
      providerId: null,
      sentAt: null,
      reason,
    };
    return { ...replyKey(job.ticketRef, job.jobId), type: 'reply', ...record };
  }

  begin(job: ReplyJob, at: string): Promise<boolean> {
    return written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.record(job, 'sending', at),
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed' },
        }),
      ),
    );
  }

  private async set(job: ReplyJob, values: Record<string, unknown>): Promise<void> {
    const a = assignments(values);
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: replyKey(job.ticketRef, job.jobId),
        UpdateExpression: `SET ${a.set.join(', ')}`,
        ExpressionAttributeNames: a.names,
        ExpressionAttributeValues: a.values,
      }),
    );
  }

  sent(job: ReplyJob, d: SentDetails): Promise<void> {
    return this.set(job, { status: 'sent', ...d });
  }

  failed(job: ReplyJob, reason: string): Promise<void> {
    return this.set(job, { status: 'failed', reason });
  }

  async skipped(job: ReplyJob, reason: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.record(job, 'skipped', at, reason) }));
  }

  tryConsume(address: string, day: string, limit: number, expiresAt: number): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: senderDayKey(address, day),
          UpdateExpression: 'ADD #count :one SET expiresAt = :exp, #type = :type',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': expiresAt, ':type': 'sender-day' },
        }),
      ),
    );
  }

  async refund(address: string, day: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: senderDayKey(address, day),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      ),
    );
  }
}
