/**
 * The triage Lambda's handler over adapters in memory: what it adds to the use case is reading SQS
 * records (SNS envelope or raw notification), failing records one by one (partial batch
 * responses), and queueing the batch's reply jobs in one request.
 */

import { jest } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { READ_LIMITS } from '#core/parse.ts';
import { logger } from '#handlers/observability.ts';
import { makeTriageHandler } from '#handlers/triage-handler.ts';
import { buildTriageDeps } from '#lambdas/wiring.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import type { ReplyJob } from '#ports';
import { loadEvent } from '../support/events.ts';
import { notification, snsEnvelope, sqsEvent, sqsRecord } from '../support/inbound.ts';
import { lambdaContext } from '../support/lambda.ts';
import { COMPLETE, LARAS, TRAINING } from '../support/mails.ts';
import { mime } from '../support/mime.ts';

let memory: MemoryAdapters;
let run: (e: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
beforeEach(() => {
  memory = new MemoryAdapters();
  const handler = makeTriageHandler(buildTriageDeps({ COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS], SLA_HOURS }, memory));
  run = (e) => handler(e, lambdaContext('triage'));
});
afterEach(() => jest.restoreAllMocks());

/** Stores raw mail where the sample notification says SES put it. */
const store = (id: string, raw: Buffer) => memory.mail.put('prakerja-mail-123456789012', `inbound/${id}`, raw);
const record = (id: string, over: Parameters<typeof notification>[0] = {}) =>
  sqsRecord(snsEnvelope(notification({ messageId: id, ...over })), `sqs-${id}`);

