import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { linkKey } from '#adapters/dynamodb/keys.ts';
import { ticketRefFor } from '#core/ticket.ts';
import { buildInboundDeps, makeTriageHandler } from '#handlers/inbound-batch.ts';
import type { TriageConfig } from '#lambdas/config.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { loadEvent } from '../support/events.ts';
import { fixtureMail } from '../support/fixtures.ts';
import { notification, snsEnvelope, sqsEvent, sqsRecord } from '../support/inbound.ts';
import { lambdaContext } from '../support/lambda.ts';

const config: TriageConfig = {
  AWS_REGION: 'ap-southeast-1',
  TABLE_NAME: 'tickets',
  OUTBOUND_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound',
  COMPLAINT_ADDRESSES: ['pengaduan@prakerja.example.id'],
  SLA_HOURS,
};

const s3 = mockClient(S3Client);
const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);

function serveMail(raw: Buffer | string) {
  const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
  s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new Uint8Array(bytes) } as never });
}

/** A ticket item as the table returns it; each test overrides what it is about. */
const storedTicket = (ref: string, item: Record<string, unknown>) => ({
  PK: `TICKET#${ref}`,
  SK: 'META',
  type: 'ticket',
  ref,
  openedBy: 'first',
  status: 'ready',
  category: 'incentive',
  priority: 'high',
  missing: [],
  messageCount: 1,
  version: 1,
  inboundIds: new Set([item.openedBy ?? 'first']),
  ...item,
});

const putItems = () => ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item as Record<string, unknown>);
const ofType = (type: string) => putItems().filter((i) => i.type === type);

