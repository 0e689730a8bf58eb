/** The raw mail store, the reply queue and the mailer, in memory: what S3, SQS and SES do for us. */

import { sqsJson } from '#adapters/sqs-json.ts';
import type { OutgoingMail } from '#core/reply-message.ts';
import {
  type Mailer,
  MailMissing,
  type MailStore,
  type RawMail,
  type ReplyJob,
  type ReplyQueue,
  type SendTags,
} from '#ports';
import type { MemoryQueue } from './queues.ts';

export class MemoryMailStore implements MailStore {
  private readonly objects = new Map<string, Uint8Array>();

  put(bucket: string, key: string, raw: Uint8Array): void {
    this.objects.set(`${bucket}/${key}`, new Uint8Array(raw));
  }

  async getRaw(bucket: string, key: string, maxBytes?: number): Promise<RawMail> {
    const raw = this.objects.get(`${bucket}/${key}`);
    if (!raw) throw new MailMissing(`s3://${bucket}/${key} does not exist`);
    return { bytes: raw.slice(0, maxBytes ?? raw.length), size: raw.length };
  }
}

/** The reply queue: jobs onto the outbound queue (as SQS bodies), and every job queued, in order, for checks. */
export class MemoryReplyQueue implements ReplyQueue {
  readonly jobs: ReplyJob[] = [];

  constructor(private readonly queue?: MemoryQueue) {}

  async enqueue(jobs: readonly ReplyJob[], delaySeconds = 0): Promise<string[]> {
    this.jobs.push(...structuredClone(jobs));
    for (const job of jobs) this.queue?.send(sqsJson(job), { jobId: job.jobId }, delaySeconds);
    return [];
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingMail & { providerId: string; tags: SendTags })[] = [];

  async send(mail: OutgoingMail, tags: SendTags): Promise<string> {
    const providerId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...structuredClone(mail), providerId, tags: { ...tags } });
    return providerId;
  }
}
