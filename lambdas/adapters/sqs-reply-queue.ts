/** ReplyQueue over SQS: one message per reply job (the mailer deduplicates by job id). */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReplyJob, ReplyQueue } from '#lambdas/ports.ts';
import { sqsJson } from './sqs-json.ts';

export class SqsReplyQueue implements ReplyQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: ReplyJob): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: sqsJson(job),
        MessageAttributes: { jobId: { DataType: 'String', StringValue: job.jobId } },
      }),
    );
  }
}
