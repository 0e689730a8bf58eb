/**
 * The agent API: what agents (and participants checking their status) can do, with the
 * authorization rules: an agent works the queues their token names, a supervisor works all; only
 * the lease holder (or a supervisor) acts on a claimed ticket. Returns domain values; throws
 * AppError (the handler maps its kind to an HTTP status).
 */
import { createHash } from 'node:crypto';
import { sesRecipient } from '#core/address.ts';
import { type AuditAction, correctedFields, type FieldCorrection, reassignment } from '#core/agent-actions.ts';
import { participantKeyFrom, searchTerm } from '#core/participant-query.ts';
import { parsePhone } from '#core/phone.ts';
import type { SlaHours } from '#core/sla.ts';
import { type ParticipantStatus, participantStatus } from '#core/status.ts';
import { planSurvey } from '#core/survey.ts';
import { type CsatReport, csatReport, daysBetween } from '#core/survey-report.ts';
import type { ParticipantKeyKind, Ticket } from '#core/ticket.ts';
import { CATEGORIES, type Category, type RequiredField } from '#core/types.ts';
import { waitAfter } from '#core/waiting.ts';
import {
  type Claim,
  LeaseConflict,
  type Outbox,
  type QueueStats,
  type ReplyJob,
  type ReplyQueue,
  type RequestQuota,
  type StoredTicket,
  type SurveyStore,
  type TicketDetail,
  type WorkList,
} from '#ports';
import { AppError } from './errors.ts';
import type { IncidentDeskDeps } from './incidents.ts';
import type { OpsDeps } from './ops.ts';
import { queueFromOutbox } from './outbox.ts';
import { withinPerMinute } from './quota.ts';

export interface Agent {
  id: string;
  queues: Category[];
  supervisor: boolean;
}

export interface AgentApiDeps {
  work: WorkList;
  replies: ReplyQueue;
  /** Replies written into tickets, confirmed once queued. */
  outbox: Outbox;
  /** The satisfaction surveys: scheduled at resolution, reported to supervisors. */
  surveys: SurveyStore;
  leaseSeconds: number;
  /** Service-level targets per category (service hours): what a participant is told while their data is incomplete, and a reassigned ticket's new due time. */
  sla: SlaHours;
  /** The public status routes' per-client counts. */
  quota: RequestQuota;
  statusRequestsPerMinute: number;
  /** How long after a resolution its survey is sent. */
  surveyDelayMs: number;
  now: () => Date;
  /** The supervisors' operations (mail set aside, dead letters): see ops.ts. */
  ops: OpsDeps;
  /** Surge incidents, for supervisors. */
  incidents: IncidentDeskDeps;
}

/** Who is signed in, and the queues they may work. */
export interface Me {
  agent: string;
  queues: Category[];
  supervisor: boolean;
}

