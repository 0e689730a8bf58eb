/**
 * The satisfaction survey's use cases on adapters in memory: a resolution schedules one survey per
 * ticket, the sweeper sends it when due, a link shows the form and records nothing, the form
 * records and changes the rating, and the supervisors' report counts what was recorded.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { type Agent, AgentApi } from '#app/agent-api.ts';
import { type SurveyAnswer, SurveyAnswers } from '#app/survey.ts';
import { sweep } from '#app/sweeper.ts';
import { signSurveyToken } from '#core/survey-token.ts';
import { buildAgentApiDeps, buildSurveyDeps, buildSweeperDeps } from '#lambdas/wiring.ts';
import { type SeedTicket, seedTicket } from '#local/seed-tickets.ts';
import type { ReplyJob } from '#ports';
import { AGENT_API_CONFIG, SWEEPER_CONFIG } from '../support/configs.ts';
import { reopenByAnswer } from '../support/reopen.ts';

let clock: Date;
let memory: MemoryAdapters;
let api: AgentApi;
let answers: SurveyAnswers;
let n = 0;
const BASE = 'https://survei.example';
const dewi: Agent = { id: 'dewi', queues: ['incentive', 'certificate'], supervisor: false };
const rina: Agent = { id: 'rina', queues: [], supervisor: true };

beforeEach(() => {
  clock = new Date('2024-05-20T03:00:00.000Z');
  memory = new MemoryAdapters();
  api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock));
  answers = new SurveyAnswers(buildSurveyDeps({ SURVEY_REQUESTS_PER_MINUTE: 60 }, memory, () => clock));
});

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
const runSweep = () => sweep(buildSweeperDeps({ ...SWEEPER_CONFIG, SURVEY_BASE_URL: BASE }, memory, () => clock));
const surveyJobs = () => memory.queue.jobs.filter((j) => j.kind === 'survey');
const tokenOf = (link: string) => new URL(link).searchParams.get('t') ?? '';

async function resolved(t: Partial<SeedTicket> = {}, agent = dewi) {
  const ticket = await seedTicket(memory.tickets, ++n, { category: 'incentive', ...t });
  await api.claim(agent, ticket.category);
  await api.resolve(agent, ticket.ref, 'Insentif sudah kami proses.');
  return ticket;
}

const reopen = (ref: string) => reopenByAnswer(memory.tickets, ref, clock, 'incentive');

async function sentSurvey(): Promise<ReplyJob> {
  later(61);
  await runSweep();
  const [job] = surveyJobs();
  if (!job?.survey) throw new Error('no survey was queued');
  return job;
}

const form = (link: string, rating: string | null, comment: string | null = null): SurveyAnswer => ({
  token: tokenOf(link),
  rating,
  comment,
});

describe('sending the survey', () => {
  it('queues one survey mail, threaded to the ticket, once the delay after the resolution has passed', async () => {
    // Prepare
    const t = await resolved();

    // Act
    later(59);
    const early = await runSweep();
    later(2);
    const due = await runSweep();
    const again = await runSweep();

    // Assess
    expect(early.surveysQueued).toBe(0);
    expect(due.surveysQueued).toBe(1);
    expect(again.surveysQueued).toBe(0);
    const [job] = surveyJobs();
    expect(job).toMatchObject({
      jobId: `${t.ref}:survey`,
      ticketRef: t.ref,
      to: t.replyTo,
      inReplyTo: `<seed-${n}@mail.example.com>`,
      references: [`<seed-${n}@mail.example.com>`],
    });
    expect(job?.survey?.links).toHaveLength(5);
    expect(job?.survey?.links.every((l) => l.startsWith(`${BASE}/survey?t=`))).toBe(true);
    expect(job?.survey?.expiresAt).toBe('2024-06-03T04:01:00.000Z');
    expect(await api.csatReport(rina, '2024-05-20', '2024-05-20')).toMatchObject({
      total: { sent: 1, answered: 0, responseRatePercent: 0 },
    });
  });

  it('sends none to a machine’s address', async () => {
    await resolved({ email: 'noreply@layanan.example' });
    later(120);
    expect((await runSweep()).surveysQueued).toBe(0);
    expect(surveyJobs()).toEqual([]);
  });

  it('sends the survey after the last resolution when the ticket was reopened before it was due', async () => {
    // Prepare
    const t = await resolved();
    later(30);
    await reopen(t.ref);

    // Act
    later(60);
    const whileOpen = await runSweep();
    await api.claim(dewi, 'incentive');
    await api.resolve(dewi, t.ref, 'Sudah kami cek ulang.');
    later(61);
    const afterSecond = await runSweep();

    // Assess
    expect(whileOpen.surveysQueued).toBe(0);
    expect(afterSecond.surveysQueued).toBe(1);
    expect(surveyJobs()).toHaveLength(1);
  });

  it('sends no second survey when a surveyed ticket is reopened and resolved again', async () => {
    // Prepare
    const t = await resolved();
    await sentSurvey();
    await reopen(t.ref);
    await api.claim(dewi, 'incentive');
    await api.resolve(dewi, t.ref, 'Sudah selesai.');

    // Act
    later(61);
    const r = await runSweep();

    // Assess
    expect(r).toMatchObject({ surveysQueued: 0, surveysAlreadySent: 1 });
    expect(surveyJobs()).toHaveLength(1);
    expect((await api.csatReport(rina, '2024-05-20', '2024-05-21')).total.sent).toBe(1);
  });

  it('finishes a sweep that stopped after creating the survey, with the same survey and job', async () => {
    // Prepare: the queue fails once, after the survey was created
    await resolved();
    const enqueue = memory.queue.enqueue.bind(memory.queue);
    memory.queue.enqueue = async () => {
      memory.queue.enqueue = enqueue;
      throw new Error('queue unavailable');
    };
    later(61);
    await expect(runSweep()).rejects.toThrow('queue unavailable');

    // Act
    later(1);
    const r = await runSweep();

    // Assess
    expect(r.surveysQueued).toBe(1);
    const [job] = surveyJobs();
    expect((await answers.open(tokenOf(job?.survey?.links[0] ?? ''))).ok).toBe(true);
    expect((await api.csatReport(rina, '2024-05-20', '2024-05-20')).total.sent).toBe(1);
  });
});

describe('answering the survey', () => {
  it('shows the link’s rating on the form and records nothing until the form is sent', async () => {
    // Prepare
    const t = await resolved();
    const job = await sentSurvey();

    // Act
    const opened = await Promise.all((job.survey?.links ?? []).map((l) => answers.open(tokenOf(l))));

    // Assess
    expect(opened.map((o) => (o.ok ? o.form.rating : null))).toEqual([1, 2, 3, 4, 5]);
    expect(opened[0]).toMatchObject({ ok: true, form: { ref: t.ref, recorded: null } });
    expect(await memory.surveys.get(t.ref)).toMatchObject({ rating: null, ratedAt: null });
    expect((await api.csatReport(rina, '2024-05-20', '2024-05-20')).total.answered).toBe(0);
  });

  it('records the rating sent with the form, then changes it, counting the survey answered once', async () => {
    // Prepare
    const t = await resolved();
    const links = (await sentSurvey()).survey?.links ?? [];

    // Act
    const first = await answers.answer(form(links[4] ?? '', '5', '  Petugas ramah  '));
    later(10);
    const second = await answers.answer(form(links[4] ?? '', '2', ''));

    // Assess
    expect(first).toMatchObject({
      ok: true,
      previous: null,
      form: { recorded: { rating: 5, comment: 'Petugas ramah' } },
    });
    expect(second).toMatchObject({ ok: true, previous: 5, form: { recorded: { rating: 2, comment: null } } });
    expect(await memory.surveys.get(t.ref)).toMatchObject({ rating: 2, comment: null, ratedAt: clock.toISOString() });
    const report = await api.csatReport(rina, '2024-05-20', '2024-05-20');
    expect(report.total).toEqual({
      sent: 1,
      answered: 1,
      ratings: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 },
      csatPercent: 0,
      responseRatePercent: 100,
    });
    expect(report.byAgent).toEqual([expect.objectContaining({ agent: 'dewi', answered: 1 })]);
    expect(report.byCategory).toEqual([expect.objectContaining({ category: 'incentive', sent: 1 })]);
  });

  it('refuses a form without a rating on the scale, or with too long a comment, recording nothing', async () => {
    const t = await resolved();
    const [link = ''] = (await sentSurvey()).survey?.links ?? [];
    for (const bad of [form(link, null), form(link, '6'), form(link, '4', 'x'.repeat(1001))])
      expect(await answers.answer(bad)).toEqual({ ok: false, problem: 'bad-form' });
    expect(await memory.surveys.get(t.ref)).toMatchObject({ rating: null });
  });

  it('refuses links once the survey expired, and forged or unknown ones', async () => {
    // Prepare
    const t = await resolved();
    const [link = ''] = (await sentSurvey()).survey?.links ?? [];
    const survey = await memory.surveys.get(t.ref);
    const otherKey = new TextEncoder().encode('someone-elses-key-of-thirty-two-bytes');
    const forged = await signSurveyToken(
      { ref: t.ref, surveyId: survey?.surveyId ?? '', rating: 5, expiresAt: survey?.expiresAt ?? '' },
      otherKey,
    );
    const devKey = await memory.keyRing().key('survey');
    const unknown = await signSurveyToken(
      { ref: 'PRK-ZZZZZZZZ', surveyId: survey?.surveyId ?? '', rating: 5, expiresAt: survey?.expiresAt ?? '' },
      devKey,
    );

    // Act / Assess
    expect(await answers.answer({ token: forged, rating: '5', comment: null })).toEqual({
      ok: false,
      problem: 'forged',
    });
    expect(await answers.open(unknown)).toEqual({ ok: false, problem: 'unknown' });
    expect(await answers.open('nonsense')).toEqual({ ok: false, problem: 'malformed' });
    clock = new Date(Date.parse(survey?.expiresAt ?? '') + 1000);
    expect(await answers.open(tokenOf(link))).toEqual({ ok: false, problem: 'expired' });
    expect(await answers.answer(form(link, '5'))).toEqual({ ok: false, problem: 'expired' });
    expect(await memory.surveys.get(t.ref)).toMatchObject({ rating: null });
  });
});

describe('the satisfaction report', () => {
  it('is for supervisors only, over a valid period of at most 92 days', async () => {
    const fails = (kind: string) => expect.objectContaining({ name: 'AppError', kind });
    await expect(api.csatReport(dewi, '2024-05-01', '2024-05-02')).rejects.toEqual(fails('Forbidden'));
    await expect(api.csatReport(rina, '2024-05-02', '2024-05-01')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.csatReport(rina, '2024-02-30', '2024-03-01')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.csatReport(rina, 'kemarin', '2024-03-01')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.csatReport(rina, null, '2024-03-01')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.csatReport(rina, '2024-01-01', '2024-04-02')).rejects.toEqual(fails('InvalidInput'));
    expect((await api.csatReport(rina, '2024-01-01', '2024-04-01')).total.sent).toBe(0);
  });
});
