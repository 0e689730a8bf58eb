/**
 * Tickets waiting for the participant do not wait forever: after `remindAfterServiceDays` service
 * days without an answer the participant is reminded once, and `closeAfterServiceDays` service
 * days after the reminder the ticket is closed unanswered (its participant links freed, the
 * participant told how to go on). Any mail of the participant's that joins the ticket starts the
 * wait afresh (core/intake.ts). A service day is one day of service hours (08:00-20:00 WIB), so
 * nights do not count. Pure: `now` comes in.
 */
import { sesRecipient } from './address.ts';
import { SYSTEM_SENDER } from './automated.ts';
import {
  addServiceHours,
  type ServiceDay,
  serviceDayHours,
  serviceHoursBetween,
  subtractServiceHours,
  WIB_SERVICE_DAY,
} from './sla.ts';
import type { Ticket } from './ticket.ts';

export interface WaitingPolicy {
  /** Service days of waiting before the one reminder. */
  remindAfterServiceDays: number;
  /** Service days after the reminder before the ticket is closed unanswered. */
  closeAfterServiceDays: number;
}

export const DEFAULT_WAITING_POLICY: WaitingPolicy = { remindAfterServiceDays: 3, closeAfterServiceDays: 7 };

export type WaitingTicket = Pick<Ticket, 'status' | 'createdAt' | 'waitingSince' | 'remindedAt'>;

/** What the wait is due for at `now`: the reminder, the close, or nothing yet. */
export type WaitingStep = 'remind' | 'close' | null;

/** When the current wait began (tickets stored before the wait was kept: when they were opened). */
export const waitStart = (t: Pick<Ticket, 'createdAt' | 'waitingSince'>): string => t.waitingSince ?? t.createdAt;

export function waitingStep(
  t: WaitingTicket,
  now: string,
  policy: WaitingPolicy,
  day: ServiceDay = WIB_SERVICE_DAY,
): WaitingStep {
  if (t.status !== 'waiting_participant') return null;
  const perDay = serviceDayHours(day);
  if (t.remindedAt)
    return serviceHoursBetween(t.remindedAt, now, day) >= policy.closeAfterServiceDays * perDay ? 'close' : null;
  return serviceHoursBetween(waitStart(t), now, day) >= policy.remindAfterServiceDays * perDay ? 'remind' : null;
}

/**
 * The latest wait start (not reminded yet) and the latest reminder time that are due at `now`:
 * the bounds the sweeper reads its lists up to, so it reads only the tickets due.
 */
export function waitingCutoffs(
  now: string,
  policy: WaitingPolicy,
  day: ServiceDay = WIB_SERVICE_DAY,
): { remindIfWaitingSince: string; closeIfRemindedAt: string } {
  const perDay = serviceDayHours(day);
  return {
    remindIfWaitingSince: subtractServiceHours(now, policy.remindAfterServiceDays * perDay, day),
    closeIfRemindedAt: subtractServiceHours(now, policy.closeAfterServiceDays * perDay, day),
  };
}

/** When a ticket reminded at `remindedAt` closes unanswered: what the reminder tells the participant. */
export function closesUnansweredAt(remindedAt: string, policy: WaitingPolicy, day: ServiceDay = WIB_SERVICE_DAY) {
  return addServiceHours(remindedAt, policy.closeAfterServiceDays * serviceDayHours(day), day);
}

/** A ticket's wait after a change to `status` at `at`: a new wait when it waits, none otherwise. */
export function waitAfter(status: Ticket['status'], at: string): Pick<Ticket, 'waitingSince' | 'remindedAt'> {
  return status === 'waiting_participant'
    ? { waitingSince: at, remindedAt: null }
    : { waitingSince: null, remindedAt: null };
}

export type WaitingMail =
  | { send: true; to: string }
  | { send: false; reason: 'no-address' | 'automated-address' | 'unverified-sender' | 'undeliverable' };

/**
 * Whether the participant gets the reminder and the closing mail, and at which address: the
 * rules of every automatic mail (as the survey's): never to a machine's address, never to a sender
 * who was not verified (the mail would go to whoever they impersonated), only to an address SES
 * sends to. The ticket is reminded and closed on time either way.
 */
export function waitingMail(t: Pick<Ticket, 'replyTo' | 'senderVerified'>): WaitingMail {
  if (!t.replyTo) return { send: false, reason: 'no-address' };
  if (SYSTEM_SENDER.test(t.replyTo.split('@')[0] ?? '')) return { send: false, reason: 'automated-address' };
  // Tickets stored before senders were judged have no verdict: read as verified, as the agent API does.
  if (t.senderVerified === false) return { send: false, reason: 'unverified-sender' };
  const to = sesRecipient(t.replyTo);
  return to.ok ? { send: true, to: to.address } : { send: false, reason: 'undeliverable' };
}
