/** The raw mail store, the reply queue and the mailer, in memory: what S3, SQS and SES do for us. */
import type { OutgoingMail } from '#core/reply-message.ts';
import type { Mailer, MailStore, ReplyJob, ReplyQueue } from '#ports';

export class MemoryMailStore implements MailStore {
  private readonly objects = new Map<string, Uint8Array>();

  put(bucket: string, key: string, raw: Uint8Array): void {
    this.objects.set(`${bucket}/${key}`, new Uint8Array(raw));
  }

  async getRaw(bucket: string, key: string): Promise<Uint8Array> {
    const raw = this.objects.get(`${bucket}/${key}`);
    if (!raw) throw new Error(`s3://${bucket}/${key} does not exist`);
    return new Uint8Array(raw);
  }
}

export class MemoryReplyQueue implements ReplyQueue {
  readonly jobs: ReplyJob[] = [];

  async enqueue(jobs: readonly ReplyJob[]): Promise<string[]> {
    this.jobs.push(...structuredClone(jobs));
    return [];
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: (OutgoingMail & { providerId: string })[] = [];

  async send(mail: OutgoingMail): Promise<string> {
    const providerId = `memory-${this.sent.length + 1}`;
    this.sent.push({ ...structuredClone(mail), providerId });
    return providerId;
  }
}
