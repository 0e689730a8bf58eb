/** The incident member and participant items expire (DynamoDB TTL): they hold the participant's surge key. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoSurgeStore } from '#adapters/dynamodb/surge-store.ts';
import type { Member } from '#core/surge/model.ts';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' }));
const db = mockClient(doc);

const JOINED = '2025-03-04T05:06:07.000Z';
const member: Member = {
  ref: 'PRK-7K3M9Q2W',
  participant: 'b'.repeat(32),
  category: 'training',
  at: JOINED,
  score: 4.5,
  matched: ['kelas', 'gangguan'],
  minhash: [1, 2, 3, 4],
};

describe('DynamoSurgeStore.addMembers', () => {
  it('writes the member and its participant marker with an expiry a year and a month after the ticket joined', async () => {
    // Prepare
    db.reset();
    db.on(UpdateCommand).resolves({});
    db.on(PutCommand).resolves({});
    const store = new DynamoSurgeStore(doc, 'tickets', { bucketMinutes: 1 });

    // Act
    const r = await store.addMembers('inc-1', [member]);

    // Assess
    expect(r.added).toEqual([member]);
    const puts = db.commandCalls(PutCommand).map((c) => c.args[0].input.Item ?? {});
    expect(puts.map((i) => i.type)).toEqual(['surge-member', 'surge-participant']);
    const expected = Date.parse(JOINED) / 1000 + 395 * 24 * 3600;
    for (const item of puts) expect(item.expiresAt).toBe(expected);
  });
});
