/**
 * Surges in the running system (docs/surge.md, "Integration"):
 *
 * - `fileIntoSurges`, from triage, for every ticket it creates: the detector observes it (a new
 *   ticket that joins no incident is stored with its inbound batch's, in one write); a ticket
 *   that joins an accepted incident is answered with the incident's answer instead of the
 *   acknowledgement, and resolved or left waiting as the supervisor chose.
 * - `evaluateSurges`, once a minute: the detector's evaluation (baseline, expiry, late joins,
 *   proposals), then the broadcast of accepted incidents' answers to their members not yet
 *   answered, a page at a time, then incidents past their cool-down off the live list.
 *
 * Nothing is sent twice: a member ticket's reply job has one id, derived from the incident and
 * the ticket, whichever path queues it and however often (the mailer sends each job id once).
 * The broadcast is resumable: a member leaves the unanswered list only after its reply is queued
 * and its ticket settled; an interrupted run leaves the rest for the next.
 */
import { sesRecipient } from '#core/address.ts';
import type { ReplyDecision } from '#core/decide.ts';
import type { EvaluationResult, FiledTicket, SurgeDetector } from '#core/surge/detector.ts';
import type { Incident, IncidentAnswer, IncidentStatus, Member, Observation } from '#core/surge/model.ts';
import { participantOf } from '#core/surge/participant.ts';
import { isOpen as isOpenTicket, type Ticket } from '#core/ticket.ts';
import { waitAfter } from '#core/waiting.ts';
import {
  LeaseConflict,
  type ReplyJob,
  type ReplyQueue,
  type StoredTicket,
  type SurgeStore,
  type WorkList,
} from '#ports';

/** One id per incident and ticket: triage's answer and the broadcast's are the same job. */
export const incidentJobId = (incidentId: string, ref: string) => `${incidentId}:${ref}`;

/**
 * The incident's answer for one ticket, threaded to the participant's mail. `incident_reply` when
 * triage answers a mail just received with it (an automatic reply, counted like the
 * acknowledgement it replaces); `agent_reply` when the broadcast gives a supervisor's answer to
 * tickets already acknowledged (a person's reply, like an agent's).
 */
export function incidentReplyJob(
  incidentId: string,
  answer: IncidentAnswer,
  ticket: Pick<Ticket, 'ref' | 'category' | 'fields'>,
  to: string,
  inReplyTo: string | null,
  kind: 'incident_reply' | 'agent_reply',
): ReplyJob {
  return {
    jobId: incidentJobId(incidentId, ticket.ref),
    kind,
    ticketRef: ticket.ref,
    to,
    category: ticket.category,
    missing: [],
    inReplyTo,
    references: inReplyTo ? [inReplyTo] : [],
    body: answer.reply,
  };
}

const SETTLE_ATTEMPTS = 3;

/**
 * Resolves the ticket, or lets it wait for the participant, as the supervisor chose; the answer
 * counts as its first action. A ticket no longer open is left alone (null). An agent holding it
 * loses the lease: the supervisor's answer went to the participant.
 */
export async function settle(
  work: WorkList,
  ref: string,
  answer: IncidentAnswer,
  at: string,
  seen?: StoredTicket | null,
): Promise<Ticket | null> {
  let t = seen === undefined ? await work.get(ref) : seen;
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
    if (!t || !isOpenTicket(t.status)) return null;
    if (answer.afterwards === 'wait' && t.status === 'waiting_participant') return t;
    const common = { claimedBy: null, leaseExpiresAt: null, updatedAt: at, firstActionAt: t.firstActionAt ?? at };
    try {
      if (answer.afterwards === 'wait')
        return await work.transition(t, {
          ...common,
          status: 'waiting_participant',
          ...waitAfter('waiting_participant', at),
        });
      const resolved = await work.transition(t, { ...common, status: 'resolved', resolvedAt: at });
      await work.releaseParticipant(resolved);
      return resolved;
    } catch (err) {
      if (!(err instanceof LeaseConflict)) throw err;
      t = await work.get(ref); // changed meanwhile: decide again on what it is now
    }
  }
  throw new Error(`ticket ${ref} changed ${SETTLE_ATTEMPTS} times while being settled for its incident`);
}

