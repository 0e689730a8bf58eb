/**
 * ReplyLog on DynamoDB: one record per reply job on its ticket (`REPLY#<jobId>`), taken with a
 * conditional put (or, when its sender died, a conditional update), marked sent by the mailer
 * or by SES's Send event, whichever comes first; and per-sender daily counters that remember
 * which jobs they counted (so a job is counted once) and that DynamoDB's TTL removes.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReplyJob, ReplyLog, ReplyRecord, ReplyStatus, SentDetails, Take } from '#ports';
import { assignments, written } from './items.ts';
import { replyKey, senderDayKey } from './keys.ts';

const MAX_ATTEMPTS = 4;

export class DynamoReplyLog implements ReplyLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** A new record; what it does not know yet is left out (not null), so a later `if_not_exists` fills it. */
  private record(job: ReplyJob, status: ReplyStatus, at: string, reason: string | null = null) {
    const record: Partial<ReplyRecord> = {
      jobId: job.jobId,
      ticketRef: job.ticketRef,
      kind: job.kind,
      to: job.to,
      status,
      at,
      reason,
    };
    return { ...replyKey(job.ticketRef, job.jobId), type: 'reply', ...record };
  }

  async take(job: ReplyJob, at: string, abandonedBefore: string): Promise<Take> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const fresh = await written(
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: this.record(job, 'sending', at),
            ConditionExpression: 'attribute_not_exists(PK) OR (#status = :failed AND attribute_not_exists(acceptedAt))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':failed': 'failed' },
          }),
        ),
      );
      if (fresh) return { kind: 'taken' };
      const r = await this.db.send(
        new GetCommand({ TableName: this.table, Key: replyKey(job.ticketRef, job.jobId), ConsistentRead: true }),
      );
      const item = r.Item;
      if (!item) continue;
      if (item.status !== 'sending' || item.acceptedAt)
        return { kind: 'done', status: item.acceptedAt ? 'sent' : item.status };
      if ((item.at as string) >= abandonedBefore) return { kind: 'in-flight' };
      // Abandoned by a sender that died, and SES has not said it accepted the mail: take it over.
      const retaken = await written(
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: replyKey(job.ticketRef, job.jobId),
            UpdateExpression: 'SET #at = :at',
            ConditionExpression: '#status = :sending AND #at = :seen AND attribute_not_exists(acceptedAt)',
            ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
            ExpressionAttributeValues: { ':at': at, ':sending': 'sending', ':seen': item.at },
          }),
        ),
      );
      if (retaken) return { kind: 'taken' };
    }
    return { kind: 'in-flight' };
  }

  private async set(job: ReplyJob, values: Record<string, unknown>, condition?: string): Promise<void> {
    const a = assignments(values);
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: replyKey(job.ticketRef, job.jobId),
        UpdateExpression: `SET ${a.set.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: a.names,
        ExpressionAttributeValues: a.values,
      }),
    );
  }

  sent(job: ReplyJob, d: SentDetails): Promise<void> {
    return this.set(job, { status: 'sent', ...d });
  }

  async failed(job: ReplyJob, reason: string): Promise<void> {
    // Never over SES's word that it accepted the mail.
    await written(this.set(job, { status: 'failed', reason }, 'attribute_not_exists(acceptedAt)'));
  }

  async skipped(job: ReplyJob, reason: string, at: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.record(job, 'skipped', at, reason) }));
  }

  accepted(ticketRef: string, jobId: string, providerId: string, at: string): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: replyKey(ticketRef, jobId),
          UpdateExpression:
            'SET #status = :sent, acceptedAt = :at, providerId = if_not_exists(providerId, :pid), sentAt = if_not_exists(sentAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': at, ':pid': providerId },
        }),
      ),
    );
  }

  async tryConsume(address: string, day: string, jobId: string, limit: number, expiresAt: number): Promise<boolean> {
    const counted = await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: senderDayKey(address, day),
          UpdateExpression: 'ADD #count :one, #jobs :job SET expiresAt = :exp, #type = :type',
          ConditionExpression: '(attribute_not_exists(#count) OR #count < :limit) AND NOT contains(#jobs, :jobId)',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type', '#jobs': 'jobs' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':job': new Set([jobId]),
            ':jobId': jobId,
            ':limit': limit,
            ':exp': expiresAt,
            ':type': 'sender-day',
          },
        }),
      ),
    );
    if (counted) return true;
    const r = await this.db.send(
      new GetCommand({ TableName: this.table, Key: senderDayKey(address, day), ConsistentRead: true }),
    );
    return (r.Item?.jobs as Set<string> | undefined)?.has(jobId) ?? false; // counted before: still allowed
  }

  async refund(address: string, day: string, jobId: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: senderDayKey(address, day),
          UpdateExpression: 'ADD #count :minus DELETE #jobs :job',
          ConditionExpression: 'contains(#jobs, :jobId)',
          ExpressionAttributeNames: { '#count': 'count', '#jobs': 'jobs' },
          ExpressionAttributeValues: { ':minus': -1, ':job': new Set([jobId]), ':jobId': jobId },
        }),
      ),
    );
  }
}
