/**
 * The agent API: what agents (and participants checking their status) can do, with the
 * authorization rules: an agent works the queues their token names, a supervisor works all; only
 * the lease holder (or a supervisor) acts on a claimed ticket. Returns domain values; throws
 * AppError (the handler maps its kind to an HTTP status).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Ticket } from '#core/ticket.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import {
  type InboundLog,
  LeaseConflict,
  OPS_LISTS,
  type OpsList,
  type QueueStats,
  type ReplyJob,
  type ReplyQueue,
  type SetAsideRecord,
  type StoredTicket,
  type TicketDetail,
  type WorkList,
} from '#ports';
import { AppError } from './errors.ts';

export interface Agent {
  id: string;
  queues: Category[];
  supervisor: boolean;
}

export interface AgentApiDeps {
  work: WorkList;
  /** What triage set aside (automated, quarantined, unparseable): supervisors review it. */
  setAside: InboundLog;
  replies: ReplyQueue;
  leaseSeconds: number;
  now: () => Date;
}

export interface QueueView extends QueueStats {
  oldestReadyAgeSeconds: number | null;
}

export interface PublicStatus {
  ref: string;
  status: Ticket['status'];
  category: Category;
  updatedAt: string;
}

export class AgentApi {
  constructor(private readonly d: AgentApiDeps) {}

  private nowIso(): string {
    return this.d.now().toISOString();
  }

  private leaseUntil(): string {
    return new Date(this.d.now().getTime() + this.d.leaseSeconds * 1000).toISOString();
  }

  private mayWork(agent: Agent, category: Category): void {
    if (!agent.supervisor && !agent.queues.includes(category))
      throw new AppError('Forbidden', `not allowed to work the ${category} queue`);
  }

  private async load(agent: Agent, ref: string): Promise<StoredTicket> {
    const t = await this.d.work.get(ref);
    if (!t) throw new AppError('NotFound', `no ticket ${ref}`);
    this.mayWork(agent, t.category);
    return t;
  }

  /** The lease must be the caller's (a supervisor may act on anyone's). */
  private async held(agent: Agent, ref: string): Promise<StoredTicket> {
    const t = await this.load(agent, ref);
    if (t.status !== 'claimed') throw new AppError('Conflict', `ticket ${ref} is ${t.status}, not claimed`);
    if (t.claimedBy !== agent.id && !agent.supervisor)
      throw new AppError('Conflict', `ticket ${ref} is claimed by another agent`);
    return t;
  }

