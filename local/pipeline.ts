/**
 * The deployed pipeline's wiring, on local endpoints: the same handler factories the Lambda
 * entries use (handlers/inbound-batch.ts, handlers/reply-batch.ts), real SDK clients pointed at
 * the emulators, and pollers playing the event source mappings.
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, dynamoClient, type Endpoints, s3Client, sesClient, sqsClient } from '#adapters/clients.ts';
import { DynamoReplyLedger } from '#adapters/dynamodb/reply-ledger.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { buildInboundDeps, makeTriageHandler } from '#handlers/inbound-batch.ts';
import { makeReplyHandler } from '#handlers/reply-batch.ts';
import { MAX_AUTO_REPLIES_PER_DAY } from '#lib/settings.ts';
import type { Emulators } from './emulators.ts';
import type { Provisioned } from './provision.ts';
import { type SqsHandler, SqsPoller } from './sqs-poller.ts';

export const LOCAL_REGION = 'ap-southeast-1';

export interface LocalClients {
  db: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  sqs: SQSClient;
  s3: S3Client;
  ses: SESv2Client;
}

export function localEndpoints(e: Emulators['endpoints']): Endpoints {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: e.dynamodb,
    AWS_ENDPOINT_URL_S3: e.s3,
    AWS_ENDPOINT_URL_SQS: e.sqs,
    AWS_ENDPOINT_URL_SES: e.ses,
  };
}

export function localClients(endpoints: Endpoints): LocalClients {
  const db = dynamoClient(endpoints);
  return {
    db,
    doc: documentClient(endpoints, db),
    sqs: sqsClient(endpoints),
    s3: s3Client(endpoints),
    ses: sesClient(endpoints),
  };
}

export interface PipelineOptions {
  complaintAddress: string;
  retryDelaySeconds?: number;
  concurrency?: { inbound: number; outbound: number };
  now?: () => Date;
  onError?: (err: unknown) => void;
}

export interface LocalPipeline {
  triage: SqsHandler;
  mailer: SqsHandler;
  inbound: SqsPoller;
  outbound: SqsPoller;
}

export function buildPipeline(
  endpoints: Endpoints,
  clients: LocalClients,
  p: Provisioned,
  o: PipelineOptions,
): LocalPipeline {
  const now = o.now ?? (() => new Date());
  const triage = makeTriageHandler(
    buildInboundDeps(
      {
        ...endpoints,
        TABLE_NAME: p.names.table,
        OUTBOUND_QUEUE_URL: p.outbound.url,
        COMPLAINT_ADDRESSES: [o.complaintAddress],
      },
      clients.doc,
    ),
  ) as unknown as SqsHandler;
  const mailer = makeReplyHandler(
    {
      mailer: new SesMailer(clients.ses, now),
      ledger: new DynamoReplyLedger(clients.doc, p.names.table),
      from: o.complaintAddress,
      maxAutoRepliesPerDay: MAX_AUTO_REPLIES_PER_DAY,
      now,
    },
    new DynamoDBPersistenceLayer({ tableName: p.names.idempotencyTable, awsSdkV3Client: clients.db }),
  ) as unknown as SqsHandler;
  const poller = (name: string, handler: SqsHandler, q: Provisioned['inbound'], concurrency: number) =>
    new SqsPoller(clients.sqs, handler, {
      name,
      queueUrl: q.url,
      queueArn: q.arn,
      region: endpoints.AWS_REGION,
      batchSize: q.settings.batchSize,
      concurrency,
      retryDelaySeconds: o.retryDelaySeconds ?? 1,
      onError: o.onError,
    });
  return {
    triage,
    mailer,
    inbound: poller('triage', triage, p.inbound, o.concurrency?.inbound ?? 2),
    outbound: poller('mailer', mailer, p.outbound, o.concurrency?.outbound ?? 1),
  };
}
