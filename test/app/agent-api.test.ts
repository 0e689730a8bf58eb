/** The agent API use cases on adapters in memory: who may do what, leases, replies, the status check. */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { type Agent, AgentApi } from '#app/agent-api.ts';
import type { AppError } from '#app/errors.ts';
import { sweep } from '#app/sweeper.ts';
import { buildAgentApiDeps, buildSweeperDeps } from '#lambdas/wiring.ts';
import { type SeedTicket, seedTicket } from '#local/seed-tickets.ts';
import { AGENT_API_CONFIG, SWEEPER_CONFIG } from '../support/configs.ts';

let clock: Date;
let memory: MemoryAdapters;
let api: AgentApi;
let n = 0;
beforeEach(() => {
  clock = new Date('2024-05-20T03:00:00.000Z');
  memory = new MemoryAdapters();
  api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock));
});
const seed = (t: SeedTicket) => seedTicket(memory.tickets, ++n, t);
const fails = (kind: AppError['kind']) => expect.objectContaining({ name: 'AppError', kind });

const dewi: Agent = { id: 'dewi', queues: ['incentive'], supervisor: false };
const oki: Agent = { id: 'oki', queues: ['incentive'], supervisor: false };
const rina: Agent = { id: 'rina', queues: [], supervisor: true };

