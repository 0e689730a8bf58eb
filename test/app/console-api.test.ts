/**
 * The use cases the agents' console needs beyond claiming and resolving, on adapters in memory:
 * who am I, get next over all queues, ask the participant, a participant's other tickets, the
 * supervisors' views and search, and canned responses.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { type Agent, AgentApi } from '#app/agent-api.ts';
import { CannedResponsesApi } from '#app/canned-responses.ts';
import type { AppError } from '#app/errors.ts';
import { sweep } from '#app/sweeper.ts';
import { buildAgentApiDeps, buildSweeperDeps } from '#lambdas/wiring.ts';
import { type SeedTicket, seededTicket } from '#local/seed-tickets.ts';
import { AGENT_API_CONFIG, SWEEPER_CONFIG } from '../support/configs.ts';
import { fileTicket } from '../support/file-ticket.ts';

let clock: Date;
let memory: MemoryAdapters;
let api: AgentApi;
let canned: CannedResponsesApi;
let n = 0;
let ids = 0;
beforeEach(() => {
  clock = new Date('2024-05-20T03:00:00.000Z');
  memory = new MemoryAdapters();
  const deps = buildAgentApiDeps(
    AGENT_API_CONFIG,
    memory,
    () => clock,
    () => `c${++ids}`,
  );
  api = new AgentApi(deps);
  canned = new CannedResponsesApi(deps);
});
/** A ticket as triage files it: linked under the participant's keys. */
async function file(t: SeedTicket) {
  const { ticket, first } = seededTicket(++n, t);
  const keys = [
    ...(ticket.fields.cardNumber ? [{ kind: 'card' as const, value: ticket.fields.cardNumber }] : []),
    ...(ticket.fields.phone ? [{ kind: 'phone' as const, value: ticket.fields.phone }] : []),
    ...(ticket.fields.email ? [{ kind: 'email' as const, value: ticket.fields.email }] : []),
  ];
  expect(await fileTicket(memory.tickets, { ticket, first }, keys)).toEqual({ kind: 'created' });
  return ticket;
}
const fails = (kind: AppError['kind']) => expect.objectContaining({ name: 'AppError', kind });

const dewi: Agent = { id: 'dewi', queues: ['incentive', 'certificate'], supervisor: false };
const oki: Agent = { id: 'oki', queues: ['incentive'], supervisor: false };
const rina: Agent = { id: 'rina', queues: [], supervisor: true };

describe('who is signed in', () => {
  it('names the agent and the queues they may work: their own, or all of them for a supervisor', () => {
    expect(api.me(dewi)).toEqual({ agent: 'dewi', queues: ['incentive', 'certificate'], supervisor: false });
    expect(api.me(rina)).toMatchObject({ agent: 'rina', supervisor: true });
    expect(api.me(rina).queues).toHaveLength(7);
  });
});

describe('get next', () => {
  it('claims the most urgent ticket over all the agent’s queues: overdue first, then priority, then age', async () => {
    const oldNormal = await file({ category: 'certificate', createdAt: '2024-05-10T00:00:00.000Z' });
    const high = await file({ category: 'incentive', priority: 'high', createdAt: '2024-05-19T00:00:00.000Z' });
    const late = await file({
      category: 'certificate',
      priority: 'low',
      createdAt: '2024-05-19T06:00:00.000Z',
      dueAt: '2024-05-20T02:00:00.000Z',
    });
    await file({ category: 'fraud', priority: 'urgent' }); // not one of dewi's queues
    await sweep(buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock));

    const order = [];
    for (let t = await api.next(dewi); t; t = await api.next(dewi)) order.push(t);
    expect(order.map((t) => t.ref)).toEqual([late.ref, high.ref, oldNormal.ref]);
    expect(order[0]).toMatchObject({
      status: 'claimed',
      claimedBy: 'dewi',
      leaseExpiresAt: '2024-05-20T03:15:00.000Z',
      overdue: true,
    });
    expect(await api.next(dewi)).toBeNull();
    expect(await api.next(rina)).toMatchObject({ category: 'fraud', claimedBy: 'rina' });
  });

  it('finds nothing for an agent without queues', async () => {
    await file({ category: 'incentive' });
    expect(await api.next({ id: 'baru', queues: [], supervisor: false })).toBeNull();
  });
});

