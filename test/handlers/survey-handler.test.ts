/**
 * The survey pages' handler as API Gateway calls it: HTML pages with the survey headers, GET that
 * records nothing, POST that records, and a 4xx page, never a 500, for whatever a stranger sends.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { signSurveyToken } from '#core/survey-token.ts';
import { makeSurveyHandler } from '#handlers/survey-handler.ts';
import { buildSurveyDeps } from '#lambdas/wiring.ts';
import { apiEvent } from '#local/api-event.ts';
import { lambdaContext } from '../support/lambda.ts';

const now = new Date('2024-05-21T00:00:00.000Z');
let memory: MemoryAdapters;
let handler: ReturnType<typeof makeSurveyHandler>;

beforeEach(async () => {
  memory = new MemoryAdapters();
  handler = makeSurveyHandler(buildSurveyDeps({ SURVEY_REQUESTS_PER_MINUTE: 60 }, memory, () => now));
  await memory.surveys.open({
    ref: 'PRK-00000001',
    surveyId: 'sv-00000001',
    category: 'incentive',
    agent: 'dewi',
    resolvedAt: '2024-05-20T03:00:00.000Z',
    sentAt: '2024-05-20T04:00:00.000Z',
    day: '2024-05-20',
    expiresAt: '2024-06-03T04:00:00.000Z',
    rating: null,
    comment: null,
    ratedAt: null,
  });
});

const token = async (rating: 1 | 2 | 3 | 4 | 5) =>
  signSurveyToken(
    { ref: 'PRK-00000001', surveyId: 'sv-00000001', rating, expiresAt: '2024-06-03T04:00:00.000Z' },
    await memory.keyRing().key('survey'),
  );

async function request(method: string, url: string, body?: string, contentType = 'application/x-www-form-urlencoded') {
  const r = await handler(
    apiEvent({ method, url, body, headers: { 'content-type': contentType } }) as never,
    lambdaContext('survey'),
  );
  return {
    status: r.statusCode ?? 200,
    headers: (r.headers ?? {}) as Record<string, string>,
    body: String(r.body ?? ''),
  };
}

describe('survey pages handler', () => {
  it('shows the form on GET with the page headers, and records nothing', async () => {
    const r = await request('GET', `/survey?t=${await token(3)}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.body).toContain('value="3" checked');
    expect(await memory.surveys.get('PRK-00000001')).toMatchObject({ rating: null });
  });

  it('records the rating on POST and answers with the thanks page', async () => {
    const form = new URLSearchParams({ t: await token(3), rating: '4', comment: 'terima kasih' });
    const r = await request('POST', '/survey', form.toString());
    expect(r.status).toBe(200);
    expect(r.body).toContain('Terima kasih atas penilaian Anda');
    expect(await memory.surveys.get('PRK-00000001')).toMatchObject({ rating: 4, comment: 'terima kasih' });
  });

  it.each([
    ['GET without a token', 'GET', '/survey', undefined, undefined, 400],
    ['GET with a mangled token', 'GET', '/survey?t=%3Cscript%3E', undefined, undefined, 400],
    ['POST that is not a form', 'POST', '/survey', '{"rating":5}', 'application/json', 400],
    ['POST with an empty body', 'POST', '/survey', '', undefined, 400],
    ['POST of a huge form', 'POST', '/survey', `t=x&comment=${'a'.repeat(20_000)}`, undefined, 400],
    ['another path', 'GET', '/survey/lain', undefined, undefined, 404],
    ['another method', 'PUT', '/survey', 'x', undefined, 404],
  ])('answers %s with a 4xx page saying so', async (_what, method, url, body, type, status) => {
    const r = await request(method, url, body, type);
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<h1>');
  });

  it('answers a forged token with a 403 page and records nothing', async () => {
    const forged = await signSurveyToken(
      { ref: 'PRK-00000001', surveyId: 'sv-00000001', rating: 1, expiresAt: '2024-06-03T04:00:00.000Z' },
      new TextEncoder().encode('not-our-key-but-thirty-two-bytes-long'),
    );
    const r = await request('POST', '/survey', new URLSearchParams({ t: forged, rating: '1' }).toString());
    expect(r.status).toBe(403);
    expect(await memory.surveys.get('PRK-00000001')).toMatchObject({ rating: null });
  });

  it('limits each client to a few survey requests a minute (429 page), leaving other clients theirs', async () => {
    // Prepare
    const limited = makeSurveyHandler(buildSurveyDeps({ SURVEY_REQUESTS_PER_MINUTE: 2 }, memory, () => now));
    const open = async (sourceIp: string) =>
      (
        await limited(
          apiEvent({ method: 'GET', url: `/survey?t=${await token(4)}`, sourceIp }) as never,
          lambdaContext('survey'),
        )
      ).statusCode;

    // Act
    const scanner = [await open('198.51.100.40'), await open('198.51.100.40'), await open('198.51.100.40')];
    const participant = await open('203.0.113.41');

    // Assess
    expect(scanner).toEqual([200, 200, 429]);
    expect(participant).toBe(200);
  });
});