// ---------------------------------------------------------------- triage

export interface SurgeIntake {
  detector: SurgeDetector;
  store: SurgeStore;
  work: WorkList;
  now: () => Date;
}

/** What the detector made of a newly filed ticket, for logs and metrics. Never an exception. */
export type SurgeNote =
  | { kind: 'observed'; incidentId: string | null; status: IncidentStatus | null; answered: boolean }
  | { kind: 'failed'; incidentId: string | null; error: string };

export interface FiledForSurges {
  ticket: Ticket;
  reply: ReplyDecision;
  job: ReplyJob | null;
  subject: string;
  /** The participant's own text (new and forwarded parts). */
  body: string;
  senderName: string | null;
  senderAddress: string | null;
  /** Created by this mail now (not found from an earlier delivery): no observation of it exists yet. */
  fresh: boolean;
}

export interface SurgeFiling {
  ticket: Ticket;
  reply: ReplyDecision | 'incident_reply';
  job: ReplyJob | null;
  surge: SurgeNote;
  /** The ticket's observation, not stored yet: the caller stores it with its batch's (`SurgeStore.recordNew`). */
  unstoredObservation: Observation | null;
}

const errorText = (err: unknown) =>
  `${(err as Error)?.name ?? 'Error'}: ${String((err as Error)?.message).slice(0, 200)}`;

/**
 * A ticket triage created, shown to the detector. If it joined an accepted incident, its reply
 * becomes the incident's answer and the ticket is settled as the supervisor chose. A failure of
 * the detector never fails the mail: the note says so and the acknowledgement goes out as usual.
 */
export async function fileIntoSurges(intake: SurgeIntake, f: FiledForSurges): Promise<SurgeFiling> {
  const as = (surge: SurgeNote, over: Partial<SurgeFiling> = {}): SurgeFiling => ({
    ticket: f.ticket,
    reply: f.reply,
    job: f.job,
    surge,
    unstoredObservation: null,
    ...over,
  });
  const filed: FiledTicket = {
    ref: f.ticket.ref,
    participant: participantOf(f.ticket),
    category: f.ticket.category,
    filedAt: f.ticket.createdAt,
    subject: f.subject,
    body: f.body,
    senderName: f.senderName,
    senderAddress: f.senderAddress,
  };
  let incident: Incident | null;
  let unstored: Observation | null = null;
  try {
    // A new ticket that matches no incident is stored with the rest of its batch (one write).
    if (f.fresh) {
      const r = await intake.detector.observeNew(filed);
      incident = r.incident;
      if (!r.stored) unstored = r.observation;
    } else ({ incident } = await intake.detector.observe(filed));
  } catch (err) {
    return as({ kind: 'failed', incidentId: null, error: errorText(err) });
  }
  const observed = { kind: 'observed', incidentId: incident?.id ?? null, status: incident?.status ?? null } as const;
  const answer = incident?.status === 'accepted' ? incident.answer : null;
  if (!incident || !answer) return as({ ...observed, answered: false }, { unstoredObservation: unstored });

  const job = f.job
    ? incidentReplyJob(incident.id, answer, f.ticket, f.job.to, f.job.inReplyTo, 'incident_reply')
    : f.job;
  const reply = job ? 'incident_reply' : f.reply;
  try {
    const at = intake.now().toISOString();
    const ticket = (await settle(intake.work, f.ticket.ref, answer, at)) ?? f.ticket;
    await intake.store.markAnswered(incident.id, f.ticket.ref, at);
    return as({ ...observed, answered: true }, { ticket, reply, job });
  } catch (err) {
    // The answer still goes out; the ticket stays on the incident's unanswered list and the next
    // evaluation settles it (queueing the same job id again changes nothing).
    return as({ kind: 'failed', incidentId: incident.id, error: errorText(err) }, { reply, job });
  }
}

// ---------------------------------------------------------------- the evaluation

export interface SurgeDeps {
  detector: SurgeDetector;
  store: SurgeStore;
  work: WorkList;
  replies: ReplyQueue;
  now: () => Date;
  /** Member tickets the broadcast answers per run at most; the rest wait for the next run. */
  answersPerRun: number;
}