describe('asking the participant', () => {
  it('sends the holder’s question threaded, and the ticket waits for the participant without a lease', async () => {
    const t = await file({ category: 'incentive' });
    await api.next(dewi);
    const waiting = await api.ask(dewi, t.ref, 'Bank apa yang terdaftar di akun Anda?');
    expect(waiting).toMatchObject({ status: 'waiting_participant', claimedBy: null, leaseExpiresAt: null });
    expect(memory.queue.jobs).toEqual([
      expect.objectContaining({
        jobId: `${t.ref}:ask:2`,
        kind: 'agent_ask',
        to: t.replyTo,
        inReplyTo: `<seed-${n}@mail.example.com>`,
        references: [`<seed-${n}@mail.example.com>`],
        body: 'Bank apa yang terdaftar di akun Anda?',
      }),
    ]);
    expect((await api.queues(dewi)).find((q) => q.category === 'incentive')).toMatchObject({
      ready: 0,
      claimed: 0,
      waitingParticipant: 1,
    });
  });

  it('lets only the lease holder (or a supervisor) ask', async () => {
    const t = await file({ category: 'incentive' });
    await expect(api.ask(dewi, t.ref, 'x')).rejects.toEqual(fails('Conflict')); // not claimed
    await api.next(dewi);
    await expect(api.ask(oki, t.ref, 'x')).rejects.toEqual(fails('Conflict'));
    await expect(api.ask({ id: 'x', queues: ['fraud'], supervisor: false }, t.ref, 'x')).rejects.toEqual(
      fails('Forbidden'),
    );
    expect(await api.ask(rina, t.ref, 'pertanyaan supervisor')).toMatchObject({ status: 'waiting_participant' });
    expect(memory.queue.jobs).toHaveLength(1);
  });

  it('delivers a question whose queueing failed after the ticket changed: the sweeper queues it from the outbox', async () => {
    // Prepare
    const t = await file({ category: 'incentive' });
    await api.next(dewi);
    const enqueue = memory.queue.enqueue.bind(memory.queue);
    memory.queue.enqueue = async (jobs) => jobs.map((j) => j.jobId);

    // Act
    await expect(api.ask(dewi, t.ref, 'Bank apa?')).rejects.toThrow(/could not queue/);
    memory.queue.enqueue = enqueue;
    clock = new Date(clock.getTime() + 61_000);
    await sweep(buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock));

    // Assess
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'waiting_participant', outbox: [] });
    expect(memory.queue.jobs).toEqual([
      expect.objectContaining({ jobId: `${t.ref}:ask:2`, kind: 'agent_ask', body: 'Bank apa?' }),
    ]);
  });

  it('refuses a question to an address SES would refuse, before changing anything', async () => {
    const t = await file({ category: 'incentive', email: 'budi@localhost' });
    await api.next(dewi);
    await expect(api.ask(dewi, t.ref, 'Bank apa?')).rejects.toEqual(fails('Unprocessable'));
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'claimed', claimedBy: 'dewi', outbox: [] });
    expect(memory.queue.jobs).toEqual([]);
  });
});

describe('a participant’s other tickets', () => {
  it('finds them by card number, phone or email as typed, open and resolved, newest first', async () => {
    const p = { card: '5522770011334466', phone: '+6281324681357', email: 'maya@surel.example' };
    const first = await file({ category: 'incentive', ...p, createdAt: '2024-05-01T00:00:00.000Z' });
    const second = await file({ category: 'certificate', ...p, createdAt: '2024-05-02T00:00:00.000Z' });
    await file({ category: 'incentive', createdAt: '2024-05-03T00:00:00.000Z' });
    expect(await api.claim(dewi, 'incentive')).toMatchObject({ ref: first.ref });
    await api.resolve(dewi, first.ref, 'Sudah kami proses.');

    for (const [kind, typed] of [
      ['card', '5522 7700 1133 4466'],
      ['phone', '0813-2468-1357'],
      ['email', 'Maya@Surel.example'],
    ] as const) {
      const found = await api.participantTickets(dewi, kind, typed);
      expect(found.map((t) => [t.ref, t.status])).toEqual([
        [second.ref, 'ready'],
        [first.ref, 'resolved'],
      ]);
    }
  });

  it('refuses a key that is not one (400)', async () => {
    await expect(api.participantTickets(dewi, 'card', '1234')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.participantTickets(dewi, 'phone', 'abc')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.participantTickets(dewi, 'email', 'maya')).rejects.toEqual(fails('InvalidInput'));
  });
});

