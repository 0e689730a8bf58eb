/** The inbound log (mail set aside), the mailer's reply records and request quotas, in memory (see state.ts). */
import type { SuppressionReason } from '#core/suppression.ts';
import type {
  InboundLog,
  OpsList,
  ReplyJob,
  ReplyLog,
  ReplyRecord,
  RequestQuota,
  SentDetails,
  SetAsideRecord,
  SuppressionList,
} from '#ports';
import type { MemoryState } from './state.ts';

export class MemoryInboundLog implements InboundLog {
  constructor(private readonly db: MemoryState) {}

  async record(entry: SetAsideRecord): Promise<void> {
    this.db.setAside.set(entry.inboundId, { ...entry });
  }

  async list(outcome: OpsList, limit: number): Promise<SetAsideRecord[]> {
    const key = (r: SetAsideRecord) => `${r.receivedAt}#${r.inboundId}`;
    return [...this.db.setAside.values()]
      .filter((r) => r.outcome === outcome)
      .sort((a, b) => (key(a) < key(b) ? 1 : -1))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }
}

const recordId = (job: Pick<ReplyJob, 'ticketRef' | 'jobId'>) => `${job.ticketRef}#${job.jobId}`;

export class MemoryReplyLog implements ReplyLog {
  constructor(private readonly db: MemoryState) {}

  private put(job: ReplyJob, over: Partial<ReplyRecord> & Pick<ReplyRecord, 'status' | 'at'>): void {
    this.db.replies.set(recordId(job), {
      jobId: job.jobId,
      ticketRef: job.ticketRef,
      kind: job.kind,
      to: job.to,
      subject: null,
      messageId: null,
      providerId: null,
      sentAt: null,
      reason: null,
      ...over,
    });
  }

  async begin(job: ReplyJob, at: string): Promise<boolean> {
    const taken = this.db.replies.get(recordId(job));
    if (taken && taken.status !== 'failed') return false;
    this.put(job, { status: 'sending', at });
    return true;
  }

  async sent(job: ReplyJob, d: SentDetails): Promise<void> {
    const r = this.db.replies.get(recordId(job));
    this.put(job, { ...r, status: 'sent', at: r?.at ?? d.sentAt, ...d });
  }

  async failed(job: ReplyJob, reason: string, at: string): Promise<void> {
    const r = this.db.replies.get(recordId(job));
    this.put(job, { ...r, status: 'failed', at: r?.at ?? at, reason });
  }

  async skipped(job: ReplyJob, reason: string, at: string): Promise<void> {
    this.put(job, { status: 'skipped', at, reason });
  }

  async tryConsume(address: string, day: string, limit: number): Promise<boolean> {
    const key = `${address.toLowerCase()}#${day}`;
    const count = this.db.allowance.get(key) ?? 0;
    if (count >= limit) return false;
    this.db.allowance.set(key, count + 1);
    return true;
  }

  async refund(address: string, day: string): Promise<void> {
    const key = `${address.toLowerCase()}#${day}`;
    const count = this.db.allowance.get(key) ?? 0;
    if (count > 0) this.db.allowance.set(key, count - 1);
  }
}

export class MemoryRequestQuota implements RequestQuota {
  constructor(private readonly db: MemoryState) {}

  async tryConsume(client: string, window: string, limit: number): Promise<boolean> {
    const key = `client#${client}#${window}`;
    const count = this.db.allowance.get(key) ?? 0;
    if (count >= limit) return false;
    this.db.allowance.set(key, count + 1);
    return true;
  }
}

export class MemorySuppressionList implements SuppressionList {
  constructor(private readonly db: MemoryState) {}

  async suppress(address: string, reason: SuppressionReason): Promise<void> {
    const key = address.toLowerCase();
    if (!this.db.suppressed.has(key)) this.db.suppressed.set(key, reason);
  }

  async reasonFor(address: string): Promise<SuppressionReason | null> {
    return this.db.suppressed.get(address.toLowerCase()) ?? null;
  }
}
