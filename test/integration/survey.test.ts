/**
 * The satisfaction survey on the emulators, with the real handlers and a clock the test controls:
 * resolve → the survey mail after the delay → a link's GET shows the page and records nothing →
 * the form's POST records → a second POST changes it → expired and forged links refused → reopened
 * and resolved again, no second survey; the supervisors' report matches what was recorded.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { signSurveyToken } from '#core/survey-token.ts';
import type { Ticket } from '#core/ticket.ts';
import type { ApiHandler } from '#local/agent-server.ts';
import { apiEvent } from '#local/api-event.ts';
import { type Caller, checkedApiClient } from '../support/agent-api.ts';
import { lambdaContext } from '../support/lambda.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { COMPLETE, LARAS } from '../support/mails.ts';
import { mime } from '../support/mime.ts';

let clock = new Date('2024-05-20T02:00:00.000Z');
let stack: TestStack;
let call: ReturnType<typeof checkedApiClient>;
const dewi: Caller = { agent: 'dewi', queues: ['incentive'] };
const rina: Caller = { agent: 'rina', queues: [], supervisor: true };
const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

beforeAll(async () => {
  stack = await startTestStack({ now: () => clock });
  call = checkedApiClient(stack.pipeline.agentApi);
});
afterAll(async () => stack?.stop());

async function page(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
  const r = await (stack.pipeline.survey as ApiHandler)(
    apiEvent({
      method,
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form ? new URLSearchParams(form).toString() : undefined,
    }),
    lambdaContext('survey'),
  );
  return { status: r.statusCode ?? 200, html: String(r.body ?? '') };
}

async function surveyItem(ref: string) {
  const r = await stack.clients.dynamo.send(
    new GetCommand({ TableName: stack.provisioned.names.table, Key: { PK: `TICKET#${ref}`, SK: 'SURVEY' } }),
  );
  return r.Item;
}

const surveyMails = async (ref: string) =>
  (await stack.sentMail()).filter((m) => m.subject === `[${ref}] Bagaimana penanganan pengaduan Anda?`);
const linksIn = (text: string) =>
  [...text.matchAll(/http:\/\/127\.0\.0\.1:3000\/survey\?t=[A-Za-z0-9._-]+/g)].map((m) => m[0]);
const pathOf = (link: string) => link.slice('http://127.0.0.1:3000'.length);
const tokenOf = (link: string) => new URL(link).searchParams.get('t') ?? '';
const sweepAndSend = async () => {
  const r = await stack.pipeline.sweep();
  await stack.drain();
  return r;
};
const report = async () =>
  (
    await call<{ total: Record<string, unknown>; byAgent: unknown[]; byCategory: unknown[]; byDay: unknown[] }>(
      'GET',
      '/reports/csat?from=2024-05-20&to=2024-05-20',
      { as: rina },
    )
  ).body;

describe('the satisfaction survey', () => {
  let ref: string;
  let links: string[];

  it('is mailed once the delay after the resolution has passed, threaded to the ticket', async () => {
    // Prepare: a complete complaint, claimed and resolved
    await stack.deliver({ raw: await COMPLETE.raw(), source: COMPLETE.source, at: clock });
    await stack.drain();
    const claimed = await call<{ ticket: Ticket }>('POST', '/queues/incentive/claim', { as: dewi });
    ref = claimed.body.ticket.ref;
    await call('POST', `/tickets/${ref}/resolve`, { as: dewi, body: { reply: 'Insentif Anda sudah kami proses.' } });
    await stack.drain();

    // Act
    minutes(59);
    const early = await sweepAndSend();
    const beforeDue = await surveyMails(ref);
    minutes(2);
    const due = await sweepAndSend();

    // Assess
    expect(early.surveysQueued).toBe(0);
    expect(beforeDue).toEqual([]);
    expect(due.surveysQueued).toBe(1);
    const [mail, ...more] = await surveyMails(ref);
    expect(more).toEqual([]);
    expect(mail?.destination.to).toEqual([LARAS.address]);
    links = linksIn(mail?.body.text ?? '');
    expect(links).toHaveLength(5);
    expect(linksIn(mail?.body.html ?? '')).toEqual(links);
    expect(await report()).toMatchObject({ total: { sent: 1, answered: 0 } });
  });

  it('shows the form with the link’s rating chosen on GET and records nothing', async () => {
    // Act
    const opened = await Promise.all(links.map((l) => page('GET', pathOf(l))));

    // Assess
    expect(opened.map((o) => o.status)).toEqual([200, 200, 200, 200, 200]);
    expect(opened.map((o) => /value="(\d)" checked/.exec(o.html)?.[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(await surveyItem(ref)).toMatchObject({ rating: null, ratedAt: null });
    expect((await report()).total).toMatchObject({ answered: 0 });
  });

  it('records the rating the form sends, then changes it on a second POST', async () => {
    // Act
    const first = await page('POST', '/survey', { t: tokenOf(links[3] ?? ''), rating: '4', comment: 'cepat' });
    const afterFirst = await surveyItem(ref);
    minutes(5);
    const second = await page('POST', '/survey', { t: tokenOf(links[3] ?? ''), rating: '5', comment: '' });

    // Assess
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(afterFirst).toMatchObject({ rating: 4, comment: 'cepat' });
    expect(await surveyItem(ref)).toMatchObject({ rating: 5, comment: null, ratedAt: clock.toISOString() });
    const r = await report();
    expect(r.total).toEqual({
      sent: 1,
      answered: 1,
      ratings: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 },
      csatPercent: 100,
      responseRatePercent: 100,
    });
    expect(r.byAgent).toEqual([expect.objectContaining({ agent: 'dewi', sent: 1, answered: 1, csatPercent: 100 })]);
    expect(r.byCategory).toEqual([expect.objectContaining({ category: 'incentive', sent: 1, answered: 1 })]);
    expect(r.byDay).toEqual([expect.objectContaining({ day: '2024-05-20', sent: 1, answered: 1 })]);
  });

  it('refuses a forged link (403) and, after 14 days, an expired one (410), changing nothing', async () => {
    // Prepare
    const item = await surveyItem(ref);
    const forged = await signSurveyToken(
      { ref, surveyId: String(item?.surveyId), rating: 1, expiresAt: String(item?.expiresAt) },
      new TextEncoder().encode('a-key-that-is-not-the-deployed-one!!'),
    );

    // Act
    const forgedGet = await page('GET', `/survey?t=${forged}`);
    const forgedPost = await page('POST', '/survey', { t: forged, rating: '1' });
    const saved = clock;
    clock = new Date(Date.parse(String(item?.expiresAt)) + 1000);
    const expiredGet = await page('GET', pathOf(links[0] ?? ''));
    const expiredPost = await page('POST', '/survey', { t: tokenOf(links[0] ?? ''), rating: '1' });
    clock = saved;

    // Assess
    expect([forgedGet.status, forgedPost.status, expiredGet.status, expiredPost.status]).toEqual([403, 403, 410, 410]);
    expect(expiredGet.html).toContain('Masa penilaian sudah berakhir');
    expect(await surveyItem(ref)).toMatchObject({ rating: 5 });
  });

  it('sends no second survey when the ticket is reopened and resolved again', async () => {
    // Prepare: the participant answers the resolution, which reopens the ticket
    minutes(30);
    const again = await mime({
      from: `${LARAS.name} <${LARAS.address}>`,
      subject: `Re: [${ref}] Tanggapan atas pengaduan Anda`,
      messageId: '<laras-again@surel.example>',
      text: 'Maaf admin, dananya ternyata belum masuk juga sampai sore ini.',
    });
    await stack.deliver({ raw: again, source: LARAS.address, at: clock });
    await stack.drain();
    const reclaimed = await call<{ ticket: Ticket }>('POST', '/queues/incentive/claim', { as: dewi });
    expect(reclaimed.body.ticket).toMatchObject({ ref, status: 'claimed' });
    await call('POST', `/tickets/${ref}/resolve`, { as: dewi, body: { reply: 'Sudah kami cek ulang.' } });
    await stack.drain();

    // Act
    minutes(61);
    const r = await sweepAndSend();

    // Assess
    expect(r).toMatchObject({ surveysQueued: 0, surveysAlreadySent: 1 });
    expect(await surveyMails(ref)).toHaveLength(1);
    expect((await report()).total).toMatchObject({ sent: 1, answered: 1 });
  });
});