describe('supervisors’ views', () => {
  it('lists who holds which ticket since when, over all queues, to supervisors only', async () => {
    const a = await file({ category: 'incentive' });
    const b = await file({ category: 'certificate' });
    await api.next(oki);
    clock = new Date('2024-05-20T03:05:00.000Z');
    await api.claim(dewi, 'certificate');
    expect(await api.claims(rina)).toEqual([
      {
        ref: a.ref,
        category: 'incentive',
        claimedBy: 'oki',
        since: '2024-05-20T03:00:00.000Z',
        leaseExpiresAt: '2024-05-20T03:15:00.000Z',
      },
      {
        ref: b.ref,
        category: 'certificate',
        claimedBy: 'dewi',
        since: '2024-05-20T03:05:00.000Z',
        leaseExpiresAt: '2024-05-20T03:20:00.000Z',
      },
    ]);
    await expect(api.claims(dewi)).rejects.toEqual(fails('Forbidden'));
  });

  it('lists the tickets past their service level, earliest due first, to supervisors only', async () => {
    const fraud = await file({ category: 'fraud', dueAt: '2024-05-20T02:30:00.000Z' });
    const inc = await file({ category: 'incentive', dueAt: '2024-05-20T01:00:00.000Z' });
    await file({ category: 'incentive', dueAt: '2024-05-21T01:00:00.000Z' });
    await sweep(buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock));
    await api.claim(oki, 'incentive');
    const overdue = await api.overdue(rina);
    expect(overdue.map((t) => [t.ref, t.status, t.overdue])).toEqual([
      [inc.ref, 'claimed', true],
      [fraud.ref, 'ready', true],
    ]);
    await expect(api.overdue(oki)).rejects.toEqual(fails('Forbidden'));
  });

  it('searches by ticket reference, card number, phone or email, and says what it cannot search for', async () => {
    const t = await file({ category: 'account', card: '5522770011334466', email: 'eko@surel.example' });
    expect((await api.search(rina, t.ref.toLowerCase())).map((x) => x.ref)).toEqual([t.ref]);
    expect((await api.search(rina, '5522-7700-1133-4466')).map((x) => x.ref)).toEqual([t.ref]);
    expect((await api.search(rina, 'EKO@surel.example')).map((x) => x.ref)).toEqual([t.ref]);
    expect(await api.search(rina, 'PRK-ZZZZZZZZ')).toEqual([]);
    await expect(api.search(rina, 'insentif belum masuk')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.search(dewi, t.ref)).rejects.toEqual(fails('Forbidden'));
  });
});

describe('canned responses', () => {
  it('lets supervisors add, change and delete them, with placeholders kept, and every agent read them by title', async () => {
    const added = await canned.create(rina, { title: 'Sertifikat belum tampil', body: 'Halo {nama}, tiket {ref}.' });
    expect(added).toEqual({
      id: 'c1',
      title: 'Sertifikat belum tampil',
      body: 'Halo {nama}, tiket {ref}.',
      updatedAt: '2024-05-20T03:00:00.000Z',
      updatedBy: 'rina',
    });
    await canned.create(rina, { title: 'Akun terkunci', body: 'Halo {nama}.' });
    clock = new Date('2024-05-20T04:00:00.000Z');
    const changed = await canned.update(rina, 'c1', { title: 'Sertifikat', body: 'Kartu {kartu}.' });
    expect(changed).toMatchObject({ id: 'c1', body: 'Kartu {kartu}.', updatedAt: '2024-05-20T04:00:00.000Z' });
    expect((await canned.list(oki)).map((c) => c.title)).toEqual(['Akun terkunci', 'Sertifikat']);
    await canned.remove(rina, 'c2');
    expect((await canned.list(oki)).map((c) => c.id)).toEqual(['c1']);
  });

  it('refuses changes by agents (403) and changes to ones that do not exist (404)', async () => {
    await expect(canned.create(oki, { title: 't', body: 'b' })).rejects.toEqual(fails('Forbidden'));
    const c = await canned.create(rina, { title: 't', body: 'b' });
    await expect(canned.update(oki, c.id, { title: 't', body: 'x' })).rejects.toEqual(fails('Forbidden'));
    await expect(canned.remove(oki, c.id)).rejects.toEqual(fails('Forbidden'));
    await expect(canned.update(rina, 'tidak-ada', { title: 't', body: 'x' })).rejects.toEqual(fails('NotFound'));
    await expect(canned.remove(rina, 'tidak-ada')).rejects.toEqual(fails('NotFound'));
  });
});