export interface SurgeRun extends EvaluationResult {
  /** Member tickets of accepted incidents given the answer: replies queued, tickets settled. */
  answered: number;
  /** Of those, tickets no longer open: nothing sent (an agent answered them before). */
  answeredWithoutReply: number;
  /** Incidents whose cool-down ended, taken off the live list. */
  retired: number;
}

/** Reads members' tickets this many at a time. */
const PAGE = 25;

async function answerMembers(
  d: SurgeDeps,
  incident: Incident & { answer: IncidentAnswer },
  budget: number,
  at: string,
): Promise<{ answered: number; withoutReply: number }> {
  let answered = 0;
  let withoutReply = 0;
  while (answered < budget) {
    const page: Member[] = await d.store.unanswered(incident.id, Math.min(PAGE, budget - answered));
    if (page.length === 0) break;
    const tickets = await Promise.all(page.map((m) => d.work.get(m.ref)));
    const jobs = new Map<string, ReplyJob>();
    for (const t of tickets) {
      // Only to an address SES takes, in the form it takes (as triage and the agent API send).
      const to = t?.replyTo ? sesRecipient(t.replyTo) : null;
      if (!t || !isOpenTicket(t.status) || !to?.ok) continue;
      const inReplyTo = await d.work.latestMessageId(t.ref);
      jobs.set(t.ref, incidentReplyJob(incident.id, incident.answer, t, to.address, inReplyTo, 'agent_reply'));
    }
    const unqueued = new Set(jobs.size ? await d.replies.enqueue([...jobs.values()]) : []);
    for (const [i, m] of page.entries()) {
      const job = jobs.get(m.ref);
      if (job && unqueued.has(job.jobId)) continue; // stays unanswered: the next run queues it again
      const t = tickets[i] ?? null;
      if (!job) withoutReply++;
      await settle(d.work, m.ref, incident.answer, at, t);
      await d.store.markAnswered(incident.id, m.ref, at);
      answered++;
    }
    if (unqueued.size > 0) break; // the reply queue is failing: leave the rest for the next run
  }
  return { answered, withoutReply };
}

export async function evaluateSurges(d: SurgeDeps): Promise<SurgeRun> {
  const now = d.now().toISOString();
  const evaluation = await d.detector.evaluate(now);
  let answered = 0;
  let answeredWithoutReply = 0;
  // Accepted incidents, and closed ones whose members joined before the close.
  for (const incident of await d.store.liveIncidents(now)) {
    if (!incident.answer || (incident.status !== 'accepted' && incident.status !== 'closed')) continue;
    if (answered >= d.answersPerRun) break;
    const r = await answerMembers(d, { ...incident, answer: incident.answer }, d.answersPerRun - answered, now);
    answered += r.answered;
    answeredWithoutReply += r.withoutReply;
  }
  const retired = await d.store.retire(now);
  return { ...evaluation, answered, answeredWithoutReply, retired };
}

/**
 * The store with its list of live incidents remembered for `seconds`: triage matches every new
 * ticket against it, and a list that changes a few times a day need not be read per mail. A
 * ticket filed in those seconds may miss a new incident; the next evaluation joins it (late, its
 * acknowledgement sent). Joining reads the incident itself, so its status is never stale.
 */
export function withCachedLiveIncidents(store: SurgeStore, seconds: number, now: () => Date): SurgeStore {
  if (seconds <= 0) return store;
  let cached: { until: number; incidents: Promise<Incident[]> } | null = null;
  const liveIncidents = async (at: string): Promise<Incident[]> => {
    const t = now().getTime();
    if (!cached || t >= cached.until) {
      const incidents = store.liveIncidents(at);
      cached = { until: t + seconds * 1000, incidents };
      incidents.catch(() => {
        cached = null; // a failed read is not remembered
      });
    }
    return [...(await cached.incidents)];
  };
  return new Proxy(store, {
    get: (target, prop, receiver) =>
      prop === 'liveIncidents' ? liveIncidents : (Reflect.get(target, prop, receiver) as unknown),
  });
}
