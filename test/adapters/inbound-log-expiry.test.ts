/** Records of mail set aside expire with their raw mail (DynamoDB TTL): they name the mail and its masked sender. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoInboundLog } from '#adapters/dynamodb/inbound-log.ts';
import type { SetAsideRecord } from '#ports';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' }));
const db = mockClient(doc);

const RECEIVED = '2025-06-07T08:09:10.000Z';
const record: SetAsideRecord = {
  inboundId: 'ses-set-aside-1',
  receivedAt: RECEIVED,
  outcome: 'automated',
  rawKey: 'inbound/ses-set-aside-1',
  reason: 'auto-submitted',
  sender: 'no***@example.net',
  flags: [],
  failures: 0,
  ticketRef: null,
};
const expected = Date.parse(RECEIVED) / 1000 + 180 * 24 * 3600;

describe('DynamoInboundLog expiry', () => {
  beforeEach(() => {
    db.reset();
    db.on(PutCommand).resolves({});
    db.on(UpdateCommand).resolves({});
  });

  it('writes a set-aside record to expire when its raw mail does, counted from receipt', async () => {
    await new DynamoInboundLog(doc, 'tickets', 180).record(record);
    expect(db.commandCalls(PutCommand)[0]?.args[0].input.Item?.expiresAt).toBe(expected);
  });

  it('stamps the same expiry on a failure record', async () => {
    const { outcome: _o, failures: _f, ticketRef: _t, ...entry } = record;
    await new DynamoInboundLog(doc, 'tickets', 180).recordFailure(entry);
    const input = db.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toContain('expiresAt = :exp');
    expect(input?.ExpressionAttributeValues?.[':exp']).toBe(expected);
  });

  it('keeps records without an expiry when no retention is given', async () => {
    await new DynamoInboundLog(doc, 'tickets').record(record);
    expect(db.commandCalls(PutCommand)[0]?.args[0].input.Item).not.toHaveProperty('expiresAt');
  });
});
