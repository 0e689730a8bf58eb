/**
 * ReplyLog on DynamoDB: one record per reply job on its ticket (`REPLY#<jobId>`), taken with a
 * conditional put (or, when its sender died, a conditional update), marked sent by the mailer
 * or by SES's Send event, whichever comes first; and, on each address's recipient item (shared
 * with the suppression list), daily counts that remember which jobs they counted (so a job is
 * counted once), refused for a suppressed address, and removed by DynamoDB's TTL when unused.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SuppressionReason } from '#core/suppression.ts';
import type { Allowance, ReplyJob, ReplyLog, ReplyRecord, ReplyStatus, SentDetails, Take } from '#ports';
import { assignments, written } from './items.ts';
import { recipientKey, replyKey } from './keys.ts';

const MAX_ATTEMPTS = 4;

/** One day's auto-replies to an address, as attributes of its recipient item: the count and the jobs counted. */
const dayAttributes = (day: string) => ({ count: `replies_${day}`, jobs: `jobs_${day}` });
/**
 * The days before whose counts each count removes, so an address written to every day keeps a
 * small item. Yesterday's stays: a refund or a late count near midnight may still need it. An item
 * left unwritten for two days expires (TTL), so older counts stay only on an item written every
 * few days.
 */
const EARLIER_DAYS_DROPPED = [2, 3, 4, 5, 6, 7, 8];
const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

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

  async tryConsume(address: string, day: string, jobId: string, limit: number, expiresAt: number): Promise<Allowance> {
    const { count, jobs } = dayAttributes(day);
    // Earlier days' counts are dropped as the item is written: they count nothing any more.
    const earlier = EARLIER_DAYS_DROPPED.flatMap((n) => Object.values(dayAttributes(daysBefore(day, n))));
    const counted = await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: recipientKey(address),
          UpdateExpression: `ADD #count :one, #jobs :job SET expiresAt = :exp, #type = :type REMOVE ${earlier.map((_, i) => `#e${i}`).join(', ')}`,
          ConditionExpression:
            'attribute_not_exists(suppressed) AND (attribute_not_exists(#count) OR #count < :limit) AND NOT contains(#jobs, :jobId)',
          ExpressionAttributeNames: {
            '#count': count,
            '#type': 'type',
            '#jobs': jobs,
            ...Object.fromEntries(earlier.map((name, i) => [`#e${i}`, name])),
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':job': new Set([jobId]),
            ':jobId': jobId,
            ':limit': limit,
            ':exp': expiresAt,
            ':type': 'recipient',
          },
        }),
      ),
    );
    if (counted) return 'counted';
    // Refused: the item says why (suppressed, counted before, or the day's limit reached).
    const r = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: recipientKey(address),
        ProjectionExpression: 'suppressed, #jobs',
        ExpressionAttributeNames: { '#jobs': jobs },
        ConsistentRead: true,
      }),
    );
    const suppressed = r.Item?.suppressed as SuppressionReason | undefined;
    if (suppressed) return { suppressed };
    return (r.Item?.[jobs] as Set<string> | undefined)?.has(jobId) ? 'counted' : 'limited';
  }

  async refund(address: string, day: string, jobId: string): Promise<void> {
    const { count, jobs } = dayAttributes(day);
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: recipientKey(address),
          UpdateExpression: 'ADD #count :minus DELETE #jobs :job',
          ConditionExpression: 'contains(#jobs, :jobId)',
          ExpressionAttributeNames: { '#count': count, '#jobs': jobs },
          ExpressionAttributeValues: { ':minus': -1, ':job': new Set([jobId]), ':jobId': jobId },
        }),
      ),
    );
  }
}
