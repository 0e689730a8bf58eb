/** BatchWriteItem over many requests: chunks of its limit, unprocessed requests sent again. */
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem's limit per request. */
const BATCH_WRITE_LIMIT = 25;

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Writes the requests in chunks of 25, each chunk's unprocessed requests sent again until none is
 * left or `attempts` requests were made for it. Returns the requests never processed.
 */
export async function batchWrite<R extends WriteRequest>(
  db: DynamoDBDocumentClient,
  table: string,
  requests: readonly R[],
  attempts: number,
): Promise<R[]> {
  const unprocessed: R[] = [];
  for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
    let pending: R[] = requests.slice(i, i + BATCH_WRITE_LIMIT);
    for (let attempt = 0; pending.length > 0 && attempt < attempts; attempt++) {
      const r: BatchWriteCommandOutput = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (r.UnprocessedItems?.[table] ?? []) as R[];
    }
    unprocessed.push(...pending);
  }
  return unprocessed;
}
