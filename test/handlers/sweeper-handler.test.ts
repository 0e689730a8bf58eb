/** The sweeper's handler: one run of the use case, its counts as metrics the dashboard graphs. */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeSweeperHandler } from '#handlers/sweeper-handler.ts';
import { buildSweeperDeps } from '#lambdas/wiring.ts';
import { seedTicket } from '#local/seed-tickets.ts';
import { SWEEPER_CONFIG } from '../support/configs.ts';
import { lambdaContext } from '../support/lambda.ts';
import { captureTelemetry, type Telemetry } from '../support/telemetry.ts';

let telemetry: Telemetry;
beforeEach(() => {
  telemetry = captureTelemetry();
});
afterEach(() => telemetry.restore());

describe('sweeper handler', () => {
  it('counts the waits it reminded and the tickets it closed unanswered as metrics', async () => {
    // Prepare: two tickets waiting since Monday 09:00 WIB; one was reminded a week before
    const memory = new MemoryAdapters();
    const opened = '2024-05-20T02:00:00.000Z';
    await seedTicket(memory.tickets, 1, { category: 'incentive', status: 'waiting_participant', createdAt: opened });
    const reminded = await seedTicket(memory.tickets, 2, {
      category: 'training',
      status: 'waiting_participant',
      createdAt: opened,
    });
    const stored = await memory.work.get(reminded.ref);
    if (stored)
      await memory.work.transition(stored, { status: 'waiting_participant', remindedAt: opened, updatedAt: opened });
    const handler = makeSweeperHandler(
      buildSweeperDeps(SWEEPER_CONFIG, memory, () => new Date('2024-05-31T05:00:00.000Z')),
    );

    // Act
    const r = await handler({}, lambdaContext('sweeper'));

    // Assess
    expect(r).toMatchObject({ waitingReminded: 1, closedUnanswered: 1 });
    expect(telemetry.metrics).toEqual(
      expect.arrayContaining([
        'addMetric ["WaitingReminded","Count",1]',
        'addMetric ["TicketsClosedUnanswered","Count",1]',
      ]),
    );
  });
});