  private async change<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof LeaseConflict) throw new AppError('Conflict', err.message);
      throw err;
    }
  }

  async queues(agent: Agent): Promise<QueueView[]> {
    const now = this.d.now();
    const visible = agent.supervisor ? [...CATEGORIES] : CATEGORIES.filter((c) => agent.queues.includes(c));
    return Promise.all(
      visible.map(async (c) => {
        const s = await this.d.work.stats(c);
        const age = s.oldestReadyAt ? Math.round((now.getTime() - Date.parse(s.oldestReadyAt)) / 1000) : null;
        return { ...s, oldestReadyAgeSeconds: age };
      }),
    );
  }

  async claim(agent: Agent, category: Category): Promise<Ticket | null> {
    this.mayWork(agent, category);
    return this.d.work.claimNext(category, agent.id, this.leaseUntil(), this.nowIso());
  }

  async ticket(agent: Agent, ref: string): Promise<TicketDetail> {
    await this.load(agent, ref);
    const detail = await this.d.work.detail(ref);
    if (!detail) throw new AppError('NotFound', `no ticket ${ref}`);
    return detail;
  }

  async extend(agent: Agent, ref: string): Promise<Ticket> {
    const t = await this.held(agent, ref);
    return this.change(() =>
      this.d.work.transition(t, { status: 'claimed', leaseExpiresAt: this.leaseUntil(), updatedAt: this.nowIso() }),
    );
  }

  async release(agent: Agent, ref: string): Promise<Ticket> {
    const t = await this.held(agent, ref);
    return this.change(() =>
      this.d.work.transition(t, {
        status: 'ready',
        claimedBy: null,
        leaseExpiresAt: null,
        updatedAt: this.nowIso(),
        front: true,
      }),
    );
  }

  async resolve(agent: Agent, ref: string, reply: string): Promise<Ticket> {
    const t = await this.held(agent, ref);
    const now = this.nowIso();
    const resolved = await this.change(() =>
      this.d.work.transition(t, {
        status: 'resolved',
        claimedBy: null,
        leaseExpiresAt: null,
        resolvedAt: now,
        updatedAt: now,
      }),
    );
    await this.d.work.releaseParticipant(resolved);
    if (resolved.replyTo) {
      const inReplyTo = await this.d.work.latestMessageId(ref);
      const job: ReplyJob = {
        // One reply per resolution: the version makes a retried request a no-op at the mailer.
        jobId: `${ref}:resolve:${t.version}`,
        kind: 'agent_reply',
        ticketRef: ref,
        to: resolved.replyTo,
        category: resolved.category,
        missing: [],
        inReplyTo,
        references: inReplyTo ? [inReplyTo] : [],
        body: reply,
      };
      const failed = await this.d.replies.enqueue([job]);
      if (failed.length > 0) throw new Error(`could not queue the reply to ticket ${ref}`);
    }
    return resolved;
  }

  async reassign(agent: Agent, ref: string, category: Category): Promise<Ticket> {
    const t = await this.load(agent, ref);
    if (t.status === 'claimed' && t.claimedBy !== agent.id && !agent.supervisor)
      throw new AppError('Conflict', `ticket ${ref} is claimed by another agent`);
    if (t.status === 'resolved' || t.status === 'closed')
      throw new AppError('Conflict', `ticket ${ref} is ${t.status}`);
    if (t.category === category) throw new AppError('InvalidInput', `ticket ${ref} is already in ${category}`);
    const status = t.status === 'claimed' ? 'ready' : t.status;
    const moved = await this.change(() =>
      this.d.work.transition(t, { status, category, claimedBy: null, leaseExpiresAt: null, updatedAt: this.nowIso() }),
    );
    await this.d.work.relinkParticipant(t, moved);
    return moved;
  }

  async note(agent: Agent, ref: string, text: string): Promise<void> {
    await this.load(agent, ref);
    const at = this.nowIso();
    await this.d.work.addNote(ref, { id: `${agent.id}-${this.d.now().getTime()}`, author: agent.id, text, at });
  }

  /** Mail triage set aside, or filed from unverified senders, newest first: supervisors only (it may hold anyone's mail). */
  async setAside(agent: Agent, outcome: string, limit = 50): Promise<SetAsideRecord[]> {
    if (!agent.supervisor) throw new AppError('Forbidden', 'only supervisors see mail set aside by triage');
    if (!(OPS_LISTS as readonly string[]).includes(outcome))
      throw new AppError('InvalidInput', `outcome must be one of ${OPS_LISTS.join(', ')}`);
    return this.d.setAside.list(outcome as OpsList, limit);
  }

  /** Public "cek status": answers only when the contact matches the ticket; otherwise the same 404 as an unknown ref. */
  async publicStatus(ref: string, contact: string): Promise<PublicStatus> {
    const notFound = new AppError('NotFound', 'no ticket with that reference and contact');
    const t = await this.d.work.get(ref);
    if (!t || !contactMatches(t, contact)) throw notFound;
    return { ref: t.ref, status: t.status, category: t.category, updatedAt: t.updatedAt };
  }
}

export function contactMatches(t: Ticket, contact: string): boolean {
  const c = contact.trim();
  if (c.includes('@')) {
    const email = c.toLowerCase();
    return email === t.fields.email?.toLowerCase() || email === t.replyTo?.toLowerCase();
  }
  const phone = parsePhoneNumberFromString(c, 'ID');
  return Boolean(phone?.isValid() && t.fields.phone && phone.number === t.fields.phone);
}
