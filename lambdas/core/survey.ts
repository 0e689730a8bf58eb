/**
 * The satisfaction survey (CSAT) sent after a ticket is resolved: who gets one and when, the
 * survey's identity, and the day a survey counts towards in the reports. Pure: times come in as
 * ISO strings and millisecond counts.
 */
import { createHash } from 'node:crypto';
import { SYSTEM_SENDER } from './automated.ts';
import type { Ticket } from './ticket.ts';

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

export const isRating = (n: unknown): n is Rating =>
  typeof n === 'number' && (RATINGS as readonly number[]).includes(n);

/** What each point of the scale means, as the mail and the page say it. */
export const RATING_LABELS: Record<Rating, string> = {
  1: 'Sangat tidak puas',
  2: 'Tidak puas',
  3: 'Biasa saja',
  4: 'Puas',
  5: 'Sangat puas',
};

/** Ratings that count as satisfied in the CSAT percentage. */
export const SATISFIED: readonly Rating[] = [4, 5];

/** How long the survey's links work, and its rating can be changed, after it is sent. */
export const SURVEY_VALID_MS = 14 * 24 * 3600 * 1000;

/** The longest comment kept with a rating. */
export const COMMENT_MAX = 1000;

export type NoSurveyReason = 'no-address' | 'automated-address' | 'unverified-sender' | 'not-resolved';

export type SurveyPlan = { send: true; dueAt: string } | { send: false; reason: NoSurveyReason };

/**
 * Whether a ticket just resolved gets a survey, and when. Never to a machine's address (as the
 * mailer), never to a sender who was not verified (the survey would go to whoever they
 * impersonated), only for a resolution by an agent (a ticket closed unanswered gets none).
 */
export function planSurvey(
  ticket: Pick<Ticket, 'status' | 'replyTo' | 'resolvedAt'>,
  senderVerified: boolean,
  delayMs: number,
): SurveyPlan {
  if (ticket.status !== 'resolved' || !ticket.resolvedAt) return { send: false, reason: 'not-resolved' };
  if (!ticket.replyTo) return { send: false, reason: 'no-address' };
  if (SYSTEM_SENDER.test(ticket.replyTo.split('@')[0] ?? '')) return { send: false, reason: 'automated-address' };
  if (!senderVerified) return { send: false, reason: 'unverified-sender' };
  return { send: true, dueAt: new Date(Date.parse(ticket.resolvedAt) + delayMs).toISOString() };
}

/**
 * A survey's id: derived from the ticket and the resolution it follows, so a sweeper that runs
 * again after a crash names the same survey. Not a secret: the links are signed.
 */
export function surveyIdFor(ref: string, dueAt: string): string {
  return createHash('sha256').update(`${ref}|${dueAt}`).digest('base64url').slice(0, 16);
}

const WIB_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day in WIB (UTC+7, no daylight saving) of an instant: reports are by the centre's day. */
export function wibDay(iso: string): string {
  return new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The months as Indonesian writes them. */
export const INDONESIAN_MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** "25 Maret 2024 pukul 10.00 WIB": how the page and the mail state a deadline. */
export function wibDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + WIB_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${INDONESIAN_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} pukul ${two(d.getUTCHours())}.${two(d.getUTCMinutes())} WIB`;
}

/** One survey per ticket, as stored: sent once, its rating set and changed until it expires. */
export interface Survey {
  ref: string;
  surveyId: string;
  category: Ticket['category'];
  /** The agent who resolved the ticket. */
  agent: string;
  resolvedAt: string;
  sentAt: string;
  /** The report day (WIB) the survey and its answer count towards: the day it was sent. */
  day: string;
  expiresAt: string;
  rating: Rating | null;
  comment: string | null;
  ratedAt: string | null;
}
