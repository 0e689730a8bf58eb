/**
 * The satisfaction survey's use cases: sending the surveys that are due (the sweeper, every
 * minute), and the participant's answer through a link (the public survey pages). A link only
 * shows the form; the rating is recorded when the form is sent, so mail scanners that open every
 * link do not vote. Errors are values (a SurveyProblem) the handler turns into a page.
 */
import type { SurveyProblem } from '#core/pages/survey-page.ts';
import {
  COMMENT_MAX,
  isRating,
  RATINGS,
  type Rating,
  SURVEY_VALID_MS,
  type Survey,
  surveyIdFor,
  wibDay,
} from '#core/survey.ts';
import { isEmptyDelta, ratingGiven, surveySent } from '#core/survey-report.ts';
import { signSurveyToken, verifySurveyToken } from '#core/survey-token.ts';
import type { KeyRing, ReplyJob, ReplyQueue, RequestQuota, SurveyDue, SurveyStore } from '#ports';
import { withinPerMinute } from './quota.ts';

// ---------------------------------------------------------------- sending (the sweeper)

export interface SurveyMailDeps {
  surveys: SurveyStore;
  replies: ReplyQueue;
  keys: KeyRing;
  /** Where the survey pages are served (the public API), without a trailing slash. */
  publicBaseUrl: string;
  now: () => Date;
}

export interface SurveySendResult {
  /** Surveys queued for the mailer. */
  queued: number;
  /** Resolutions of tickets that had their survey before (reopened and resolved again): none sent. */
  alreadySurveyed: number;
}

/** At most this many surveys per sweep (one a minute): the rest wait for the next. */
export const SURVEYS_PER_SWEEP = 200;

