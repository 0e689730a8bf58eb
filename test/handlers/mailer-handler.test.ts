/**
 * The mailer Lambda's handler over adapters in memory: reading reply jobs from SQS records and
 * failing records one by one (partial batch responses); what a job does is the mailer use case's.
 */

import type { SQSEvent } from 'aws-lambda';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeMailerHandler } from '#handlers/mailer-handler.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { loadEvent } from '../support/events.ts';
import { lambdaContext } from '../support/lambda.ts';
import { LARAS } from '../support/mails.ts';

let memory: MemoryAdapters;
let run: (e: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
beforeEach(() => {
  memory = new MemoryAdapters();
  const handler = makeMailerHandler(
    buildMailerDeps(
      {
        FROM_ADDRESS: 'pengaduan@prakerja.example.id',
        MAX_AUTO_REPLIES_PER_DAY: 3,
        STATUS_BASE_URL: 'https://status.prakerja.example.id',
      },
      memory,
      () => new Date('2024-05-20T03:00:00.000Z'),
    ),
  );
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
    expect(memory.outbox.sent.map((m) => [m.to, m.subject])).toEqual([
      [LARAS.address, '[PRK-7K3M9Q2X] Pengaduan Anda kami terima'],
    ]);
  });

  it('fails a malformed job alone (retried, then dead-lettered) and sends the rest', async () => {
    const r = await run({
      Records: [
        withJob('bad', { to: 'not an address' }),
        withJob('fine', { jobId: 'fine:acknowledge' }),
        { ...withJob('junk', {}), body: '{' },
      ],
    });
    expect(r.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad', 'junk']);
    expect(memory.outbox.sent).toHaveLength(1);
  });

  it('fails the record when SES refuses, so SQS retries it', async () => {
    memory.outbox.send = async () => {
      throw Object.assign(new Error('rate exceeded'), { name: 'TooManyRequestsException' });
    };
    expect(await run(loadEvent('sqs/outbound-reply-job.json'))).toEqual({
      batchItemFailures: [{ itemIdentifier: '5d0c2b8e-3f2a-4a51-9e7d-2c6b1f0a9e22' }],
    });
  });
});
