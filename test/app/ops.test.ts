/**
 * The supervisors' operations on adapters in memory: mail triage did not file, a page at a time,
 * triaged again or as a person's; dead letters with what failed, since when and why; redrive.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import type { Agent } from '#app/agent-api.ts';
import type { AppError } from '#app/errors.ts';
import { Ops } from '#app/ops.ts';
import { makeTriageHandler } from '#handlers/triage-handler.ts';
import { buildAgentApiDeps, buildTriageDeps } from '#lambdas/wiring.ts';
import { AGENT_API_CONFIG, TRIAGE_CONFIG } from '../support/configs.ts';
import { notification, snsEnvelope, sqsEvent, sqsRecord } from '../support/inbound.ts';
import { lambdaContext } from '../support/lambda.ts';
import { mime } from '../support/mime.ts';

const NOW = new Date('2024-05-20T03:00:00.000Z');
const BUCKET = 'prakerja-mail-123456789012';
const rina: Agent = { id: 'rina', queues: [], supervisor: true };
const dewi: Agent = { id: 'dewi', queues: ['incentive'], supervisor: false };
const fails = (kind: AppError['kind']) => expect.objectContaining({ name: 'AppError', kind });

let memory: MemoryAdapters;
let ops: Ops;
let triage: ReturnType<typeof makeTriageHandler>;
beforeEach(() => {
  memory = new MemoryAdapters(() => NOW);
  ops = new Ops(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => NOW).ops);
  triage = makeTriageHandler(buildTriageDeps(TRIAGE_CONFIG, memory, () => NOW));
});

/** A mail received as SES would deliver it, triaged by the handler. */
async function receive(id: string, raw: Buffer, receives = 1) {
  memory.mail.put(BUCKET, `inbound/${id}`, raw);
  const record = sqsRecord(snsEnvelope(notification({ messageId: id })), `sqs-${id}`);
  record.attributes.ApproximateReceiveCount = String(receives);
  return triage(sqsEvent(record), lambdaContext('triage'));
}

/** A person's complaint that reads like a machine's (a bulk-mail header from a school mailing tool). */
const bulkLooking = () =>
  mime({
    from: 'Siti Rahmawati <siti.rahmawati@surel.example>',
    subject: 'insentif belum masuk',
    text: 'Insentif saya belum masuk.\nKartu Prakerja 6601 2274 8830 1157\nHP 0812 4470 2291',
    headers: { Precedence: 'bulk' },
    messageId: '<siti-1@surel.example>',
  });

describe('mail set aside, for supervisors', () => {
  it('is for supervisors only, for the outcomes the log keeps', async () => {
    await expect(ops.setAside(dewi, 'automated')).rejects.toEqual(fails('Forbidden'));
    await expect(ops.setAside(rina, 'created')).rejects.toEqual(fails('InvalidInput'));
    expect(await ops.setAside(rina, 'automated')).toEqual({ items: [], cursor: null });
  });

  it('pages through a long list with a cursor', async () => {
    for (let i = 0; i < 5; i++)
      await receive(`promo-${i}`, await mime({ html: `<p>promo ${i}</p>`, headers: { Precedence: 'bulk' } }));
    const first = await ops.setAside(rina, 'automated', 2);
    const second = await ops.setAside(rina, 'automated', 2, first.cursor);
    const third = await ops.setAside(rina, 'automated', 2, second.cursor);
    expect([first.items.length, second.items.length, third.items.length, third.cursor]).toEqual([2, 2, 1, null]);
    expect(new Set([...first.items, ...second.items, ...third.items].map((r) => r.inboundId)).size).toBe(5);
  });

  it('makes a ticket of a person’s mail that was set aside as automated, answers it, and does it once', async () => {
    await receive('siti', await bulkLooking());
    expect((await ops.setAside(rina, 'automated')).items.map((r) => r.inboundId)).toEqual(['siti']);
    const made = await ops.retriage(rina, 'siti', true);
    expect(made).toMatchObject({ inboundId: 'siti', outcome: 'created', reply: 'acknowledge' });
    expect(await memory.work.get(made.ticketRef ?? '')).toMatchObject({ status: 'ready', category: 'incentive' });
    expect(memory.queue.jobs).toEqual([
      expect.objectContaining({ jobId: 'siti:acknowledge', to: 'siti.rahmawati@surel.example' }),
    ]);
    expect((await ops.setAside(rina, 'automated')).items).toEqual([]); // off the list
    expect(await ops.retriage(rina, 'siti', true)).toEqual({
      inboundId: 'siti',
      outcome: 'filed',
      ticketRef: made.ticketRef,
      reply: 'none',
    });
    expect(memory.state.tickets.size).toBe(1);
  });

  it('keeps a re-triaged mail whose sender cannot be verified on the unverified list, and sends it nothing', async () => {
    // Prepare: a record written before verdicts were kept (a failure trace or an older record)
    await receive('siti', await bulkLooking());
    const kept = memory.state.setAside.get('siti');
    if (kept) memory.state.setAside.set('siti', { ...kept, verdicts: undefined });
    // Act
    const made = await ops.retriage(rina, 'siti', true);
    // Assess
    expect(made).toMatchObject({ outcome: 'created', reply: 'none' });
    expect(await memory.work.get(made.ticketRef ?? '')).toMatchObject({ senderVerified: false });
    expect(memory.queue.jobs).toEqual([]);
    expect((await ops.setAside(rina, 'unverified')).items).toEqual([
      expect.objectContaining({ inboundId: 'siti', ticketRef: made.ticketRef }),
    ]);
    expect((await ops.setAside(rina, 'automated')).items).toEqual([]);
  });

  it('triages again by the rules when not told it was a person: still automated, still listed', async () => {
    await receive('siti', await bulkLooking());
    expect(await ops.retriage(rina, 'siti', false)).toMatchObject({ outcome: 'automated', ticketRef: null });
    expect((await ops.setAside(rina, 'automated')).items).toHaveLength(1);
  });

  it('never reads quarantined mail, and says so', async () => {
    memory.mail.put(BUCKET, 'inbound/virus', Buffer.from('x'));
    const record = sqsRecord(snsEnvelope(notification({ messageId: 'virus', verdicts: { virus: 'FAIL' } })), 'sqs-v');
    await triage(sqsEvent(record), lambdaContext('triage'));
    await expect(ops.retriage(rina, 'virus', true)).rejects.toEqual(fails('Conflict'));
    await expect(ops.retriage(rina, 'nothing-like-it', true)).rejects.toEqual(fails('NotFound'));
    await expect(ops.retriage(dewi, 'virus', true)).rejects.toEqual(fails('Forbidden'));
  });
});

