/** Queries on the tickets table that read every page. */
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** Every page of a query on the table, in order; the caller may stop early. */
export async function* queryPages(
  db: DynamoDBDocumentClient,
  table: string,
  input: QueryInput,
): AsyncGenerator<QueryCommandOutput> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, TableName: table, ExclusiveStartKey: start }));
    yield page;
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item a query finds, over all its pages. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  table: string,
  input: QueryInput,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const page of queryPages(db, table, input)) out.push(...(page.Items ?? []));
  return out;
}