describe('agent API', () => {
  it('lets an agent work only the queues their token names; a supervisor works all', async () => {
    await seed({ category: 'fraud' });
    await expect(api.claim(dewi, 'fraud')).rejects.toEqual(fails('Forbidden'));
    expect(await api.claim(rina, 'fraud')).toMatchObject({ status: 'claimed', claimedBy: 'rina' });
    expect((await api.queues(dewi)).map((q) => q.category)).toEqual(['incentive']);
    expect(await api.queues(rina)).toHaveLength(7);
  });

  it('claims under a lease that only its holder (or a supervisor) extends', async () => {
    const t = await seed({ category: 'incentive' });
    expect(await api.claim(dewi, 'incentive')).toMatchObject({
      ref: t.ref,
      leaseExpiresAt: '2024-05-20T03:15:00.000Z',
    });
    clock = new Date('2024-05-20T03:10:00.000Z');
    expect(await api.extend(dewi, t.ref)).toMatchObject({ leaseExpiresAt: '2024-05-20T03:25:00.000Z' });
    await expect(api.extend(oki, t.ref)).rejects.toEqual(fails('Conflict'));
    await expect(api.extend(rina, t.ref)).resolves.toMatchObject({ claimedBy: 'dewi' });
    await expect(api.extend(dewi, 'PRK-ZZZZZZZZ')).rejects.toEqual(fails('NotFound'));
  });

  it('resolves: the ticket closes, its participant is free to open another, the reply is queued threaded', async () => {
    const t = await seed({ category: 'incentive' });
    await api.claim(dewi, 'incentive');
    const resolved = await api.resolve(dewi, t.ref, 'Sudah kami proses.');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: clock.toISOString(), claimedBy: null });
    expect(memory.queue.jobs).toEqual([
      expect.objectContaining({
        jobId: `${t.ref}:resolve:2`,
        kind: 'agent_reply',
        to: t.replyTo,
        inReplyTo: `<seed-${n}@mail.example.com>`,
        body: 'Sudah kami proses.',
      }),
    ]);
    await expect(api.resolve(dewi, t.ref, 'lagi')).rejects.toEqual(fails('Conflict'));
  });

  it('clears the overdue mark on resolve, so a reopened ticket does not jump its queue as overdue', async () => {
    const t = await seed({ category: 'incentive', dueAt: '2024-05-20T03:30:00.000Z' });
    clock = new Date('2024-05-20T04:00:00.000Z');
    await sweep(buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock));
    expect(await memory.work.get(t.ref)).toMatchObject({ overdue: true });
    await api.claim(dewi, 'incentive');
    await api.resolve(dewi, t.ref, 'Sudah kami proses.');
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'resolved', overdue: false });
  });

  it('delivers the reply of a resolve whose queueing failed: the retry answers as the first would have, not 409', async () => {
    const t = await seed({ category: 'incentive' });
    await api.claim(dewi, 'incentive');
    const enqueue = memory.queue.enqueue.bind(memory.queue);
    memory.queue.enqueue = async (jobs) => jobs.map((j) => j.jobId);
    await expect(api.resolve(dewi, t.ref, 'Sudah kami proses.')).rejects.toThrow(/could not queue/);
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'resolved' }); // the change was made
    memory.queue.enqueue = enqueue;
    expect(await api.resolve(dewi, t.ref, 'Sudah kami proses.')).toMatchObject({ ref: t.ref, status: 'resolved' });
    expect(memory.queue.jobs).toEqual([
      expect.objectContaining({ jobId: `${t.ref}:resolve:2`, body: 'Sudah kami proses.' }),
    ]);
    expect(await memory.pendingReplies.pending('2099-01-01T00:00:00.000Z', 10)).toEqual([]);
    await expect(api.resolve(dewi, t.ref, 'Teks lain.')).rejects.toEqual(fails('Conflict')); // another action
    await expect(api.resolve(oki, t.ref, 'Sudah kami proses.')).rejects.toEqual(fails('Conflict'));
  });

  it('delivers the reply of a resolve that failed after its change, even if nobody retries: the sweeper queues it', async () => {
    const t = await seed({ category: 'incentive' });
    await api.claim(dewi, 'incentive');
    memory.work.releaseParticipant = async () => {
      throw new Error('table unavailable');
    };
    await expect(api.resolve(dewi, t.ref, 'Sudah kami proses.')).rejects.toThrow('table unavailable');
    expect(memory.queue.jobs).toEqual([]);
    const sweeper = buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock);
    expect(await sweep(sweeper)).toMatchObject({ repliesRequeued: 0 }); // too soon: the request may still be running
    clock = new Date(clock.getTime() + 61_000);
    expect(await sweep(sweeper)).toMatchObject({ repliesRequeued: 1 });
    expect(await sweep(sweeper)).toMatchObject({ repliesRequeued: 0 });
    expect(memory.queue.jobs).toEqual([expect.objectContaining({ jobId: `${t.ref}:resolve:2`, kind: 'agent_reply' })]);
  });

  it('refuses a resolve whose reply SES would refuse, before changing anything: the ticket stays the agent’s', async () => {
    for (const address of [
      'budi@localhost',
      'pérez@surel.example',
      '"budi santoso"@surel.example',
      'budi@[192.0.2.1]',
    ]) {
      const t = await seed({ category: 'incentive', email: address });
      const claimed = await api.claim(dewi, 'incentive');
      expect(claimed?.ref).toBe(t.ref);
      await expect(api.resolve(dewi, t.ref, 'Sudah kami proses.')).rejects.toEqual(
        expect.objectContaining({ kind: 'Unprocessable', message: expect.stringContaining('cannot receive mail') }),
      );
      expect(await memory.work.get(t.ref)).toMatchObject({ status: 'claimed', claimedBy: 'dewi', outbox: [] });
      await api.reassign(dewi, t.ref, 'general'); // out of the way of the next claim (the holder moves it)
    }
    expect(memory.queue.jobs).toEqual([]);
  });

  it('sends to an internationalised domain in the form SES takes (Punycode)', async () => {
    const t = await seed({ category: 'incentive', email: 'budi@bücher.example' });
    await api.claim(dewi, 'incentive');
    await api.resolve(dewi, t.ref, 'Sudah kami proses.');
    expect(memory.queue.jobs).toEqual([expect.objectContaining({ to: 'budi@xn--bcher-kva.example' })]);
  });

  it('reassigns to another list, and refuses a move to where it already is', async () => {
    const t = await seed({ category: 'incentive' });
    await api.claim(dewi, 'incentive');
    await expect(api.reassign(dewi, t.ref, 'incentive')).rejects.toEqual(fails('InvalidInput'));
    expect(await api.reassign(dewi, t.ref, 'certificate')).toMatchObject({ category: 'certificate', status: 'ready' });
    expect(await api.claim(rina, 'certificate')).toMatchObject({ ref: t.ref });
  });

  it('adds notes an agent sees with the ticket', async () => {
    const t = await seed({ category: 'incentive' });
    await api.note(dewi, t.ref, 'sudah cek ke tim pembayaran');
    expect((await api.ticket(dewi, t.ref)).notes).toEqual([
      { id: `dewi-${clock.getTime()}`, author: 'dewi', text: 'sudah cek ke tim pembayaran', at: clock.toISOString() },
    ]);
  });

  it('answers the public status check only when the contact matches, in any spelling, without the category', async () => {
    const t = await seed({ category: 'fraud', email: 'Maya.S@Surel.example', phone: '+6285612340987' });
    for (const contact of ['maya.s@surel.example', '0856-1234-0987', '+62 856 1234 0987'])
      expect(await api.publicStatus(t.ref, contact, '203.0.113.7')).toEqual({
        ref: t.ref,
        status: 'ready',
        updatedAt: t.updatedAt,
      });
    await expect(api.publicStatus(t.ref, 'lain@surel.example', '203.0.113.7')).rejects.toEqual(fails('NotFound'));
    await expect(api.publicStatus('PRK-ZZZZZZZZ', 'maya.s@surel.example', '203.0.113.7')).rejects.toEqual(
      fails('NotFound'),
    );
  });

  it('limits status checks per client and minute, leaving other clients their own', async () => {
    // Prepare
    const limited = new AgentApi({
      ...buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock),
      statusRequestsPerMinute: 2,
    });
    const t = await seed({ category: 'incentive', email: 'maya.s@surel.example' });
    const check = (client: string) =>
      limited.publicStatus(t.ref, 'maya.s@surel.example', client).then(
        () => 'ok',
        (e: AppError) => e.kind,
      );
    // Act
    const guesser = [await check('198.51.100.9'), await check('198.51.100.9'), await check('198.51.100.9')];
    const participant = await check('203.0.113.7');
    clock = new Date(clock.getTime() + 60_000);
    const guesserNextMinute = await check('198.51.100.9');
    // Assess
    expect(guesser).toEqual(['ok', 'ok', 'TooManyRequests']);
    expect(participant).toBe('ok');
    expect(guesserNextMinute).toBe('ok');
  });

  it('counts status page look-ups against the same per-client quota as status checks', async () => {
    const limited = new AgentApi({
      ...buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock),
      statusRequestsPerMinute: 2,
    });
    const t = await seed({ category: 'incentive', email: 'maya.s@surel.example' });
    const client = '192.0.2.77';
    await limited.publicStatus(t.ref, 'maya.s@surel.example', client);
    await limited.participantView(t.ref, 'maya.s@surel.example', client);
    await expect(limited.participantView(t.ref, 'maya.s@surel.example', client)).rejects.toEqual(
      fails('TooManyRequests'),
    );
    expect(await limited.participantView(t.ref, 'maya.s@surel.example', '203.0.113.8')).toMatchObject({ ref: t.ref });
  });

  it('refuses a contact that is neither an email nor a phone as bad input, the same for any reference', async () => {
    const t = await seed({ category: 'certificate', email: 'maya.s@surel.example' });
    await expect(api.publicStatus(t.ref, 'maya', '203.0.113.7')).rejects.toEqual(fails('InvalidInput'));
    await expect(api.publicStatus('PRK-ZZZZZZZZ', 'maya', '203.0.113.7')).rejects.toEqual(fails('InvalidInput'));
  });

  it('gives the participant their timeline, what is missing and the expected answer when the contact matches', async () => {
    const t = await seed({ category: 'incentive', email: 'maya.s@surel.example', dueAt: '2024-05-21T03:00:00.000Z' });
    expect(await api.participantView(t.ref, 'Maya.S@surel.example', '203.0.113.7')).toEqual({
      ref: t.ref,
      category: 'incentive',
      missing: [],
      status: expect.objectContaining({
        current: 'in_progress',
        expected: { kind: 'by', dueAt: '2024-05-21T03:00:00.000Z', serviceHoursLeft: 12 },
      }),
    });
    await expect(api.participantView(t.ref, 'lain@surel.example', '203.0.113.7')).rejects.toEqual(fails('NotFound'));
  });
});

