/**
 * Where a complaint stands as the participant sees it: a short timeline (received, waiting for
 * their data, being handled, answered, closed) and when to expect an answer, from the ticket's
 * own times. The status page and the status reply both show this. Pure: `now` comes in.
 *
 * "Closed" is when a reply no longer reopens the ticket: the reopen window after the answer
 * (or the time a ticket was closed outright).
 */
import { type ServiceDay, serviceHoursBetween, WIB_SERVICE_DAY } from './sla.ts';
import { REOPEN_WINDOW_MS, type Ticket } from './ticket.ts';

/** The ticket's times and status: all the participant's view is computed from. */
export type TicketProgress = Pick<Ticket, 'status' | 'createdAt' | 'updatedAt' | 'readyAt' | 'dueAt' | 'resolvedAt'>;

/** A ticket's progress with its category's service-level target: what a reply needs to say when to expect an answer. */
export type ReplyProgress = TicketProgress & { serviceHours: number };

export function replyProgress(t: Ticket, serviceHours: number): ReplyProgress {
  const { status, createdAt, updatedAt, readyAt, dueAt, resolvedAt } = t;
  return { status, createdAt, updatedAt, readyAt, dueAt, resolvedAt, serviceHours };
}

export const STEPS = ['received', 'waiting_data', 'in_progress', 'answered', 'closed'] as const;
export type Step = (typeof STEPS)[number];
export type StepState = 'done' | 'current' | 'upcoming';

export interface TimelineStep {
  step: Step;
  state: StepState;
  /** When it happened; for an upcoming step, when it is expected (null when not known yet). */
  at: string | null;
}

export type ExpectedAnswer =
  /** Complete and waiting for an agent: the due time and the service hours left until it. */
  | { kind: 'by'; dueAt: string; serviceHoursLeft: number }
  /** Past the due time and not answered yet. */
  | { kind: 'overdue'; dueAt: string }
  /** Waiting for the participant's data: the clock starts when it is complete. */
  | { kind: 'after_data'; serviceHours: number }
  | { kind: 'answered'; at: string }
  /** Closed without an answer from us: the participant never sent what we asked (core/waiting.ts). */
  | { kind: 'closed_unanswered'; at: string };

export interface ParticipantStatus {
  steps: TimelineStep[];
  /** The step the complaint is at now. */
  current: Step;
  expected: ExpectedAnswer;
}

const isAnswered = (t: TicketProgress) => t.status === 'resolved' || t.status === 'closed';
/** Closed because the participant did not answer what we asked: no answer of ours, nothing handled since it waited. */
const closedUnanswered = (t: TicketProgress) => t.status === 'closed' && !t.resolvedAt;

/** The moment a ticket stops being reopened by a reply. */
function closesAt(t: TicketProgress): string | null {
  if (t.status === 'closed') return t.updatedAt;
  if (t.status !== 'resolved' || !t.resolvedAt) return null;
  return new Date(Date.parse(t.resolvedAt) + REOPEN_WINDOW_MS).toISOString();
}

export function timeline(t: TicketProgress, now: string): TimelineStep[] {
  const steps: TimelineStep[] = [{ step: 'received', state: 'done', at: t.createdAt }];
  if (closedUnanswered(t)) {
    // It waited for the participant until it closed: handled before only if it was ever complete.
    if (!t.readyAt) steps.push({ step: 'waiting_data', state: 'done', at: t.createdAt });
    else steps.push({ step: 'in_progress', state: 'done', at: t.readyAt });
    steps.push({ step: 'closed', state: 'done', at: t.updatedAt });
    return steps;
  }
  const answered = isAnswered(t);
  // Asked for data: now, or before it became complete (a ticket complete from the first mail skips this step).
  if (t.status === 'waiting_participant') steps.push({ step: 'waiting_data', state: 'current', at: t.createdAt });
  else if (t.readyAt && Date.parse(t.readyAt) > Date.parse(t.createdAt))
    steps.push({ step: 'waiting_data', state: 'done', at: t.createdAt });

  if (t.status === 'waiting_participant') steps.push({ step: 'in_progress', state: 'upcoming', at: null });
  else steps.push({ step: 'in_progress', state: answered ? 'done' : 'current', at: t.readyAt ?? t.updatedAt });

  if (answered) {
    if (t.resolvedAt) steps.push({ step: 'answered', state: 'done', at: t.resolvedAt });
  } else steps.push({ step: 'answered', state: 'upcoming', at: t.dueAt });

  const closing = closesAt(t);
  const closed = closing !== null && Date.parse(now) >= Date.parse(closing);
  steps.push({ step: 'closed', state: closed ? 'done' : 'upcoming', at: closing });
  return steps;
}

export function expectedAnswer(
  t: TicketProgress,
  now: string,
  serviceHours: number,
  day: ServiceDay = WIB_SERVICE_DAY,
): ExpectedAnswer {
  if (closedUnanswered(t)) return { kind: 'closed_unanswered', at: t.updatedAt };
  if (isAnswered(t)) return { kind: 'answered', at: t.resolvedAt ?? t.updatedAt };
  if (!t.dueAt) return { kind: 'after_data', serviceHours };
  if (Date.parse(now) >= Date.parse(t.dueAt)) return { kind: 'overdue', dueAt: t.dueAt };
  return { kind: 'by', dueAt: t.dueAt, serviceHoursLeft: serviceHoursBetween(now, t.dueAt, day) };
}

/** The timeline and the expected answer; `serviceHours` is the ticket's category target. */
export function participantStatus(
  t: TicketProgress,
  now: string,
  serviceHours: number,
  day: ServiceDay = WIB_SERVICE_DAY,
): ParticipantStatus {
  const steps = timeline(t, now);
  const current =
    steps.findLast((s) => s.state === 'current')?.step ?? steps.findLast((s) => s.state === 'done')?.step ?? 'received';
  return { steps, current, expected: expectedAnswer(t, now, serviceHours, day) };
}
