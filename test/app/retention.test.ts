/**
 * Retention on adapters in memory: a resolved ticket is deleted by the sweeper once the retention
 * period has run from its resolution, not a minute before; a ticket that reopened is kept, and its
 * period runs again from its next ending.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { type Agent, AgentApi } from '#app/agent-api.ts';
import { sweep } from '#app/sweeper.ts';
import { buildAgentApiDeps, buildSweeperDeps } from '#lambdas/wiring.ts';
import { seedTicket } from '#local/seed-tickets.ts';
import { AGENT_API_CONFIG, SWEEPER_CONFIG } from '../support/configs.ts';
import { reopenByAnswer } from '../support/reopen.ts';

const DAY_MS = 24 * 3600_000;
const RETENTION_DAYS = 60;
const lena: Agent = { id: 'lena', queues: ['certificate'], supervisor: false };
const boss: Agent = { id: 'boss', queues: [], supervisor: true };

let clock: Date;
let memory: MemoryAdapters;
let api: AgentApi;
beforeEach(() => {
  clock = new Date('2025-02-03T04:00:00.000Z');
  memory = new MemoryAdapters(() => clock);
  api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => clock));
});
const runSweep = () =>
  sweep(buildSweeperDeps({ ...SWEEPER_CONFIG, TICKET_RETENTION_DAYS: RETENTION_DAYS }, memory, () => clock));
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function resolvedTicket(n: number) {
  const t = await seedTicket(memory.tickets, n, { category: 'certificate' });
  await api.claim(lena, 'certificate');
  await api.resolve(lena, t.ref, 'Sertifikat sudah terbit, silakan cek kembali.');
  return t;
}

describe('retention', () => {
  it('deletes a resolved ticket once the period has run from its resolution, not before', async () => {
    const t = await resolvedTicket(1);
    advance(RETENTION_DAYS * DAY_MS - 60_000);
    expect(await runSweep()).toMatchObject({ ticketsPurged: 0 });
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'resolved' });

    advance(2 * 60_000);
    expect(await runSweep()).toMatchObject({ ticketsPurged: 1 });
    await expect(api.ticket(boss, t.ref)).rejects.toMatchObject({ kind: 'NotFound' });
    expect(await runSweep()).toMatchObject({ ticketsPurged: 0 });
  });

  it('keeps a ticket the participant reopened, and counts the period again from its next resolution', async () => {
    const t = await resolvedTicket(2);
    advance(DAY_MS);
    await reopenByAnswer(memory.tickets, t.ref, clock, 'certificate');
    advance(RETENTION_DAYS * DAY_MS);
    expect(await runSweep()).toMatchObject({ ticketsPurged: 0 });
    expect(await memory.work.get(t.ref)).toMatchObject({ status: 'ready' });

    await api.claim(lena, 'certificate');
    await api.resolve(lena, t.ref, 'Sudah kami perbaiki.');
    advance(RETENTION_DAYS * DAY_MS + 60_000);
    expect(await runSweep()).toMatchObject({ ticketsPurged: 1 });
  });
});
