/**
 * The sending-events Lambda's handler over adapters in memory: SES's Send event, raw from the
 * configuration set's topic, marks the reply record of the job its tags name as sent (the
 * mailer's second witness); other events and mail that is not ours change nothing.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { encodeJobTag } from '#app/mailer.ts';
import { makeSendingEventsHandler } from '#handlers/sending-events-handler.ts';
import { buildSendingEventsDeps } from '#lambdas/wiring.ts';
import type { ReplyJob } from '#ports';
import { lambdaContext } from '../support/lambda.ts';

const JOB: ReplyJob = {
  jobId: 'ses-kirana-1:acknowledge',
  kind: 'acknowledge',
  ticketRef: 'PRK-4W8N2R6T',
  to: 'kirana.wulandari@kotakpos.example',
  category: 'incentive',
  missing: [],
  inReplyTo: null,
  references: [],
};

/** One SES event-publishing record as SNS delivers it raw into the sending events queue. */
function sesEvent(eventType: string, tags: Record<string, string[]> | undefined): string {
  return JSON.stringify({
    eventType,
    mail: {
      timestamp: '2024-05-20T03:00:01.000Z',
      source: 'pengaduan@prakerja.example.id',
      messageId: '0100018f-ses-kirana',
      destination: [JOB.to],
      tags,
    },
    [eventType.toLowerCase()]: {},
  });
}

const OUR_TAGS = {
  'ses:configuration-set': ['replies'],
  ticket: [JOB.ticketRef],
  kind: [JOB.kind],
  job: [encodeJobTag(JOB.jobId)],
};

function records(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map(
      (body, i) =>
        ({
          messageId: `m-${i}`,
          receiptHandle: `h-${i}`,
          body,
          attributes: { ApproximateReceiveCount: '1' },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:ap-southeast-1:111111111111:sending-events',
          awsRegion: 'ap-southeast-1',
        }) as unknown as SQSRecord,
    ),
  };
}

let memory: MemoryAdapters;
let run: (e: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
beforeEach(async () => {
  // Prepare: the mailer took the job and died before it could write what SES answered.
  memory = new MemoryAdapters();
  const take = await memory.replies.take(JOB, '2024-05-20T03:00:00.000Z', '2024-05-20T02:59:00.000Z');
  expect(take.kind).toBe('taken');
  const handler = makeSendingEventsHandler(buildSendingEventsDeps(memory));
  run = (e) => handler(e, lambdaContext('sending-events'));
});

const retake = () => memory.replies.take(JOB, '2024-05-20T03:05:00.000Z', '2024-05-20T03:04:00.000Z');

describe('sending events handler', () => {
  it('marks the reply its Send event names as sent, so the abandoned job is never sent again', async () => {
    // Act
    const response = await run(records(sesEvent('Send', OUR_TAGS)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await retake()).toEqual({ kind: 'done', status: 'sent' });
  });

  it('changes nothing for events other than Send, or for mail without our tags', async () => {
    // Act
    const response = await run(records(sesEvent('Delivery', OUR_TAGS), sesEvent('Send', undefined)));

    // Assess: the job still counts as abandoned by its sender, so it is taken again.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await retake()).toEqual({ kind: 'taken' });
  });

  it('fails a record that is not an SES event, so SQS retries and then dead-letters it, and keeps the rest', async () => {
    // Act
    const response = await run(records('not json at all', sesEvent('Send', OUR_TAGS)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    expect(await retake()).toEqual({ kind: 'done', status: 'sent' });
  });
});