describe('dead letters, for supervisors', () => {
  it('lists what failed, since when and why: the handler’s reason, or the failure trace’s last error', async () => {
    // Dead-lettered at once: the notification names a raw mail that is not there.
    await triage(sqsEvent(sqsRecord(snsEnvelope(notification({ messageId: 'gone' })), 'sqs-gone')), lambdaContext('t'));
    // Failing for a reason that may pass: a trace from the first failure on; SQS dead-letters it after its retries.
    const create = memory.tickets.create.bind(memory.tickets);
    memory.tickets.create = async () => {
      throw Object.assign(new Error('table unavailable'), { name: 'ServiceUnavailable' });
    };
    expect(
      (
        await receive(
          'flaky',
          await bulkLooking().then(() => mime({ text: 'insentif belum masuk, kartu 6601 2274 8830 1157' })),
        )
      ).batchItemFailures,
    ).toHaveLength(1);
    memory.tickets.create = create;
    memory.queues.inbound.send(snsEnvelope(notification({ messageId: 'flaky' })));
    for (let i = 0; i < 6; i++) memory.queues.inbound.receive(10, 0); // SQS's retries run out
    const listed = await ops.deadLetters(rina, null);
    expect(listed.total).toBe(2);
    expect(listed.items.map((d) => [d.queue, d.inboundId, d.reason, d.rawKey])).toEqual([
      [
        'inbound',
        'gone',
        'MailMissing: s3://prakerja-mail-123456789012/inbound/gone does not exist',
        `s3://${BUCKET}/inbound/gone`,
      ],
      ['inbound', 'flaky', 'ServiceUnavailable: table unavailable', `s3://${BUCKET}/inbound/flaky`],
    ]);
    expect(listed.items[0]).toMatchObject({ deadSince: NOW.toISOString(), sender: expect.stringContaining('***') });
    expect((await ops.setAside(rina, 'failed')).items).toEqual([
      expect.objectContaining({ inboundId: 'flaky', failures: 1, reason: 'ServiceUnavailable: table unavailable' }),
    ]);
    await expect(ops.deadLetters(dewi, 'inbound')).rejects.toEqual(fails('Forbidden'));
  });

  it('moves dead letters back to their work queue, chosen ones or all', async () => {
    await memory.dead.put('outbound', '{"a":1}', 'InvalidRecord: x', NOW.toISOString());
    await memory.dead.put('outbound', '{"b":2}', 'InvalidRecord: y', NOW.toISOString());
    const [first] = (await ops.deadLetters(rina, 'outbound')).items;
    expect(await ops.redrive(rina, 'outbound', [first?.id ?? ''])).toEqual({ moved: 1 });
    expect(await ops.redrive(rina, 'outbound')).toEqual({ moved: 1 });
    expect(
      memory.queues.outbound
        .peekAll()
        .map((m) => m.body)
        .sort(),
    ).toEqual(['{"a":1}', '{"b":2}']);
  });
});
