/**
 * The supervisors' side of surges: the incidents the detector proposed, what each covers, and the
 * decisions (accept with the one answer for all, dismiss, close). Supervisors only. Accepting
 * stores the answer on the incident; the evaluation's broadcast (app/surge.ts) then answers every
 * open member ticket, and triage answers every ticket that joins later, until it is closed.
 * Returns domain values; throws AppError (the handler maps its kind to an HTTP status).
 */
import type { SurgeDetector } from '#core/surge/detector.ts';
import { maskedExcerpt } from '#core/surge/excerpt.ts';
import { chooseExamples, type Decision } from '#core/surge/incident.ts';
import { INCIDENT_STATUSES, type Incident, type IncidentAnswer, type IncidentStatus } from '#core/surge/model.ts';
import type { Category } from '#core/types.ts';
import type { IncidentTicketPage, SurgeStore, WorkList } from '#ports';
import type { Agent } from './agent-api.ts';
import { AppError } from './errors.ts';

export interface IncidentDeskDeps {
  detector: SurgeDetector;
  store: SurgeStore;
  work: WorkList;
  now: () => Date;
}

/** One example ticket, as a supervisor may read it: the start of the participant's text, masked. */
export interface IncidentExample {
  ref: string;
  category: Category;
  receivedAt: string;
  subject: string;
  excerpt: string;
}

export interface IncidentDetail {
  incident: Incident;
  /** One ticket per group of near-identical complaints, the largest groups first. */
  examples: IncidentExample[];
  /** Tickets joined per bucket, oldest first: the count over time. */
  timeline: { at: string; tickets: number }[];
}

const LIST_LIMIT = 50;
const MAX_PAGE = 100;

export class IncidentDesk {
  constructor(private readonly d: IncidentDeskDeps) {}

  private supervisor(agent: Agent): void {
    if (!agent.supervisor) throw new AppError('Forbidden', 'only supervisors work with incidents');
  }

  private async load(id: string): Promise<Incident> {
    const incident = await this.d.store.getIncident(id);
    if (!incident) throw new AppError('NotFound', `no incident ${id}`);
    return incident;
  }

  /** Newest first: those with the status, or every open or cooling one and the latest past ones. */
  async list(agent: Agent, status: string | null): Promise<Incident[]> {
    this.supervisor(agent);
    if (status !== null && !(INCIDENT_STATUSES as readonly string[]).includes(status))
      throw new AppError('InvalidInput', `status must be one of ${INCIDENT_STATUSES.join(', ')}`);
    return this.d.store.incidents(status as IncidentStatus | null, LIST_LIMIT);
  }

  async detail(agent: Agent, id: string): Promise<IncidentDetail> {
    this.supervisor(agent);
    const incident = await this.load(id);
    const refs = chooseExamples(await this.d.store.members(id), this.d.detector.settings);
    const examples = await Promise.all(refs.map((ref) => this.example(ref)));
    const timeline = Object.entries(incident.timeline)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([at, tickets]) => ({ at, tickets }));
    return { incident, examples: examples.flatMap((e) => (e ? [e] : [])), timeline };
  }

  private async example(ref: string): Promise<IncidentExample | null> {
    const detail = await this.d.work.detail(ref);
    const first = detail?.messages[0];
    if (!detail || !first) return null;
    const known = detail.ticket.fields;
    return {
      ref,
      category: detail.ticket.category,
      receivedAt: first.receivedAt,
      subject: maskedExcerpt(first.subject, known, 200),
      excerpt: maskedExcerpt(first.text, known),
    };
  }

  async tickets(agent: Agent, id: string, limit: number, after: string | null): Promise<IncidentTicketPage> {
    this.supervisor(agent);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      throw new AppError('InvalidInput', `limit must be a whole number from 1 to ${MAX_PAGE}`);
    await this.load(id);
    return this.d.store.ticketPage(id, limit, after);
  }

  /**
   * Accepts with the one answer for all. Accepting again with the same answer (a retried
   * request) answers with the incident as it is; another answer is a conflict.
   */
  async accept(agent: Agent, id: string, answer: IncidentAnswer): Promise<Incident> {
    this.supervisor(agent);
    const current = await this.load(id);
    if (
      current.status === 'accepted' &&
      current.answer?.reply === answer.reply &&
      current.answer.afterwards === answer.afterwards
    )
      return current;
    return this.decide(agent, id, { action: 'accept', answer });
  }

  async dismiss(agent: Agent, id: string): Promise<Incident> {
    this.supervisor(agent);
    return this.decide(agent, id, { action: 'dismiss' });
  }

  async close(agent: Agent, id: string): Promise<Incident> {
    this.supervisor(agent);
    return this.decide(agent, id, { action: 'close' });
  }

  private async decide(agent: Agent, id: string, decision: Decision): Promise<Incident> {
    const r = await this.d.detector.decide(id, decision, agent.id, this.d.now().toISOString());
    if (r.ok) return r.incident;
    const kind = { NotFound: 'NotFound', InvalidTransition: 'Conflict', InvalidAnswer: 'InvalidInput' } as const;
    throw new AppError(kind[r.error.kind], r.error.message);
  }
}
