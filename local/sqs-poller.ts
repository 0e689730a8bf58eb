/**
 * Plays a Lambda SQS event source mapping: long-polls a queue, hands batches to the handler as an
 * SQSEvent, deletes what succeeded and leaves batchItemFailures to come back (and to reach the
 * DLQ after maxReceiveCount, which the queue's redrive policy enforces).
 *
 * One deliberate difference: a failed record becomes visible again after `retryDelaySeconds`
 * (default 1 s) instead of the full visibility timeout, so local retries take seconds, not minutes.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-context.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface PollerOptions {
  name: string;
  queueUrl: string;
  queueArn: string;
  region: string;
  batchSize: number;
  /** Parallel pollers (Lambda's concurrency). */
  concurrency?: number;
  retryDelaySeconds?: number;
  waitTimeSeconds?: number;
  onError?: (err: unknown) => void;
  /** After each batch: the records, which ones failed, and when it finished. */
  onBatch?: (event: SQSEvent, failed: ReadonlySet<string>, doneAt: number) => void;
}

function toRecord(m: Message, o: PollerOptions): SQSRecord {
  const attributes = (m.Attributes ?? {}) as Record<string, string>;
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
        k,
        { stringValue: v.StringValue, dataType: v.DataType ?? 'String', stringListValues: [], binaryListValues: [] },
      ]),
    ),
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: o.queueArn,
    awsRegion: o.region,
  };
}

export class SqsPoller {
  private running = false;
  private loops: Promise<void>[] = [];
  private inFlight = 0;
  private batches = 0;

  constructor(
    private readonly sqs: SQSClient,
    private readonly handler: SqsHandler,
    private readonly o: PollerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.o.concurrency ?? 1 }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** True while a batch is being handled. */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Polls once and handles what arrived; returns how many messages it handled. */
  async pollOnce(waitTimeSeconds = this.o.waitTimeSeconds ?? 1): Promise<number> {
    const r = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.o.queueUrl,
        MaxNumberOfMessages: this.o.batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = r.Messages ?? [];
    if (messages.length === 0) return 0;
    this.inFlight++;
    try {
      const event: SQSEvent = { Records: messages.map((m) => toRecord(m, this.o)) };
      let failed: Set<string>;
      try {
        const res = await this.handler(event, lambdaContext(this.o.name, `local-${++this.batches}`));
        failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (err) {
        this.o.onError?.(err);
        failed = new Set(event.Records.map((rec) => rec.messageId)); // the whole batch failed
      }
      this.o.onBatch?.(event, failed, Date.now());
      const done = messages.filter((m) => !failed.has(m.MessageId ?? ''));
      const retry = messages.filter((m) => failed.has(m.MessageId ?? ''));
      if (done.length) {
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.o.queueUrl,
            Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
          }),
        );
      }
      if (retry.length) {
        await this.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.o.queueUrl,
            Entries: retry.map((m, i) => ({
              Id: String(i),
              ReceiptHandle: m.ReceiptHandle ?? '',
              VisibilityTimeout: this.o.retryDelaySeconds ?? 1,
            })),
          }),
        );
      }
      return messages.length;
    } finally {
      this.inFlight--;
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce();
      } catch (err) {
        this.o.onError?.(err);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}

/** Messages in a queue, visible or in flight: 0 means everything sent has been handled. */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const a = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
