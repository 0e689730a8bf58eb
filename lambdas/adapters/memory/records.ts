/** The inbound log (mail set aside), the mailer's reply records, request quotas and the suppression list, in memory (see state.ts). */
import type { SuppressionReason } from '#core/suppression.ts';
import type {
  Allowance,
  InboundLog,
  LoggedOutcome,
  Page,
  ReplyJob,
  ReplyLog,
  ReplyRecord,
  RequestQuota,
  SentDetails,
  SetAsideRecord,
  SuppressionList,
  Take,
} from '#ports';
import type { MemoryState } from './state.ts';

export class MemoryInboundLog implements InboundLog {
  constructor(private readonly db: MemoryState) {}

  async record(entry: SetAsideRecord): Promise<void> {
    this.db.setAside.set(entry.inboundId, { ...entry, flags: [...entry.flags] });
    this.db.unlisted.delete(entry.inboundId);
  }

  async recordFailure(entry: Omit<SetAsideRecord, 'outcome' | 'failures' | 'ticketRef'>): Promise<void> {
    const had = this.db.setAside.get(entry.inboundId);
    if (had && had.outcome !== 'failed') return;
    this.db.setAside.set(entry.inboundId, {
      ...entry,
      flags: [...entry.flags],
      outcome: 'failed',
      failures: (had?.failures ?? 0) + 1,
      ticketRef: null,
    });
  }

  async clearFailure(inboundId: string): Promise<void> {
    if (this.db.setAside.get(inboundId)?.outcome === 'failed') this.db.setAside.delete(inboundId);
  }

  async get(inboundId: string): Promise<SetAsideRecord | null> {
    const r = this.db.setAside.get(inboundId);
    return r ? { ...r, flags: [...r.flags] } : null;
  }

  async list(outcome: LoggedOutcome, limit: number, cursor?: string | null): Promise<Page<SetAsideRecord>> {
    const key = (r: SetAsideRecord) => `${r.receivedAt}#${r.inboundId}`;
    const after = cursor ? Buffer.from(cursor, 'base64url').toString() : null;
    const listed = [...this.db.setAside.values()]
      .filter((r) => r.outcome === outcome && !this.db.unlisted.has(r.inboundId))
      .filter((r) => after === null || key(r) < after)
      .sort((a, b) => (key(a) < key(b) ? 1 : -1));
    const items = listed.slice(0, limit).map((r) => ({ ...r, flags: [...r.flags] }));
    const last = items.at(-1);
    return { items, cursor: listed.length > limit && last ? Buffer.from(key(last)).toString('base64url') : null };
  }

  async filed(inboundId: string, ticketRef: string): Promise<void> {
    const r = this.db.setAside.get(inboundId);
    if (!r) throw new Error(`no inbound record ${inboundId}`);
    this.db.setAside.set(inboundId, { ...r, ticketRef });
    this.db.unlisted.add(inboundId);
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

  async take(job: ReplyJob, at: string, abandonedBefore: string): Promise<Take> {
    const r = this.db.replies.get(recordId(job));
    const accepted = this.db.acceptedReplies.has(recordId(job));
    if (!r || (r.status === 'failed' && !accepted)) {
      this.put(job, { status: 'sending', at });
      return { kind: 'taken' };
    }
    if (r.status !== 'sending' || accepted) return { kind: 'done', status: accepted ? 'sent' : r.status };
    if (r.at >= abandonedBefore) return { kind: 'in-flight' };
    this.db.replies.set(recordId(job), { ...r, at });
    return { kind: 'taken' };
  }

  async sent(job: ReplyJob, d: SentDetails): Promise<void> {
    const r = this.db.replies.get(recordId(job));
    this.put(job, { ...r, status: 'sent', at: r?.at ?? d.sentAt, ...d });
  }

  async failed(job: ReplyJob, reason: string, at: string): Promise<void> {
    if (this.db.acceptedReplies.has(recordId(job))) return; // never over SES's word
    const r = this.db.replies.get(recordId(job));
    this.put(job, { ...r, status: 'failed', at: r?.at ?? at, reason });
  }

  async skipped(job: ReplyJob, reason: string, at: string): Promise<void> {
    this.put(job, { status: 'skipped', at, reason });
  }

  async accepted(ticketRef: string, jobId: string, providerId: string, at: string): Promise<boolean> {
    const id = recordId({ ticketRef, jobId });
    const r = this.db.replies.get(id);
    if (!r) return false;
    this.db.acceptedReplies.add(id);
    this.db.replies.set(id, { ...r, status: 'sent', providerId: r.providerId ?? providerId, sentAt: r.sentAt ?? at });
    return true;
  }

  async tryConsume(address: string, day: string, jobId: string, limit: number): Promise<Allowance> {
    const suppressed = this.db.suppressed.get(address.toLowerCase());
    if (suppressed) return { suppressed };
    const key = `${address.toLowerCase()}#${day}`;
    const jobs = this.db.allowance.get(key) ?? new Set<string>();
    if (jobs.has(jobId)) return 'counted';
    if (jobs.size >= limit) return 'limited';
    this.db.allowance.set(key, new Set([...jobs, jobId]));
    return 'counted';
  }

  async refund(address: string, day: string, jobId: string): Promise<void> {
    const key = `${address.toLowerCase()}#${day}`;
    const jobs = new Set(this.db.allowance.get(key));
    jobs.delete(jobId);
    this.db.allowance.set(key, jobs);
  }
}

export class MemoryRequestQuota implements RequestQuota {
  constructor(private readonly db: MemoryState) {}

  async tryConsume(client: string, window: string, limit: number): Promise<boolean> {
    const key = `client#${client}#${window}`;
    const count = this.db.requests.get(key) ?? 0;
    if (count >= limit) return false;
    this.db.requests.set(key, count + 1);
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
