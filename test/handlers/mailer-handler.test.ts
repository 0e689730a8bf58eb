/**
 * The mailer Lambda's handler over adapters in memory: reading reply jobs from SQS records and
 * failing records one by one (partial batch responses); what a job does is the mailer use case's.
 */

import type { SQSEvent } from 'aws-lambda';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeMailerHandler } from '#handlers/mailer-handler.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { SendFailure } from '#ports';
import { MAILER_CONFIG } from '../support/configs.ts';
import { loadEvent } from '../support/events.ts';
import { lambdaContext } from '../support/lambda.ts';
import { LARAS } from '../support/mails.ts';

let memory: MemoryAdapters;
let run: (e: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
beforeEach(() => {
  memory = new MemoryAdapters();
  const handler = makeMailerHandler(buildMailerDeps(MAILER_CONFIG, memory, () => new Date('2024-05-20T03:00:00.000Z')));
  run = (e) => handler(e, lambdaContext('mailer'));
});

/** The sample event with its job changed, as a record of its own. */
function withJob(id: string, patch: Record<string, unknown>) {
  const r = loadEvent<SQSEvent>('sqs/outbound-reply-job.json').Records[0];
  if (!r) throw new Error('sample event has no record');
  return { ...r, messageId: id, body: JSON.stringify({ ...JSON.parse(r.body), ...patch }) };
}

describe('mailer handler', () => {
  it('sends the sample reply job once, even delivered twice', async () => {
    expect(await run(loadEvent('sqs/outbound-reply-job.json'))).toEqual({ batchItemFailures: [] });
    expect(await run(loadEvent('sqs/outbound-reply-job.json'))).toEqual({ batchItemFailures: [] });
    expect(memory.ses.sent.map((m) => [m.to, m.subject])).toEqual([
      [LARAS.address, '[PRK-7K3M9Q2X] Pengaduan Anda kami terima'],
    ]);
  });

  it('dead-letters a job that can never be sent at once, with the reason, and sends the rest', async () => {
    const r = await run({
      Records: [
        withJob('bad', { to: 'budi@localhost' }),
        withJob('fine', { jobId: 'fine:acknowledge' }),
        { ...withJob('junk', {}), body: '{' },
      ],
    });
    expect(r.batchItemFailures).toEqual([]);
    expect(memory.ses.sent).toHaveLength(1);
    const dead = await memory.dead.list('outbound', 10);
    expect(dead.items.map((d) => d.reason).sort()).toEqual([
      'InvalidRecord: not a reply job: not an address SES sends to (domain without a dot)',
      'InvalidRecord: reply job is not JSON',
    ]);
    expect(dead.items.map((d) => d.deadSince)).toEqual(['2024-05-20T03:00:00.000Z', '2024-05-20T03:00:00.000Z']);
  });

  it('dead-letters a mail SES rejects for good at once, instead of trying it five times', async () => {
    memory.ses.send = async () => {
      throw new SendFailure('rejected', 'MessageRejected');
    };
    expect(await run(loadEvent('sqs/outbound-reply-job.json'))).toEqual({ batchItemFailures: [] });
    expect((await memory.dead.list('outbound', 10)).items).toEqual([
      expect.objectContaining({ reason: 'SendFailure: send rejected: MessageRejected' }),
    ]);
  });

  it('fails the record when SES refuses it this time, so SQS retries it', async () => {
    memory.ses.send = async () => {
      throw new SendFailure('refused', 'SendingPausedException');
    };
    expect(await run(loadEvent('sqs/outbound-reply-job.json'))).toEqual({
      batchItemFailures: [{ itemIdentifier: '5d0c2b8e-3f2a-4a51-9e7d-2c6b1f0a9e22' }],
    });
  });

  it('reports a throttled job done: it went back on the queue with a delay, and does not count towards the DLQ', async () => {
    memory.ses.send = async () => {
      throw new SendFailure('throttled', 'TooManyRequestsException');
    };
    const handler = makeMailerHandler({
      ...buildMailerDeps(MAILER_CONFIG, memory, () => new Date('2024-05-20T03:00:00.000Z')),
      sleep: async () => undefined,
    });
    expect(await handler(loadEvent('sqs/outbound-reply-job.json'), lambdaContext('mailer'))).toEqual({
      batchItemFailures: [],
    });
    expect(memory.queues.outbound.peekAll()).toEqual([expect.objectContaining({ receiveCount: 0 })]);
    expect((await memory.dead.list('outbound', 10)).total).toBe(0);
  });
});
