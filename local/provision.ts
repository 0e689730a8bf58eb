/**
 * Creates what the CDK stacks create, on the local emulators: the tickets table with its GSIs,
 * the inbound/outbound queues with their DLQs (same maxReceiveCount as
 * CDK, from lib/settings.ts) and the mail bucket. Idempotent: safe on a restart with --data.
 */
import { CreateTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClients } from '#adapters/clients.ts';
import { DLQ_RETENTION_DAYS, QUEUES, type QueueSettings, TABLE } from '#lib/settings.ts';

export interface LocalNames {
  table: string;
  bucket: string;
  inboundQueue: string;
  outboundQueue: string;
  /** SES sending events (bounces, complaints) for the suppression list; optional for older callers. */
  sendingEventsQueue?: string;
}

export const DEFAULT_NAMES: LocalNames = {
  table: 'prakerja-tickets',
  bucket: 'prakerja-mail',
  inboundQueue: 'prakerja-inbound',
  outboundQueue: 'prakerja-outbound',
  sendingEventsQueue: 'prakerja-sending-events',
};

export interface QueueRef {
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
  settings: QueueSettings;
}

export interface Provisioned {
  names: LocalNames;
  inbound: QueueRef;
  outbound: QueueRef;
  sendingEvents: QueueRef;
}

async function ignoreExisting(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (
      err instanceof ResourceInUseException ||
      /already (exists|owned)/i.test((err as Error).message ?? '') ||
      (err as Error).name === 'BucketAlreadyOwnedByYou'
    )
      return;
    throw err;
  }
}

async function createQueueWithDlq(sqs: SQSClient, name: string, settings: QueueSettings): Promise<QueueRef> {
  const arnOf = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes
      ?.QueueArn ?? '';
  const dlq = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}-dlq`,
      Attributes: { MessageRetentionPeriod: String(DLQ_RETENTION_DAYS * 86400) },
    }),
  );
  const dlqUrl = dlq.QueueUrl ?? '';
  const dlqArn = await arnOf(dlqUrl);
  const q = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: settings.maxReceiveCount }),
      },
    }),
  );
  const url = q.QueueUrl ?? '';
  return { url, arn: await arnOf(url), dlqUrl, dlqArn, settings };
}

export async function provision(
  clients: Pick<AwsClients, 'dynamo' | 'sqs' | 's3'>,
  names: LocalNames = DEFAULT_NAMES,
): Promise<Provisioned> {
  const { queueIndex, listIndex, outboxIndex } = TABLE;
  const S = 'S' as const;
  const indexes = [
    { ix: queueIndex, projection: 'ALL' as const },
    { ix: listIndex, projection: 'ALL' as const },
    { ix: outboxIndex, projection: 'KEYS_ONLY' as const },
  ];
  await ignoreExisting(
    clients.dynamo.send(
      new CreateTableCommand({
        TableName: names.table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: TABLE.partitionKey, AttributeType: S },
          { AttributeName: TABLE.sortKey, AttributeType: S },
          { AttributeName: queueIndex.partitionKey, AttributeType: S },
          { AttributeName: queueIndex.sortKey, AttributeType: S },
          { AttributeName: listIndex.partitionKey, AttributeType: S },
          { AttributeName: listIndex.sortKey, AttributeType: S },
          { AttributeName: outboxIndex.partitionKey, AttributeType: S },
          { AttributeName: outboxIndex.sortKey, AttributeType: S },
        ],
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes.map(({ ix, projection }) => ({
          IndexName: ix.name,
          KeySchema: [
            { AttributeName: ix.partitionKey, KeyType: 'HASH' as const },
            { AttributeName: ix.sortKey, KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: projection },
        })),
      }),
    ),
  );
  await ignoreExisting(clients.s3.send(new CreateBucketCommand({ Bucket: names.bucket })));
  const inbound = await createQueueWithDlq(clients.sqs, names.inboundQueue, QUEUES.inbound);
  const outbound = await createQueueWithDlq(clients.sqs, names.outboundQueue, QUEUES.outbound);
  const sendingEvents = await createQueueWithDlq(
    clients.sqs,
    names.sendingEventsQueue ?? `${names.outboundQueue}-sending-events`,
    QUEUES.sendingEvents,
  );
  return { names, inbound, outbound, sendingEvents };
}
