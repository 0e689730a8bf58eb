/**
 * Finding 5 (issue 11): every agent action is recorded on the ticket (who, when, what changed);
 * only the holder of a ticket (or a supervisor) moves it to another queue, which recomputes its
 * priority and due time; the lease holder corrects the card number or phone, the participant's
 * links following. The agent API use cases on adapters in memory.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { type Agent, AgentApi } from '#app/agent-api.ts';
import type { AppError } from '#app/errors.ts';
import { addServiceHours } from '#core/sla.ts';
import { makeAgentApiHandler } from '#lambdas/handlers/agent-api-handler.ts';
import { buildAgentApiDeps } from '#lambdas/wiring.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { seedTicket } from '#local/seed-tickets.ts';
import { checkedApiClient } from '../support/agent-api.ts';
import { AGENT_API_CONFIG } from '../support/configs.ts';

let clock: Date;
let memory: MemoryAdapters;
let api: AgentApi;
beforeEach(() => {
  clock = new Date('2024-05-20T03:00:00.000Z');
  memory = new MemoryAdapters();
  api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock));
});
const fails = (kind: AppError['kind']) => expect.objectContaining({ name: 'AppError', kind });
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
};

const dewi: Agent = { id: 'dewi', queues: ['incentive', 'fraud'], supervisor: false };
const oki: Agent = { id: 'oki', queues: ['incentive', 'fraud'], supervisor: false };
const rina: Agent = { id: 'rina', queues: [], supervisor: true };

describe('the audit trail', () => {
  it('records every action on the ticket with the agent, the time and what changed', async () => {
    // Prepare
    const t = await seedTicket(memory.tickets, 1, { category: 'incentive', card: '6203118544712096' });
    // Act: a day's work on one ticket
    await api.claim(dewi, 'incentive');
    tick();
    await api.extend(dewi, t.ref);
    tick();
    await api.note(dewi, t.ref, 'menunggu tim pembayaran');
    tick();
    await api.release(dewi, t.ref, 'pergantian shift');
    tick();
    await api.claim(oki, 'incentive');
    tick();
    await api.correctFields(oki, t.ref, { cardNumber: '7741 0093 5528 6614' });
    tick();
    await api.reassign(oki, t.ref, 'fraud', 'ada permintaan kode OTP');
    tick();
    await api.claim(rina, 'fraud');
    tick();
    await api.resolve(rina, t.ref, 'Sudah kami proses.');
    // Assess
    const { audit } = await api.ticket(rina, t.ref);
    expect(audit.map((a) => [a.agent, a.action])).toEqual([
      ['dewi', 'claim'],
      ['dewi', 'extend'],
      ['dewi', 'note'],
      ['dewi', 'release'],
      ['oki', 'claim'],
      ['oki', 'correct_fields'],
      ['oki', 'reassign'],
      ['rina', 'claim'],
      ['rina', 'resolve'],
    ]);
    expect(audit[0]?.at).toBe('2024-05-20T03:00:00.000Z');
    expect(audit[3]?.detail).toBe('pergantian shift');
    expect(audit[5]?.detail).toBe('cardNumber 6203********2096 → 7741********6614');
    expect(audit[6]?.detail).toBe('incentive → fraud: ada permintaan kode OTP');
    expect(JSON.stringify(audit)).not.toMatch(/\d{9}/);
  });
});

describe('moving a ticket to another queue', () => {
  it('is refused to a queue member who does not hold the ticket', async () => {
    const t = await seedTicket(memory.tickets, 1, { category: 'incentive' });
    await expect(api.reassign(dewi, t.ref, 'fraud', 'salah antrean')).rejects.toEqual(fails('Conflict'));
    await api.claim(oki, 'incentive');
    await expect(api.reassign(dewi, t.ref, 'fraud', 'salah antrean')).rejects.toEqual(fails('Conflict'));
    expect(await api.reassign(oki, t.ref, 'fraud', 'salah antrean')).toMatchObject({ category: 'fraud' });
  });

  it('is allowed to a supervisor whoever holds it', async () => {
    const t = await seedTicket(memory.tickets, 1, { category: 'incentive' });
    expect(await api.reassign(rina, t.ref, 'fraud', 'salah antrean')).toMatchObject({ category: 'fraud' });
  });

  it('recomputes the priority and the due time for the new category', async () => {
    const readyAt = '2024-05-20T03:00:00.000Z';
    const t = await seedTicket(memory.tickets, 1, {
      category: 'general',
      priority: 'low',
      dueAt: addServiceHours(readyAt, SLA_HOURS.general),
    });
    await memory.work.transition((await memory.work.get(t.ref)) as never, {
      status: 'ready',
      readyAt,
      updatedAt: readyAt,
    });
    await api.claim(rina, 'general');
    const moved = await api.reassign(rina, t.ref, 'fraud', 'penipuan');
    expect(moved).toMatchObject({
      priority: 'urgent',
      dueAt: addServiceHours(readyAt, SLA_HOURS.fraud),
      status: 'ready',
    });
  });
});

describe('correcting the card number or the phone', () => {
  it('lets only the lease holder change them, checks them, and moves the participant’s links along', async () => {
    const t = await seedTicket(memory.tickets, 1, { category: 'incentive', card: '6203118544712096' });
    await memory.work.relinkParticipant(t, t); // seeded tickets hold no links: give it its own
    await expect(api.correctFields(dewi, t.ref, { phone: '0813-7726-0914' })).rejects.toEqual(fails('Conflict'));
    await api.claim(dewi, 'incentive');
    await expect(api.correctFields(dewi, t.ref, { cardNumber: '1234' })).rejects.toEqual(fails('InvalidInput'));
    await expect(api.correctFields(dewi, t.ref, { phone: '021-555-0101' })).rejects.toEqual(fails('InvalidInput'));
    const fixed = await api.correctFields(dewi, t.ref, { cardNumber: '7741-0093-5528-6614', phone: '0813 7726 0914' });
    expect(fixed.fields).toMatchObject({ cardNumber: '7741009355286614', phone: '+6281377260914' });
    expect(fixed.status).toBe('claimed');
    const keys = [{ kind: 'card' as const, value: '7741009355286614' }];
    expect((await memory.tickets.openTickets(keys, ['incentive'])).map((x) => x.ref)).toEqual([t.ref]);
    const old = [{ kind: 'card' as const, value: '6203118544712096' }];
    expect(await memory.tickets.openTickets(old, ['incentive'])).toEqual([]);
  });
});

describe('the agent API routes', () => {
  it('take a reason on release and reassign, correct fields with PATCH, and show the trail with the ticket', async () => {
    // Prepare
    const call = checkedApiClient(makeAgentApiHandler(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock)));
    const as = { agent: 'dewi', queues: ['incentive' as const, 'fraud' as const] };
    const t = await seedTicket(memory.tickets, 1, { category: 'incentive' });
    // Act
    await call('POST', '/queues/incentive/claim', { as });
    tick();
    const bad = await call('PATCH', `/tickets/${t.ref}/fields`, { as, body: { nik: '3374010101010001' } });
    const patched = await call('PATCH', `/tickets/${t.ref}/fields`, { as, body: { phone: '0813 7726 0914' } });
    tick();
    const released = await call('POST', `/tickets/${t.ref}/release`, { as });
    tick();
    await call('POST', '/queues/incentive/claim', { as });
    tick();
    const moved = await call('POST', `/tickets/${t.ref}/reassign`, { as, body: { category: 'fraud', reason: 'OTP' } });
    const detail = await call<{ audit: { action: string; detail: string | null }[] }>('GET', `/tickets/${t.ref}`, {
      as,
    });
    // Assess
    expect([bad.status, patched.status, released.status, moved.status]).toEqual([400, 200, 200, 200]);
    expect(detail.body.audit).toEqual([
      expect.objectContaining({ action: 'claim' }),
      expect.objectContaining({
        action: 'correct_fields',
        detail: expect.stringMatching(/^phone \+62\d{3}\*{4}\d{4} → \+62813\*{4}0914$/),
      }),
      expect.objectContaining({ action: 'release', detail: null }),
      expect.objectContaining({ action: 'claim' }),
      expect.objectContaining({ action: 'reassign', detail: 'incentive → fraud: OTP' }),
    ]);
  });
});
