/** DeadLetters in memory, over the memory queues (see queues.ts): what SqsDeadLetters does on SQS. */
import type { DeadLetter, DeadLetters, WorkQueue } from '#ports';
import type { MemoryQueue, MemoryQueues, QueuedMessage } from './queues.ts';

export class MemoryDeadLetters implements DeadLetters {
  constructor(private readonly queues: MemoryQueues) {}

  private pair(queue: WorkQueue): [MemoryQueue, MemoryQueue] {
    return queue === 'inbound'
      ? [this.queues.inbound, this.queues.inboundDlq]
      : [this.queues.outbound, this.queues.outboundDlq];
  }

  async put(queue: WorkQueue, body: string, reason: string, at: string): Promise<void> {
    this.pair(queue)[1].send(body, { reason: reason.slice(0, 1000) || 'unknown', failedAt: at });
  }

  async list(queue: WorkQueue, limit: number): Promise<{ items: DeadLetter[]; total: number }> {
    const all = this.pair(queue)[1].peekAll();
    return { items: all.slice(0, limit).map((m) => deadLetter(queue, m)), total: all.length };
  }

  async redrive(queue: WorkQueue, ids?: readonly string[]): Promise<number> {
    const [target, dlq] = this.pair(queue);
    const wanted = ids ? new Set(ids) : null;
    let moved = 0;
    for (const r of dlq.receive(Number.MAX_SAFE_INTEGER, 0)) {
      if (wanted && !wanted.has(r.message.id)) continue;
      target.send(r.message.body);
      dlq.delete(r.handle);
      moved++;
    }
    return moved;
  }
}

function deadLetter(queue: WorkQueue, m: QueuedMessage): DeadLetter {
  return {
    id: m.id,
    queue,
    body: m.body,
    deadSince: m.attributes.failedAt ?? new Date(m.sentAt).toISOString(),
    reason: m.attributes.reason ?? null,
  };
}