/** How many of a participant's tickets a lookup answers with (newest first). */
export const PARTICIPANT_TICKETS_LIMIT = 50;
/** The longest period one CSAT report covers, in days. */
export const CSAT_REPORT_MAX_DAYS = 92;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string | null): s is string =>
  s !== null && DAY.test(s) && !Number.isNaN(Date.parse(s)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export interface QueueView extends QueueStats {
  oldestReadyAgeSeconds: number | null;
}

/** What the public status check answers: no category, no name, nothing but where the ticket stands. */
export interface PublicStatus {
  ref: string;
  status: Ticket['status'];
  updatedAt: string;
}

/** What the participant's status page shows once their contact matched. */
export interface ParticipantView {
  ref: string;
  category: Category;
  missing: RequiredField[];
  status: ParticipantStatus;
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
    return this.holding(agent, await this.load(agent, ref));
  }

  private holding(agent: Agent, t: StoredTicket): StoredTicket {
    if (t.status !== 'claimed') throw new AppError('Conflict', `ticket ${t.ref} is ${t.status}, not claimed`);
    if (t.claimedBy !== agent.id && !agent.supervisor)
      throw new AppError('Conflict', `ticket ${t.ref} is claimed by another agent`);
    return t;
  }

  private onlySupervisors(agent: Agent, what: string): void {
    if (!agent.supervisor) throw new AppError('Forbidden', `only supervisors see ${what}`);
  }

  /** The queues the agent may work: those their token names, every one for a supervisor. */
  private workable(agent: Agent): Category[] {
    return agent.supervisor ? [...CATEGORIES] : CATEGORIES.filter((c) => agent.queues.includes(c));
  }

  private async change<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof LeaseConflict) throw new AppError('Conflict', err.message);
      throw err;
    }
  }

  /** Writes one line of the ticket's audit trail (kept in time order; the id tells apart lines of the same instant). */
  private async record(agent: Agent, ref: string, action: AuditAction, detail: string | null = null): Promise<void> {
    await this.d.work.audit(ref, { id: `${agent.id}:${action}`, at: this.nowIso(), agent: agent.id, action, detail });
  }

  async queues(agent: Agent): Promise<QueueView[]> {
    const now = this.d.now();
    return Promise.all(
      this.workable(agent).map(async (c) => {
        const s = await this.d.work.stats(c);
        const age = s.oldestReadyAt ? Math.round((now.getTime() - Date.parse(s.oldestReadyAt)) / 1000) : null;
        return { ...s, oldestReadyAgeSeconds: age };
      }),
    );
  }

  async claim(agent: Agent, category: Category): Promise<StoredTicket | null> {
    this.mayWork(agent, category);
    const claimed = await this.d.work.claimNext(category, agent.id, this.leaseUntil(), this.nowIso());
    if (claimed) await this.record(agent, claimed.ref, 'claim');
    return claimed;
  }

  async ticket(agent: Agent, ref: string): Promise<TicketDetail> {
    await this.load(agent, ref);
    const detail = await this.d.work.detail(ref);
    if (!detail) throw new AppError('NotFound', `no ticket ${ref}`);
    return detail;
  }

  async extend(agent: Agent, ref: string): Promise<StoredTicket> {
    const t = await this.held(agent, ref);
    const leaseUntil = this.leaseUntil();
    const extended = await this.change(() =>
      this.d.work.transition(t, { status: 'claimed', leaseExpiresAt: leaseUntil, updatedAt: this.nowIso() }),
    );
    await this.record(agent, ref, 'extend', `until ${leaseUntil}`);
    return extended;
  }

  async release(agent: Agent, ref: string, reason: string | null = null): Promise<StoredTicket> {
    const t = await this.held(agent, ref);
    const released = await this.change(() =>
      this.d.work.transition(t, {
        status: 'ready',
        claimedBy: null,
        leaseExpiresAt: null,
        updatedAt: this.nowIso(),
        front: true,
      }),
    );
    await this.record(agent, ref, 'release', reason);
    return released;
  }

  /**
   * Resolves with the agent's reply. The reply is written into the ticket by the same conditional
   * write that resolves it (its outbox), so once that write is made the reply reaches the
   * participant whatever fails next: the links, the queueing and its confirmation follow, and
   * the sweeper queues again a reply not confirmed in time. A retry of the caller's own resolve
   * (same agent, same text) finishes what is left and answers as the first would have, never 409.
   * A reply SES would refuse is refused here, before anything changes: the ticket stays theirs.
   */
  async resolve(agent: Agent, ref: string, reply: string): Promise<StoredTicket> {
    const t = await this.load(agent, ref);
    const digest = digestOf(reply);
    const own = t.lastAgentReply;
    if (t.status === 'resolved' && own?.by === agent.id && own.digest === digest) {
      await this.afterReply(t, t.outbox.find((p) => p.job.jobId === own.jobId)?.job ?? null);
      return t;
    }
    this.holding(agent, t);
    const to = t.replyTo ? sesRecipient(t.replyTo) : null;
    if (to && !to.ok)
      throw new AppError(
        'Unprocessable',
        `the participant's address cannot receive mail from us (${to.reason}): nothing was sent and the ticket is still yours`,
      );
    const now = this.nowIso();
    // One reply per resolution: the version names it, so it is sent once however often it is queued.
    const jobId = `${ref}:resolve:${t.version}`;
    const job = to?.ok ? await this.agentReplyJob(t, 'agent_reply', jobId, to.address, reply) : null;
    const survey = planSurvey(
      { status: 'resolved', replyTo: t.replyTo, resolvedAt: now },
      senderVerified(t),
      this.d.surveyDelayMs,
    );
    const resolved = await this.change(() =>
      this.d.work.transition(t, {
        status: 'resolved',
        claimedBy: null,
        leaseExpiresAt: null,
        resolvedAt: now,
        updatedAt: now,
        // Over: a reply that reopens it starts afresh, not at the top of its list.
        overdue: false,
        reply: job ?? undefined,
        agentReply: { jobId, by: agent.id, digest },
        survey: survey.send ? { dueAt: survey.dueAt, resolvedBy: agent.id } : undefined,
      }),
    );
    await this.record(agent, ref, 'resolve', job ? 'reply sent' : 'no address to reply to');
    await this.afterReply(resolved, job);
    return resolved;
  }

  private async agentReplyJob(
    t: Ticket,
    kind: 'agent_reply' | 'agent_ask',
    jobId: string,
    to: string,
    body: string,
  ): Promise<ReplyJob> {
    const inReplyTo = await this.d.work.latestMessageId(t.ref);
    return {
      jobId,
      kind,
      ticketRef: t.ref,
      to,
      category: t.category,
      missing: [],
      inReplyTo,
      references: inReplyTo ? [inReplyTo] : [],
      body,
    };
  }

  /** What follows a resolution: free the participant's links, queue the reply and confirm it. */
  private async afterReply(resolved: Ticket, job: ReplyJob | null): Promise<void> {
    await this.d.work.releaseParticipant(resolved);
    if (job) await this.queueReply(resolved.ref, job);
  }

  /** Queues a reply already in the ticket's outbox and confirms it there (else the sweeper queues it). */
  private async queueReply(ref: string, job: ReplyJob): Promise<void> {
    if (!(await queueFromOutbox(this.d, ref, job)))
      throw new Error(`could not queue the reply to ticket ${ref} (the sweeper will)`);
  }

  /**
   * Moves a ticket to another queue: only its lease holder, or a supervisor, may (a queue member
   * who does not hold it could otherwise push any ticket out of their way). Its priority and due
   * time become the new category's; a claimed ticket goes back on the new list, ready.
   */
  async reassign(agent: Agent, ref: string, category: Category, reason: string | null = null): Promise<StoredTicket> {
    const t = await this.load(agent, ref);
    if (!agent.supervisor && !(t.status === 'claimed' && t.claimedBy === agent.id))
      throw new AppError('Conflict', `ticket ${ref} is not claimed by you: claim it first, or ask a supervisor`);
    if (t.status === 'resolved' || t.status === 'closed')
      throw new AppError('Conflict', `ticket ${ref} is ${t.status}`);
    if (t.category === category) throw new AppError('InvalidInput', `ticket ${ref} is already in ${category}`);
    const now = this.nowIso();
    const status = t.status === 'claimed' ? 'ready' : t.status;
    const next = reassignment(t, category, now, this.d.sla);
    const moved = await this.change(() =>
      this.d.work.transition(t, {
        status,
        category: next.category,
        priority: next.priority,
        dueAt: next.dueAt,
        overdue: next.overdue,
        claimedBy: null,
        leaseExpiresAt: null,
        updatedAt: now,
      }),
    );
    await this.d.work.relinkParticipant(t, moved);
    await this.record(agent, ref, 'reassign', `${t.category} → ${category}${reason ? `: ${reason}` : ''}`);
    return moved;
  }

  /**
   * The lease holder corrects the card number or the phone (a participant wrote it wrong, or
   * triage read it wrong): each checked as triage would read it, the participant's links follow,
   * and the trail keeps both values masked.
   */
  async correctFields(agent: Agent, ref: string, change: FieldCorrection): Promise<StoredTicket> {
    const t = await this.held(agent, ref);
    const corrected = correctedFields(t.fields, change);
    if (!corrected.ok) throw new AppError('InvalidInput', corrected.problem);
    const updated = await this.change(() =>
      this.d.work.transition(t, {
        status: t.status,
        fields: corrected.fields,
        missing: corrected.missing,
        updatedAt: this.nowIso(),
      }),
    );
    await this.d.work.relinkParticipant(t, updated);
    await this.record(agent, ref, 'correct_fields', corrected.detail);
    return updated;
  }

  async note(agent: Agent, ref: string, text: string): Promise<void> {
    await this.load(agent, ref);
    const at = this.nowIso();
    const id = `${agent.id}-${this.d.now().getTime()}`;
    await this.d.work.addNote(ref, { id, author: agent.id, text, at });
    await this.record(agent, ref, 'note');
  }

  me(agent: Agent): Me {
    return { agent: agent.id, queues: this.workable(agent), supervisor: agent.supervisor };
  }

  /** "Get next": the most urgent ready ticket over all the agent's queues, claimed under a lease. */
  async next(agent: Agent): Promise<StoredTicket | null> {
    const claimed = await this.d.work.claimMostUrgent(this.workable(agent), agent.id, this.leaseUntil(), this.nowIso());
    if (claimed) await this.record(agent, claimed.ref, 'claim');
    return claimed;
  }

  /**
   * The lease holder asks the participant: the message goes out through the mailer, threaded
   * under the ticket's reference, and the ticket waits for the answer (the lease ends). The
   * answer threads back in through triage and puts the ticket back on its list. Like a resolve's
   * reply, the question is written into the ticket by the write that makes it wait (its outbox),
   * so once that write is made it reaches the participant (the sweeper queues it if we fail to);
   * an address SES would refuse is refused before anything changes.
   */
  async ask(agent: Agent, ref: string, message: string): Promise<StoredTicket> {
    const t = await this.held(agent, ref);
    if (!t.replyTo) throw new AppError('Conflict', `ticket ${ref} has no address to write to`);
    const to = sesRecipient(t.replyTo);
    if (!to.ok)
      throw new AppError(
        'Unprocessable',
        `the participant's address cannot receive mail from us (${to.reason}): nothing was sent and the ticket is still yours`,
      );
    // One question per ticket version: a retried request is a no-op at the mailer.
    const job = await this.agentReplyJob(t, 'agent_ask', `${ref}:ask:${t.version}`, to.address, message);
    const now = this.nowIso();
    const waiting = await this.change(() =>
      this.d.work.transition(t, {
        status: 'waiting_participant',
        claimedBy: null,
        leaseExpiresAt: null,
        updatedAt: now,
        // The question starts the participant's wait: reminded, then closed, if they never answer.
        ...waitAfter('waiting_participant', now),
        reply: job,
      }),
    );
    await this.record(agent, ref, 'ask');
    await this.queueReply(ref, job);
    return waiting;
  }

  /** A participant's tickets by one key as the agent typed it (card number, phone or email), newest first. */
  async participantTickets(_agent: Agent, kind: ParticipantKeyKind, value: string): Promise<StoredTicket[]> {
    const key = participantKeyFrom(kind, value);
    if (!key) throw new AppError('InvalidInput', `not a ${kind === 'card' ? 'card number' : kind}`);
    return this.d.work.participantTickets(key, PARTICIPANT_TICKETS_LIMIT);
  }

  /** Who holds which ticket, the longest held first: supervisors only. */
  async claims(agent: Agent): Promise<Claim[]> {
    this.onlySupervisors(agent, 'who holds which ticket');
    const all = (await Promise.all(CATEGORIES.map((c) => this.d.work.claims(c)))).flat();
    return all.sort((a, b) => (`${a.since}#${a.ref}` < `${b.since}#${b.ref}` ? -1 : 1));
  }

  /** Open tickets past their service level (marked by the sweeper), earliest due first: supervisors only. */
  async overdue(agent: Agent): Promise<StoredTicket[]> {
    this.onlySupervisors(agent, 'the overdue list');
    const all = (await Promise.all(CATEGORIES.map((c) => this.d.work.overdue(c)))).flat();
    const due = (t: StoredTicket) => `${t.dueAt}#${t.ref}`;
    return all.sort((a, b) => (due(a) < due(b) ? -1 : 1));
  }

  /** Tickets by reference, card number, phone or email: supervisors only. */
  async search(agent: Agent, q: string): Promise<StoredTicket[]> {
    this.onlySupervisors(agent, 'search');
    const term = searchTerm(q);
    if (!term) throw new AppError('InvalidInput', 'search for a ticket reference, card number, phone or email');
    if (term.kind === 'participant') return this.d.work.participantTickets(term.key, PARTICIPANT_TICKETS_LIMIT);
    const t = await this.d.work.get(term.ref);
    return t ? [t] : [];
  }

  /** CSAT and response rate per category, agent and report day (WIB) from `from` to `to`: supervisors only. */
  async csatReport(agent: Agent, from: string | null, to: string | null): Promise<CsatReport> {
    if (!agent.supervisor) throw new AppError('Forbidden', 'only supervisors see the satisfaction report');
    if (!isDay(from) || !isDay(to)) throw new AppError('InvalidInput', 'from and to must be days, YYYY-MM-DD');
    if (from > to) throw new AppError('InvalidInput', 'from must not be after to');
    if (daysBetween(from, to).length > CSAT_REPORT_MAX_DAYS)
      throw new AppError('InvalidInput', `a report covers at most ${CSAT_REPORT_MAX_DAYS} days`);
    return csatReport(from, to, await this.d.surveys.counters(from, to));
  }

  /**
   * The ticket behind a participant's reference and contact. The contact is read before the
   * look-up, and an unknown reference and a contact that does not match fail the same way after
   * the same one read, so neither answer nor timing tells whether the reference exists.
   */
  private async participantTicket(ref: string, contact: string): Promise<StoredTicket> {
    const parsed = parseContact(contact);
    if (!parsed) throw new AppError('InvalidInput', 'contact must be an email address or a phone number');
    const t = await this.d.work.get(ref);
    if (!t || !contactMatches(t, parsed)) throw new AppError('NotFound', 'no ticket with that reference and contact');
    return t;
  }

  /** Public "cek status": answers only when the contact matches the ticket; otherwise the same 404 as an unknown ref. */
  async publicStatus(ref: string, contact: string, client: string): Promise<PublicStatus> {
    await this.withinStatusQuota(client);
    const t = await this.participantTicket(ref, contact);
    return { ref: t.ref, status: t.status, updatedAt: t.updatedAt };
  }

  /**
   * Each client (IP address) gets a few status checks a minute, counted in the table, so one
   * client guessing references or contacts cannot use up the route for every participant (the
   * route-wide throttle in front only caps the total).
   */
  private async withinStatusQuota(client: string): Promise<void> {
    if (!(await withinPerMinute(this.d.quota, client, this.d.statusRequestsPerMinute, this.d.now())))
      throw new AppError('TooManyRequests', 'too many status checks from this client; try again in a minute');
  }

  /**
   * The participant's status page: the timeline, what is missing, when to expect an answer. It
   * shares the status check's per-client quota: either is a way to test references and contacts.
   */
  async participantView(ref: string, contact: string, client: string): Promise<ParticipantView> {
    await this.withinStatusQuota(client);
    const t = await this.participantTicket(ref, contact);
    return {
      ref: t.ref,
      category: t.category,
      missing: t.missing,
      status: participantStatus(t, this.nowIso(), this.d.sla[t.category]),
    };
  }
}

/** A contact a participant types: an email address (lower-cased) or a phone number (E.164). */
export type Contact = { kind: 'email'; email: string } | { kind: 'phone'; phone: string };

export function parseContact(raw: string): Contact | null {
  const c = raw.trim();
  if (c.includes('@')) return { kind: 'email', email: c.toLowerCase() };
  const phone = parsePhone(c);
  return phone?.isValid() ? { kind: 'phone', phone: phone.number } : null;
}

export function contactMatches(t: Ticket, c: Contact): boolean {
  if (c.kind === 'email') return c.email === t.fields.email?.toLowerCase() || c.email === t.replyTo?.toLowerCase();
  return t.fields.phone === c.phone;
}

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Whether the ticket's sender was verified (sender trust); tickets from before it count as verified. */
function senderVerified(t: Ticket): boolean {
  return (t as Ticket & { senderVerified?: boolean }).senderVerified !== false;
}
