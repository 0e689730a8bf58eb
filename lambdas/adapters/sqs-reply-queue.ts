/** ReplyQueue over SQS: up to ten jobs a request (SendMessageBatch); the mailer deduplicates by job id. */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReplyJob, ReplyQueue } from '#ports';
import { sqsJson } from './sqs-json.ts';

/** SQS takes at most ten messages per batch request. */
const BATCH = 10;

export class SqsReplyQueue implements ReplyQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobs: readonly ReplyJob[], delaySeconds?: number): Promise<string[]> {
    const failed: string[] = [];
    for (let i = 0; i < jobs.length; i += BATCH) {
      const chunk = jobs.slice(i, i + BATCH);
      try {
        const r = await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((job, n) => ({
              Id: String(n),
              MessageBody: sqsJson(job),
              DelaySeconds: delaySeconds,
              MessageAttributes: { jobId: { DataType: 'String', StringValue: job.jobId } },
            })),
          }),
        );
        for (const f of r.Failed ?? []) failed.push(chunk[Number(f.Id)]?.jobId ?? '');
      } catch {
        failed.push(...chunk.map((job) => job.jobId)); // the request itself failed: none of them is queued
      }
    }
    return failed;
  }
}