/** The page a link opens: `<base>/survey?t=<token>`. */
export function surveyLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/survey?t=${encodeURIComponent(token)}`;
}

function surveyFor(due: SurveyDue, at: string): Survey {
  const { ticket } = due;
  return {
    ref: ticket.ref,
    surveyId: surveyIdFor(ticket.ref, due.dueAt),
    category: ticket.category,
    agent: due.resolvedBy,
    resolvedAt: ticket.resolvedAt ?? due.dueAt,
    sentAt: at,
    day: wibDay(at),
    expiresAt: new Date(Date.parse(at) + SURVEY_VALID_MS).toISOString(),
    rating: null,
    comment: null,
    ratedAt: null,
  };
}

async function surveyJob(due: SurveyDue, survey: Survey, d: SurveyMailDeps, key: Uint8Array): Promise<ReplyJob> {
  const links = await Promise.all(
    RATINGS.map(async (rating) =>
      surveyLink(
        d.publicBaseUrl,
        await signSurveyToken({ ref: survey.ref, surveyId: survey.surveyId, rating, expiresAt: survey.expiresAt }, key),
      ),
    ),
  );
  const inReplyTo = due.lastMessageId;
  return {
    // One survey mail per ticket: the mailer sends a job id once.
    jobId: `${survey.ref}:survey`,
    kind: 'survey',
    ticketRef: survey.ref,
    to: due.ticket.replyTo ?? '',
    category: survey.category,
    missing: [],
    inReplyTo,
    references: inReplyTo ? [inReplyTo] : [],
    survey: { links, expiresAt: survey.expiresAt },
  };
}

/**
 * Sends the surveys that are due. Each ticket gets one survey: the first resolution's creates it
 * (a conditional write keyed by the ticket); a later resolution finds it and sends nothing. A
 * sweep that stopped half-way leaves the ticket on the list, and the next one finishes it with
 * the same survey (its id derives from the resolution) and the same job id (sent once).
 */
export async function sendDueSurveys(d: SurveyMailDeps): Promise<SurveySendResult> {
  const at = d.now().toISOString();
  const result: SurveySendResult = { queued: 0, alreadySurveyed: 0 };
  const due = await d.surveys.due(at, SURVEYS_PER_SWEEP);
  if (due.length === 0) return result;
  const key = await d.keys.key('survey');
  for (const item of due) {
    let survey = surveyFor(item, at);
    const opened = await d.surveys.open(survey);
    if (opened.kind === 'exists' && opened.survey.surveyId !== survey.surveyId) {
      await d.surveys.done(item.ticket.ref, item.dueAt);
      result.alreadySurveyed++;
      continue;
    }
    if (opened.kind === 'exists') survey = opened.survey;
    else await d.surveys.count(survey, surveySent());
    const failed = await d.replies.enqueue([await surveyJob(item, survey, d, key)]);
    if (failed.length > 0) throw new Error(`could not queue the survey of ticket ${survey.ref}`);
    await d.surveys.done(item.ticket.ref, item.dueAt);
    result.queued++;
  }
  return result;
}

// ---------------------------------------------------------------- answering (the survey pages)

export interface SurveyAnswerDeps {
  surveys: SurveyStore;
  keys: KeyRing;
  /** Per-client counts, as on the status route: pages opened and forms sent a minute, per client. */
  quota: RequestQuota;
  requestsPerMinute: number;
  now: () => Date;
}

/** What the form shows: the survey, the rating to preselect, what was recorded before. */
export interface SurveyForm {
  ref: string;
  token: string;
  rating: Rating;
  recorded: { rating: Rating; comment: string | null } | null;
  expiresAt: string;
}

export type SurveyPageResult = { ok: true; form: SurveyForm } | { ok: false; problem: SurveyProblem };

export type SurveyAnswerResult =
  | {
      ok: true;
      form: SurveyForm & { recorded: { rating: Rating; comment: string | null } };
      /** The rating this answer replaced (null for a first answer). */
      previous: Rating | null;
    }
  | { ok: false; problem: SurveyProblem };

/** The form's fields, as sent. */
export interface SurveyAnswer {
  token: string;
  rating: string | null;
  comment: string | null;
}

function parseRating(value: string | null): Rating | null {
  if (!value || !/^[1-5]$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return isRating(n) ? n : null;
}

/** The comment as kept: trimmed, line ends unified, empty as none; too long is refused, not cut. */
function parseComment(value: string | null): { ok: true; comment: string | null } | { ok: false } {
  const c = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (c.length > COMMENT_MAX) return { ok: false };
  return { ok: true, comment: c || null };
}

export class SurveyAnswers {
  constructor(private readonly d: SurveyAnswerDeps) {}

  /** The token checked and its survey found; nothing is written. */
  private async survey(
    token: string,
  ): Promise<{ ok: true; survey: Survey; rating: Rating } | { ok: false; problem: SurveyProblem }> {
    const now = this.d.now();
    const check = await verifySurveyToken(token, await this.d.keys.key('survey'), now);
    if (!check.ok) return { ok: false, problem: check.reason };
    const survey = await this.d.surveys.get(check.claims.ref);
    if (!survey || survey.surveyId !== check.claims.surveyId) return { ok: false, problem: 'unknown' };
    if (survey.expiresAt <= now.toISOString()) return { ok: false, problem: 'expired' };
    return { ok: true, survey, rating: check.claims.rating };
  }

  /**
   * Each client (IP address, kept only hashed) gets a few survey requests a minute, counted in the
   * table like the status route's, so one client cannot use up the route for every participant.
   * Requests without a known client (tests, tools) are not counted.
   */
  private async withinQuota(client: string | null): Promise<boolean> {
    if (client === null) return true;
    return withinPerMinute(this.d.quota, client, this.d.requestsPerMinute, this.d.now(), 'survey');
  }

  /** What a link opens (GET): the form with the link's rating chosen. Records nothing. */
  async open(token: string, client: string | null = null): Promise<SurveyPageResult> {
    if (!(await this.withinQuota(client))) return { ok: false, problem: 'too-many' };
    const s = await this.survey(token);
    if (!s.ok) return s;
    const { survey } = s;
    return {
      ok: true,
      form: {
        ref: survey.ref,
        token,
        rating: s.rating,
        recorded: survey.rating ? { rating: survey.rating, comment: survey.comment } : null,
        expiresAt: survey.expiresAt,
      },
    };
  }

  /** The form sent (POST): records the rating, or changes the one recorded, until the survey expires. */
  async answer(a: SurveyAnswer, client: string | null = null): Promise<SurveyAnswerResult> {
    if (!(await this.withinQuota(client))) return { ok: false, problem: 'too-many' };
    const s = await this.survey(a.token);
    if (!s.ok) return s;
    const rating = parseRating(a.rating);
    const comment = parseComment(a.comment);
    if (rating === null || !comment.ok) return { ok: false, problem: 'bad-form' };
    const at = this.d.now().toISOString();
    const before = await this.d.surveys.rate(s.survey.ref, s.survey.surveyId, rating, comment.comment, at);
    if (!before) return { ok: false, problem: 'expired' };
    const delta = ratingGiven(before.rating, rating);
    if (!isEmptyDelta(delta)) await this.d.surveys.count(before, delta);
    return {
      ok: true,
      previous: before.rating,
      form: {
        ref: before.ref,
        token: a.token,
        rating,
        recorded: { rating, comment: comment.comment },
        expiresAt: before.expiresAt,
      },
    };
  }
}