describe('triage handler', () => {
  it('turns the sample SES-via-SNS event into a ready ticket and one acknowledgement job', async () => {
    store('o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1', await COMPLETE.raw());
    expect(await run(loadEvent('sqs/inbound-ses-via-sns.json'))).toEqual({ batchItemFailures: [] });
    const [ticket] = [...memory.state.tickets.values()].map((r) => r.ticket);
    expect(ticket).toMatchObject({
      status: 'ready',
      category: 'incentive',
      openedBy: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
    });
    expect(memory.queue.jobs).toEqual([
      expect.objectContaining({
        kind: 'acknowledge',
        ticketRef: ticket?.ref,
        to: LARAS.address,
        inReplyTo: '<laras-1@surel.example>',
      }),
    ]);
  });

  it('also reads a notification delivered without its SNS envelope (raw message delivery)', async () => {
    store('raw-1', await COMPLETE.raw());
    const r = await run(sqsEvent(sqsRecord(JSON.stringify(notification({ messageId: 'raw-1' })), 'sqs-raw')));
    expect(r.batchItemFailures).toEqual([]);
    expect(memory.state.tickets.size).toBe(1);
  });

  it('dead-letters a record that is not a notification at once, with the reason, and files the rest', async () => {
    store('good', await COMPLETE.raw());
    const poison = loadEvent<SQSEvent>('sqs/inbound-poison.json').Records[0];
    const r = await run(sqsEvent(record('good'), poison as never));
    expect(r.batchItemFailures).toEqual([]);
    expect(memory.queue.jobs).toHaveLength(1);
    expect((await memory.dead.list('inbound', 10)).items).toEqual([
      expect.objectContaining({
        body: poison?.body,
        reason: expect.stringMatching(/^InvalidRecord: not an SES receipt notification/),
      }),
    ]);
  });

  it('dead-letters at once a mail whose raw message is gone: retrying cannot bring it back', async () => {
    const r = await run(sqsEvent(record('vanished')));
    expect(r.batchItemFailures).toEqual([]);
    expect((await memory.dead.list('inbound', 10)).items).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/^MailMissing: /) }),
    ]);
  });

  it('leaves a failure trace from the first failure on, and takes it away once the mail is filed', async () => {
    store('shaky', await COMPLETE.raw());
    const create = memory.tickets.create.bind(memory.tickets);
    memory.tickets.create = async () => {
      throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    };
    expect((await run(sqsEvent(record('shaky')))).batchItemFailures).toHaveLength(1);
    expect(await memory.inbound.get('shaky')).toMatchObject({
      outcome: 'failed',
      failures: 1,
      reason: 'ThrottlingException: slow down',
      rawKey: 's3://prakerja-mail-123456789012/inbound/shaky',
    });
    memory.tickets.create = create;
    const again = record('shaky');
    again.attributes.ApproximateReceiveCount = '2';
    expect((await run(sqsEvent(again))).batchItemFailures).toEqual([]);
    expect(await memory.inbound.get('shaky')).toBeNull();
  });

  it('fails a record whose store write fails, so SQS retries it, and keeps the rest', async () => {
    store('fine', await COMPLETE.raw());
    store('unlucky', await TRAINING.raw());
    const create = memory.tickets.create.bind(memory.tickets);
    memory.tickets.create = async (ticket, first, keys) => {
      if (ticket.openedBy === 'unlucky') throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
      return create(ticket, first, keys);
    };
    const r = await run(sqsEvent(record('unlucky'), record('fine')));
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-unlucky' }]);
    expect(memory.queue.jobs.map((j) => j.jobId)).toEqual(['fine:acknowledge']);
  });

  it('queues the batch’s reply jobs in one request, and fails the records whose job it could not queue', async () => {
    store('a', await COMPLETE.raw());
    store('b', await TRAINING.raw());
    const requests: ReplyJob[][] = [];
    memory.queue.enqueue = async (jobs) => {
      requests.push([...jobs]);
      return jobs.filter((j) => j.jobId.startsWith('b:')).map((j) => j.jobId);
    };
    const r = await run(sqsEvent(record('a'), record('b')));
    expect(requests.map((jobs) => jobs.map((j) => j.jobId).sort())).toEqual([['a:acknowledge', 'b:acknowledge']]);
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-b' }]);
  });

  it('logs that a mail was read only in part, and files what its opening says', async () => {
    // Prepare: a complaint, then more text than the triage reads
    const lines: Record<string, unknown>[] = [];
    jest.spyOn(logger, 'info').mockImplementation((...args: unknown[]) => {
      lines.push({ message: args[0], ...(args[1] as object) });
    });
    const text = `dana pelatihan saya belum masuk\nhp 0813 5550 1234\n${'panjang '.repeat(READ_LIMITS.text / 6)}`;
    store('long', await mime({ from: `Peserta <${LARAS.address}>`, subject: 'dana belum masuk', text }));
    // Act
    await run(sqsEvent(record('long')));
    // Assess
    expect(lines.find((l) => l.message === 'inbound mail processed')).toMatchObject({
      outcome: 'created',
      readWarnings: [`text cut to its first ${READ_LIMITS.text} characters`],
    });
    const [ticket] = [...memory.state.tickets.values()].map((r) => r.ticket);
    expect(ticket?.fields.phone).toBe('+6281355501234');
  });

  it('reads a mail larger than the read limit from its start: the complaint filed, the cut logged', async () => {
    // Prepare: the complaint, then a photo larger than the part of a mail the triage reads
    const lines: Record<string, unknown>[] = [];
    jest.spyOn(logger, 'info').mockImplementation((...args: unknown[]) => {
      lines.push({ message: args[0], ...(args[1] as object) });
    });
    const photo = Buffer.alloc(READ_LIMITS.rawBytes + 1024, 0x5a);
    const raw = await mime({
      from: `Peserta <${LARAS.address}>`,
      subject: 'dana belum masuk',
      text: 'dana pelatihan saya belum masuk\nhp 0813 5550 1234',
      attachments: [{ filename: 'bukti.jpg', content: photo, contentType: 'image/jpeg' }],
    });
    store('large', raw);
    // Act
    await run(sqsEvent(record('large')));
    // Assess
    expect(lines.find((l) => l.message === 'inbound mail processed')).toMatchObject({
      outcome: 'created',
      readWarnings: [`mail read to its first ${READ_LIMITS.rawBytes} of ${raw.length} bytes`],
    });
    const [ticket] = [...memory.state.tickets.values()].map((r) => r.ticket);
    expect(ticket?.fields.phone).toBe('+6281355501234');
  });
});
