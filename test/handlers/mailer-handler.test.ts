import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { SQSEvent } from 'aws-lambda';
import { simpleParser } from 'mailparser';
import { documentClient } from '#adapters/clients.ts';
import { DynamoReplyLedger } from '#adapters/dynamodb/reply-ledger.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { makeReplyHandler } from '#handlers/reply-batch.ts';
import { loadEvent } from '../support/events.ts';
import { lambdaContext } from '../support/lambda.ts';

const endpoints = { AWS_REGION: 'ap-southeast-1' };
const now = () => new Date('2024-03-11T01:00:00.000Z');

const idemDb = new DynamoDBClient({ region: 'ap-southeast-1' });
const idem = mockClient(idemDb);
const ledgerDb = documentClient(endpoints);
const ledger = mockClient(ledgerDb);
const sesClient = new SESv2Client({ region: 'ap-southeast-1' });
const ses = mockClient(sesClient);

const handler = makeReplyHandler(
  {
    mailer: new SesMailer(sesClient, now),
    ledger: new DynamoReplyLedger(ledgerDb, 'tickets'),
    from: 'pengaduan@prakerja.example.id',
    maxAutoRepliesPerDay: 3,
    now,
  },
  new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: idemDb }),
);
const event = () => loadEvent<SQSEvent>('sqs/outbound-reply-job.json');
const withJob = (patch: Record<string, unknown>): SQSEvent => {
  const e = event();
  const r = e.Records[0];
  if (r) r.body = JSON.stringify({ ...JSON.parse(r.body), ...patch });
  return e;
};
const run = (e: SQSEvent) => handler(e, lambdaContext('mailer'));

async function sentMime() {
  const raw = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Raw?.Data;
  return simpleParser(Buffer.from(raw as Uint8Array));
}

describe('mailer handler', () => {
  beforeEach(() => {
    idem.reset();
    ledger.reset();
    ses.reset();
    idem.on(PutItemCommand).resolves({});
    idem.on(UpdateItemCommand).resolves({});
    idem.on(DeleteItemCommand).resolves({});
    ledger.on(UpdateCommand).resolves({});
    ledger.on(PutCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
  });

  it('sends one threaded Indonesian reply with our ticket reference in Message-ID and subject', async () => {
    const res = await run(event());
    expect(res.batchItemFailures).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'pengaduan@prakerja.example.id',
      Destination: { ToAddresses: ['rizky.pratama@example.com'] },
    });
    const mail = await sentMime();
    expect(mail.subject).toBe('[PRK-7K3M9Q2X] Pengaduan Anda kami terima');
    expect(mail.messageId).toMatch(/^<PRK-7K3M9Q2X\.acknowledge\.[0-9a-f]{12}@prakerja\.example\.id>$/);
    expect(mail.inReplyTo).toBe('<complete-1@mail.example.com>');
    expect(mail.references).toBe('<complete-1@mail.example.com>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
    expect(mail.text).toContain('Halo Rizky Pratama,');
    expect(mail.html).toContain('PRK-7K3M9Q2X');
  });

  it('records the sent reply on the ticket and counts it against the sender for the day', async () => {
    await run(event());
    expect(ledger).toHaveReceivedCommandWith(UpdateCommand, {
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeValues: expect.objectContaining({ ':limit': 3 }),
    });
    expect(ledger).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({
        PK: 'TICKET#PRK-7K3M9Q2X',
        type: 'reply',
        providerId: 'ses-1',
        kind: 'acknowledge',
      }),
    });
  });

  it('sends nothing past 3 auto-replies a day to one address and records the skip', async () => {
    ledger.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'limit', $metadata: {} }));
    const res = await run(event());
    expect(res.batchItemFailures).toEqual([]);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(ledger).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ skipped: 'rate-limited' }),
    });
  });

  it('never writes to an automated address', async () => {
    await run(withJob({ to: 'no-reply@notifikasi.example' }));
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(ledger).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ skipped: 'automated-recipient' }),
    });
  });

  it('fails the record on SES throttling so SQS retries it, gives the allowance back and releases the idempotency lock', async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'rate exceeded', $metadata: {} }));
    const res = await run(event());
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '5d0c2b8e-3f2a-4a51-9e7d-2c6b1f0a9e22' }]);
    expect(ledger).toHaveReceivedCommandWith(UpdateCommand, { UpdateExpression: 'ADD #count :minus' });
    expect(idem).toHaveReceivedCommand(DeleteItemCommand);
  });

  it('does not send a job again when its idempotency record says it was completed', async () => {
    const data = { sent: true, messageId: '<x>', providerId: 'ses-1' };
    idem.on(PutItemCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'exists',
        $metadata: {},
        Item: marshall({
          id: 'mailer#abc',
          status: 'COMPLETED',
          expiration: Math.floor(Date.now() / 1000) + 3600,
          data,
        }),
      }),
    );
    const res = await run(event());
    expect(res.batchItemFailures).toEqual([]);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('rejects a malformed job as a failed record (retried, then dead-lettered)', async () => {
    const res = await run(withJob({ to: 'not an address' }));
    expect(res.batchItemFailures).toHaveLength(1);
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
  });

  it('sends an agent reply without Auto-Submitted and without counting it against the daily limit', async () => {
    await run(withJob({ kind: 'agent_reply', body: 'Insentif Anda sudah kami kirim ulang.', jobId: 'agent-1' }));
    const mail = await sentMime();
    expect(mail.headers.get('auto-submitted')).toBeUndefined();
    expect(mail.text).toContain('Insentif Anda sudah kami kirim ulang.');
    expect(ledger).not.toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: expect.stringContaining('ADD #count :one'),
    });
  });
});
