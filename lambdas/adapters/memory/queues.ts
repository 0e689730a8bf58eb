/**
 * SQS standard queues in memory, as the event source mappings see them: a received message is
 * invisible for the visibility timeout and comes back unless deleted; each receive counts, and a
 * message received maxReceiveCount times moves to its dead-letter queue at the next receive (the
 * redrive policy); a message can be sent with a delay. The clock is given, so a simulation can
 * move time. Used by the memory adapters (reply queue, dead letters) and the fault harness.
 */
export interface QueuedMessage {
  id: string;
  body: string;
  attributes: Record<string, string>;
  /** Epoch ms when it was first sent to this queue. */
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
}

export interface Received {
  message: QueuedMessage;
  /** Valid until the message is received again. */
  handle: string;
}

export interface QueueSettings {
  visibilityTimeoutSeconds: number;
  maxReceiveCount?: number;
}

export class MemoryQueue {
  private readonly messages: QueuedMessage[] = [];
  private sequence = 0;

  constructor(
    readonly name: string,
    private readonly clock: () => number,
    private readonly settings: QueueSettings = { visibilityTimeoutSeconds: 30 },
    readonly deadLetters?: MemoryQueue,
  ) {}

  send(body: string, attributes: Record<string, string> = {}, delaySeconds = 0): string {
    const id = `${this.name}-${++this.sequence}`;
    const now = this.clock();
    this.messages.push({
      id,
      body,
      attributes: { ...attributes },
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
    });
    return id;
  }

  receive(max: number, visibilitySeconds = this.settings.visibilityTimeoutSeconds): Received[] {
    const now = this.clock();
    const out: Received[] = [];
    for (const m of [...this.messages]) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      const limit = this.settings.maxReceiveCount;
      if (this.deadLetters && limit !== undefined && m.receiveCount >= limit) {
        this.remove(m.id);
        this.deadLetters.messages.push({ ...m, visibleAt: now, receiveCount: 0 });
        continue;
      }
      m.receiveCount++;
      m.visibleAt = now + visibilitySeconds * 1000;
      out.push({ message: { ...m, attributes: { ...m.attributes } }, handle: `${m.id}#${m.receiveCount}` });
    }
    return out;
  }

  private find(handle: string): QueuedMessage | undefined {
    const [id, count] = handle.split('#');
    return this.messages.find((m) => m.id === id && String(m.receiveCount) === count);
  }

  delete(handle: string): void {
    const m = this.find(handle);
    if (m) this.remove(m.id);
  }

  changeVisibility(handle: string, seconds: number): void {
    const m = this.find(handle);
    if (m) m.visibleAt = this.clock() + seconds * 1000;
  }

  private remove(id: string): void {
    const i = this.messages.findIndex((m) => m.id === id);
    if (i >= 0) this.messages.splice(i, 1);
  }

  /** Messages visible or in flight. */
  get depth(): number {
    return this.messages.length;
  }

  /** When the next message becomes visible (for a simulation's clock), or null when empty. */
  get nextVisibleAt(): number | null {
    return this.messages.reduce<number | null>((t, m) => (t === null || m.visibleAt < t ? m.visibleAt : t), null);
  }

  /** Every message, as stored (for checks and snapshots). */
  peekAll(): QueuedMessage[] {
    return this.messages.map((m) => ({ ...m, attributes: { ...m.attributes } }));
  }

  /** The queue's state, to restore later (a simulation's snapshot). */
  snapshot(): { messages: QueuedMessage[]; sequence: number } {
    return { messages: this.peekAll(), sequence: this.sequence };
  }

  restore(s: { messages: readonly QueuedMessage[]; sequence: number }): void {
    this.messages.splice(
      0,
      this.messages.length,
      ...s.messages.map((m) => ({ ...m, attributes: { ...m.attributes } })),
    );
    this.sequence = s.sequence;
  }
}

/** The work queues and their dead-letter queues, as provisioned (see lib/settings.ts QUEUES). */
export class MemoryQueues {
  readonly inboundDlq: MemoryQueue;
  readonly inbound: MemoryQueue;
  readonly outboundDlq: MemoryQueue;
  readonly outbound: MemoryQueue;
  readonly sendingEventsDlq: MemoryQueue;
  readonly sendingEvents: MemoryQueue;

  constructor(
    clock: () => number,
    settings: Record<'inbound' | 'outbound' | 'sendingEvents', QueueSettings> = {
      inbound: { visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
      outbound: { visibilityTimeoutSeconds: 120, maxReceiveCount: 5 },
      sendingEvents: { visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
    },
  ) {
    const dlq = (name: string) => new MemoryQueue(`${name}-dlq`, clock, { visibilityTimeoutSeconds: 30 });
    this.inboundDlq = dlq('inbound');
    this.inbound = new MemoryQueue('inbound', clock, settings.inbound, this.inboundDlq);
    this.outboundDlq = dlq('outbound');
    this.outbound = new MemoryQueue('outbound', clock, settings.outbound, this.outboundDlq);
    this.sendingEventsDlq = dlq('sending-events');
    this.sendingEvents = new MemoryQueue('sending-events', clock, settings.sendingEvents, this.sendingEventsDlq);
  }

  all(): MemoryQueue[] {
    return [this.inbound, this.inboundDlq, this.outbound, this.outboundDlq, this.sendingEvents, this.sendingEventsDlq];
  }
}
