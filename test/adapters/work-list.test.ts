import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoWorkList } from '#adapters/dynamodb/work-list.ts';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-3' }));
const db = mockClient(doc);

const item = (n: number) => ({
  PK: `TICKET#PRK-0000000${n}`,
  gsi1sk: `1#1#2024-03-11T00:00:0${n}.000Z#PRK-0000000${n}`,
});
const claimedAttributes = (ref: string) => ({
  PK: `TICKET#${ref}`,
  ref,
  status: 'claimed',
  category: 'incentive',
  priority: 'high',
  fields: { cardNumber: null, phone: null, email: 'p@example.com', name: null, nik: null },
  missing: [],
  messageCount: 1,
  createdAt: '2024-03-11T00:00:00.000Z',
  updatedAt: '2024-03-11T00:00:00.000Z',
  version: 2,
});

/** UpdateItem answers in the order given, each when its promise is released. */
function updatesHeldUntilReleased() {
  const releases: (() => void)[] = [];
  db.on(UpdateCommand).callsFake(
    (input: { Key: { PK: string } }) =>
      new Promise((resolve) => releases.push(() => resolve({ Attributes: claimedAttributes(input.Key.PK.slice(7)) }))),
  );
  return releases;
}

beforeEach(() => db.reset());

describe('DynamoWorkList.claimNext', () => {
  it('never hands two concurrent claimers in one process the same candidate', async () => {
    db.on(QueryCommand).resolves({ Items: [item(1), item(2), item(3)] });
    const releases = updatesHeldUntilReleased();
    const list = new DynamoWorkList(doc, 'table');
    const claims = [1, 2, 3].map((a) => list.claimNext('incentive', `agent-${a}`, 'lease', 'now'));
    await new Promise((r) => setTimeout(r, 10));
    for (const release of releases) release();
    const refs = (await Promise.all(claims)).map((t) => t?.ref);
    expect(new Set(refs).size).toBe(3);
    expect(db).toHaveReceivedCommandTimes(UpdateCommand, 3);
  });

  it('pages past candidates still being claimed here instead of reporting the list empty', async () => {
    // The first page is the one ticket another claimer holds; the next page has a free one.
    db.on(QueryCommand)
      .resolvesOnce({ Items: [item(1)] })
      .resolvesOnce({ Items: [item(1)], LastEvaluatedKey: { PK: item(1).PK } })
      .resolvesOnce({ Items: [item(2)] });
    const releases = updatesHeldUntilReleased();
    const list = new DynamoWorkList(doc, 'table');
    const first = list.claimNext('incentive', 'a', 'lease', 'now');
    await new Promise((r) => setTimeout(r, 10));
    const second = list.claimNext('incentive', 'b', 'lease', 'now');
    await new Promise((r) => setTimeout(r, 10));
    for (const release of releases) release();
    expect((await first)?.ref).toBe('PRK-00000001');
    expect((await second)?.ref).toBe('PRK-00000002');
  });

  it('moves on to the next candidate when another process won the race', async () => {
    db.on(QueryCommand).resolves({ Items: [item(1), item(2)] });
    db.on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }))
      .resolves({ Attributes: claimedAttributes('PRK-00000002') });
    const ticket = await new DynamoWorkList(doc, 'table').claimNext('incentive', 'a', 'lease', 'now');
    expect(ticket?.ref).toBe('PRK-00000002');
    expect(db).toHaveReceivedCommandTimes(UpdateCommand, 2);
  });

  it('reports an empty list as null', async () => {
    db.on(QueryCommand).resolves({ Items: [] });
    expect(await new DynamoWorkList(doc, 'table').claimNext('incentive', 'a', 'lease', 'now')).toBeNull();
  });
});
