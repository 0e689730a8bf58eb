/**
 * DeadLetters over SQS. A handler dead-letters a permanent failure by sending it to the DLQ itself,
 * with why and when as message attributes. Listing peeks: messages are received under a short
 * visibility timeout (so one pass sees each once) and made visible again at once; SQS has no other
 * way to read a queue. Redriving receives, sends each chosen message back to its work queue,
 * then deletes it from the DLQ (a crash in between leaves a copy in both: the handlers are
 * idempotent per inbound id and job id, so that is harmless).
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetters, WorkQueue } from '#ports';

export interface QueuePair {
  /** The work queue (redrive target). */
  queue?: string;
  dlq?: string;
}

/** Messages a pass may hold invisible while it reads: long enough for one pass, short if it dies. */
const PEEK_SECONDS = 20;
const MAX_ROUNDS = 50;

export class SqsDeadLetters implements DeadLetters {
  constructor(
    private readonly sqs: SQSClient,
    private readonly urls: Partial<Record<WorkQueue, QueuePair>>,
  ) {}

  private url(queue: WorkQueue, which: keyof QueuePair): string {
    const url = this.urls[queue]?.[which];
    if (!url)
      throw new Error(
        `the ${queue} ${which === 'dlq' ? 'dead-letter queue' : 'queue'} is not configured for this function`,
      );
    return url;
  }

  async put(queue: WorkQueue, body: string, reason: string, at: string): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.url(queue, 'dlq'),
        MessageBody: body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: reason.slice(0, 1000) || 'unknown' },
          failedAt: { DataType: 'String', StringValue: at },
        },
      }),
    );
  }

  private receive(url: string, visibility: number): Promise<Message[]> {
    return this.sqs
      .send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: visibility,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      )
      .then((r) => r.Messages ?? []);
  }

  /** Makes messages visible again at once. */
  private async release(url: string, messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: messages
            .slice(i, i + 10)
            .map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle ?? '', VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  async list(queue: WorkQueue, limit: number): Promise<{ items: DeadLetter[]; total: number }> {
    const url = this.url(queue, 'dlq');
    const a = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const total =
      Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    const seen = new Map<string, Message>();
    const held: Message[] = [];
    try {
      for (let round = 0; round < MAX_ROUNDS && seen.size < limit; round++) {
        const batch = await this.receive(url, PEEK_SECONDS);
        if (batch.length === 0) break;
        held.push(...batch);
        for (const m of batch) if (m.MessageId && !seen.has(m.MessageId)) seen.set(m.MessageId, m);
      }
    } finally {
      await this.release(url, held);
    }
    const items = [...seen.values()].slice(0, limit).map((m) => deadLetter(queue, m));
    return { items, total: Math.max(total, items.length) };
  }

  async redrive(queue: WorkQueue, ids?: readonly string[]): Promise<number> {
    const dlq = this.url(queue, 'dlq');
    const target = this.url(queue, 'queue');
    const wanted = ids ? new Set(ids) : null;
    let moved = 0;
    const passedOver: Message[] = [];
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        if (wanted && wanted.size === 0) break;
        const batch = await this.receive(dlq, PEEK_SECONDS);
        if (batch.length === 0) break;
        for (const m of batch) {
          if (wanted && !wanted.has(m.MessageId ?? '')) {
            passedOver.push(m);
            continue;
          }
          await this.sqs.send(new SendMessageCommand({ QueueUrl: target, MessageBody: m.Body ?? '' }));
          await this.sqs.send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: m.ReceiptHandle ?? '' }));
          wanted?.delete(m.MessageId ?? '');
          moved++;
        }
      }
    } finally {
      await this.release(dlq, passedOver);
    }
    return moved;
  }
}

function deadLetter(queue: WorkQueue, m: Message): DeadLetter {
  const attr = (name: string) => m.MessageAttributes?.[name]?.StringValue ?? null;
  const sent = Number(m.Attributes?.SentTimestamp ?? Number.NaN);
  return {
    id: m.MessageId ?? '',
    queue,
    body: m.Body ?? '',
    deadSince: attr('failedAt') ?? (Number.isFinite(sent) ? new Date(sent).toISOString() : null),
    reason: attr('reason'),
  };
}
