/**
 * The survey pages' handler (public HTTP API routes, no sign-in): GET /survey?t=<token> shows the
 * rating form and records nothing (mail scanners open every link); POST /survey (the form, as
 * application/x-www-form-urlencoded) records the rating. Every answer is a complete HTML page;
 * bad, forged and expired links get a page saying so with a 4xx status, never a 500.
 */
import { MethodNotAllowedError, NotFoundError, Router } from '@aws-lambda-powertools/event-handler/http';
import type { RequestContext } from '@aws-lambda-powertools/event-handler/types';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { type SurveyAnswerDeps, SurveyAnswers } from '#app/survey.ts';
import {
  renderSurveyForm,
  renderSurveyProblem,
  renderSurveyThanks,
  SURVEY_PAGE_CSP,
  type SurveyProblem,
} from '#core/pages/survey-page.ts';
import { clientOf } from './client-ip.ts';
import { instrument, logger, metrics } from './observability.ts';

/** What every survey page is sent with: no caching (tokens in the URL), no framing, no referrer. */
export const SURVEY_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': SURVEY_PAGE_CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex, nofollow',
};

/** A form of one rating and a comment of at most 1,000 characters (each may be escaped to 9 bytes). */
const MAX_FORM_BYTES = 12_000;

const page = (status: number, html: string) => new Response(html, { status, headers: SURVEY_PAGE_HEADERS });

function problemPage(problem: SurveyProblem): Response {
  const p = renderSurveyProblem(problem);
  logger.info('survey request refused', { problem });
  return page(p.status, p.html);
}

async function formOf(reqCtx: RequestContext): Promise<URLSearchParams | null> {
  const type = reqCtx.req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return null;
  const body = await reqCtx.req.text();
  if (Buffer.byteLength(body) > MAX_FORM_BYTES) return null;
  return new URLSearchParams(body);
}

export function makeSurveyRouter(answers: SurveyAnswers): Router {
  const app = new Router({ logger });

  app.get('/survey', async (reqCtx) => {
    const token = new URL(reqCtx.req.url).searchParams.get('t') ?? '';
    const r = await answers.open(token, clientOf(reqCtx));
    return r.ok ? page(200, renderSurveyForm(r.form)) : problemPage(r.problem);
  });

  app.post('/survey', async (reqCtx) => {
    const form = await formOf(reqCtx);
    if (!form) return problemPage('bad-form');
    const r = await answers.answer(
      {
        token: form.get('t') ?? '',
        rating: form.get('rating'),
        comment: form.get('comment'),
      },
      clientOf(reqCtx),
    );
    if (!r.ok) return problemPage(r.problem);
    const { rating } = r.form.recorded;
    metrics.addMetric('SurveyRatingsReceived', MetricUnit.Count, 1);
    metrics.addMetric('SurveyRating', MetricUnit.NoUnit, rating);
    logger.info('survey answered', { ticketRef: r.form.ref, rating, changed: r.previous !== null });
    return page(200, renderSurveyThanks(r.form));
  });

  app.errorHandler(NotFoundError, async () => problemPage('unknown'));
  app.errorHandler(MethodNotAllowedError, async () => {
    const p = renderSurveyProblem('bad-form');
    return new Response(p.html, { status: 405, headers: { ...SURVEY_PAGE_HEADERS, allow: 'GET, POST' } });
  });
  return app;
}

export function makeSurveyHandler(deps: SurveyAnswerDeps) {
  const app = makeSurveyRouter(new SurveyAnswers(deps));
  return instrument((event: APIGatewayProxyEventV2, context: Context) => app.resolve(event as never, context));
}