describe('triage handler', () => {
  const handler = makeTriageHandler(buildInboundDeps(config));
  const run = (event: SQSEvent) => handler(event, lambdaContext('triage'));

  beforeEach(() => {
    s3.reset();
    ddb.reset();
    sqs.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(BatchGetCommand).resolves({ Responses: { tickets: [] } });
    ddb.on(PutCommand).resolves({});
    sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
  });

  it('turns the sample SES-via-SNS event into a ready ticket, a message, an inbound record and one acknowledge job', async () => {
    serveMail(fixtureMail('complete.eml'));
    const res = await run(loadEvent('sqs/inbound-ses-via-sns.json'));
    expect(res).toEqual({ batchItemFailures: [] });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'prakerja-mail-123456789012',
      Key: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
    });
    const [ticket] = ofType('ticket');
    expect(ticket).toMatchObject({
      status: 'ready',
      category: 'incentive',
      priority: 'high',
      gsi1pk: 'QUEUE#incentive',
    });
    expect(ofType('link')).toHaveLength(3); // card, phone, email
    expect(ofType('message')[0]).toMatchObject({ inboundId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1', flags: [] });
    expect(ofType('inbound')[0]).toMatchObject({ outcome: 'created', ticketRef: ticket?.ref });
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    const job = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '{}');
    expect(job).toMatchObject({
      kind: 'acknowledge',
      ticketRef: ticket?.ref,
      to: 'rizky.pratama@example.com',
      inReplyTo: '<complete-1@mail.example.com>',
    });
  });

  it('quarantines a virus without reading the mail, filing a ticket or answering', async () => {
    const res = await run(sqsEvent(sqsRecord(snsEnvelope(notification({ verdicts: { virus: 'FAIL' } })), 'r1')));
    expect(res.batchItemFailures).toEqual([]);
    expect(s3).not.toHaveReceivedCommand(GetObjectCommand);
    expect(ofType('ticket')).toHaveLength(0);
    expect(ofType('inbound')[0]).toMatchObject({ outcome: 'quarantined', reason: 'virus', gsi2pk: 'OPS#quarantined' });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('files spam as a marked ticket but never auto-answers it', async () => {
    serveMail(fixtureMail('complete.eml'));
    await run(sqsEvent(sqsRecord(snsEnvelope(notification({ verdicts: { spam: 'FAIL' } })), 'r1')));
    expect(ofType('ticket')).toHaveLength(1);
    expect(ofType('message')[0]?.flags).toEqual(['spam']);
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('records SPF, DKIM and DMARC failures on the message and still answers', async () => {
    serveMail(fixtureMail('complete.eml'));
    await run(
      sqsEvent(sqsRecord(snsEnvelope(notification({ verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } })), 'r1')),
    );
    expect(ofType('message')[0]?.flags).toEqual(['spf-fail', 'dkim-fail', 'dmarc-fail']);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
  });

  it('records automated mail for ops with the rule that fired, and files nothing', async () => {
    serveMail(fixtureMail('bounce.eml'));
    await run(sqsEvent(sqsRecord(snsEnvelope(notification()), 'r1')));
    expect(ofType('ticket')).toHaveLength(0);
    expect(ofType('inbound')[0]).toMatchObject({
      outcome: 'automated',
      reason: 'null-return-path',
      gsi2pk: 'OPS#automated',
    });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('keeps an unparseable mail: a parse_failed record pointing at the raw object, visible to ops, not retried', async () => {
    serveMail(Buffer.from([0, 1, 2, 255]));
    const res = await run(sqsEvent(sqsRecord(snsEnvelope(notification({ key: 'inbound/broken' })), 'r1')));
    expect(res.batchItemFailures).toEqual([]);
    expect(ofType('inbound')[0]).toMatchObject({
      outcome: 'parse_failed',
      rawKey: 's3://prakerja-mail-123456789012/inbound/broken',
      gsi2pk: 'OPS#parse_failed',
    });
  });

  it('fails only the poison record of a batch (partial batch response)', async () => {
    serveMail(fixtureMail('complete.eml'));
    const poison = loadEvent<SQSEvent>('sqs/inbound-poison.json').Records[0];
    const good = sqsRecord(snsEnvelope(notification()), 'good');
    const res = await run(sqsEvent(good, poison as never));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '9b2e7c51-0c57-4a1e-8c9a-d1c0e3f1a001' }]);
    expect(ofType('ticket')).toHaveLength(1);
  });

  it('fails a record whose DynamoDB write is throttled, so SQS retries it, and keeps the rest', async () => {
    serveMail(fixtureMail('complete.eml'));
    ddb.on(PutCommand).callsFake((input: { Item?: { inboundId?: string } }) => {
      if (input.Item?.inboundId === 'throttled')
        throw new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
      return {};
    });
    const res = await run(
      sqsEvent(
        sqsRecord(snsEnvelope(notification({ messageId: 'throttled' })), 'r-throttled'),
        sqsRecord(snsEnvelope(notification({ messageId: 'fine' })), 'r-fine'),
      ),
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'r-throttled' }]);
  });

  it('on redelivery finds its own ticket, creates nothing new and queues the same job id again', async () => {
    serveMail(fixtureMail('complete.eml'));
    const id = 'redelivered-1';
    const ref = ticketRefFor(id);
    ddb.on(GetCommand, { Key: { PK: `TICKET#${ref}`, SK: 'META' } }).resolves({
      Item: storedTicket(ref, {
        openedBy: id,
        fields: {},
        replyTo: 'rizky.pratama@example.com',
        createdAt: '2024-03-11T00:14:22.000Z',
        updatedAt: '2024-03-11T00:14:22.000Z',
      }),
    });
    await run(sqsEvent(sqsRecord(snsEnvelope(notification({ messageId: id })), 'r1')));
    expect(ofType('ticket')).toHaveLength(0);
    expect(ofType('link')).toHaveLength(0);
    const job = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '{}');
    expect(job.jobId).toBe(`${id}:acknowledge`);
  });

  it('threads a reply carrying our ticket reference into that ticket with a conditional update', async () => {
    const ref = 'PRK-7K3M9Q2X';
    const reply = (await import('../support/mime.ts')).mime({
      subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`,
      text: 'Ini datanya\nNo kartu 2817 4409 6653 0126\nNo hp 0877 5512 9084',
    });
    serveMail(await reply);
    ddb.on(GetCommand, { Key: { PK: `TICKET#${ref}`, SK: 'META' } }).resolves({
      Item: storedTicket(ref, {
        status: 'waiting_participant',
        fields: { cardNumber: null, phone: null, email: 'budi.santoso@example.com', name: null, nik: null },
        missing: ['cardNumber', 'phone'],
        replyTo: 'budi.santoso@example.com',
        createdAt: '2024-03-11T00:00:00.000Z',
        updatedAt: '2024-03-11T00:00:00.000Z',
        version: 3,
      }),
    });
    ddb
      .on(UpdateCommand)
      .resolves({ Attributes: { ref, status: 'ready', category: 'incentive', missing: [], fields: { name: null } } });
    await run(sqsEvent(sqsRecord(snsEnvelope(notification({ messageId: 'follow-up' })), 'r1')));
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { PK: `TICKET#${ref}`, SK: 'META' },
      ConditionExpression: '#version = :version',
      ExpressionAttributeValues: expect.objectContaining({ ':status': 'ready', ':missing': [], ':version': 3 }),
    });
    expect(ofType('ticket')).toHaveLength(0);
    expect(ofType('inbound')[0]).toMatchObject({ outcome: 'threaded', ticketRef: ref });
  });

  it('retries the update when an agent changed the ticket meanwhile', async () => {
    serveMail(fixtureMail('complete.eml'));
    const item = storedTicket('PRK-7K3M9Q2X', {
      fields: { cardNumber: '5412883019672245', phone: null, email: 'x@y.z', name: null, nik: null },
      createdAt: '2024-03-10T00:00:00.000Z',
      updatedAt: '2024-03-10T00:00:00.000Z',
    });
    ddb.on(GetCommand, { Key: { PK: 'TICKET#PRK-7K3M9Q2X', SK: 'META' } }).resolves({ Item: item });
    const cardLink = linkKey({ kind: 'card', value: '5412883019672245' }, 'incentive');
    ddb.on(BatchGetCommand).resolves({ Responses: { tickets: [{ ...cardLink, ref: 'PRK-7K3M9Q2X' }] } });
    ddb
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'changed', $metadata: {} }))
      .resolves({ Attributes: { ...item, missing: [] } });
    const res = await run(sqsEvent(sqsRecord(snsEnvelope(notification({ messageId: 'again' })), 'r1')));
    expect(res.batchItemFailures).toEqual([]);
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 2);
  });
});