describe('sweeper', () => {
  it('puts expired leases back at the front and marks tickets past due overdue, first on their list', async () => {
    const leased = await seed({ category: 'incentive', createdAt: '2024-05-19T00:00:00.000Z' });
    await api.claim(dewi, 'incentive');
    await seed({ category: 'incentive', createdAt: '2024-05-18T00:00:00.000Z' });
    const late = await seed({ category: 'fraud', priority: 'low', dueAt: '2024-05-20T03:30:00.000Z' });
    await seed({ category: 'fraud', priority: 'urgent' });
    clock = new Date('2024-05-20T04:00:00.000Z');
    expect(await sweep(buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock))).toEqual({
      leasesExpired: 1,
      markedOverdue: 1,
      repliesRequeued: 0,
      holdsReleased: 0,
      waitingReminded: 0,
      closedUnanswered: 0,
      conflicts: 0,
      surveysQueued: 0,
      surveysAlreadySent: 0,
      ticketsPurged: 0,
    });
    expect(await api.claim(oki, 'incentive')).toMatchObject({ ref: leased.ref });
    expect(await api.claim(rina, 'fraud')).toMatchObject({ ref: late.ref });
  });

  it('lets an agent’s change stand when it lands between the sweeper’s read and write', async () => {
    const t = await seed({ category: 'incentive' });
    await api.claim(dewi, 'incentive');
    clock = new Date('2024-05-20T04:00:00.000Z');
    const expired = memory.work.expiredLeases.bind(memory.work);
    memory.work.expiredLeases = async (c, now) => {
      const found = await expired(c, now);
      if (found.length) await api.extend(dewi, t.ref); // the agent renews meanwhile
      return found;
    };
    expect(await sweep(buildSweeperDeps(SWEEPER_CONFIG, memory, () => clock))).toMatchObject({
      leasesExpired: 0,
      conflicts: 1,
    });
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'claimed', claimedBy: 'dewi' });
  });
});
