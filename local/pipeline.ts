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
import { DynamoInboundLog } from '#adapters/dynamodb/inbound-log.ts';
import { DynamoReplyLedger } from '#adapters/dynamodb/reply-ledger.ts';
import { DynamoWorkList } from '#adapters/dynamodb/work-list.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { SqsReplyQueue } from '#adapters/sqs-reply-queue.ts';
import { makeAgentApiHandler } from '#handlers/agent-routes.ts';
import { buildInboundDeps, makeTriageHandler } from '#handlers/inbound-batch.ts';
import { makeReplyHandler } from '#handlers/reply-batch.ts';
import { AgentService } from '#lambdas/app/agent-service.ts';
import { type SweepResult, sweep } from '#lambdas/app/sweeper.ts';
import { LEASE_SECONDS, MAX_AUTO_REPLIES_PER_DAY, SLA_HOURS } from '#lib/settings.ts';
import type { ApiHandler } from './agent-server.ts';
import type { Emulators } from './emulators.ts';
import type { Provisioned } from './provision.ts';
import { type PollerOptions, type SqsHandler, SqsPoller } from './sqs-poller.ts';

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
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
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
  leaseSeconds?: number;
  onError?: (err: unknown) => void;
  onInboundBatch?: PollerOptions['onBatch'];
}

export interface LocalPipeline {
  triage: SqsHandler;
  mailer: SqsHandler;
  inbound: SqsPoller;
  outbound: SqsPoller;
  agentApi: ApiHandler;
  /** What the scheduled sweeper Lambda does, on demand. */
  sweep: () => Promise<SweepResult>;
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
        SLA_HOURS,
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
  const poller = (
    name: string,
    handler: SqsHandler,
    q: Provisioned['inbound'],
    concurrency: number,
    onBatch?: PollerOptions['onBatch'],
  ) =>
    new SqsPoller(clients.sqs, handler, {
      name,
      queueUrl: q.url,
      queueArn: q.arn,
      region: endpoints.AWS_REGION,
      batchSize: q.settings.batchSize,
      concurrency,
      retryDelaySeconds: o.retryDelaySeconds ?? 1,
      onError: o.onError,
      onBatch,
    });
  const work = new DynamoWorkList(clients.doc, p.names.table);
  const agentApi = makeAgentApiHandler(
    new AgentService({
      work,
      inbound: new DynamoInboundLog(clients.doc, p.names.table),
      replies: new SqsReplyQueue(clients.sqs, p.outbound.url),
      leaseSeconds: o.leaseSeconds ?? LEASE_SECONDS,
      now,
    }),
  ) as unknown as ApiHandler;
  return {
    triage,
    mailer,
    agentApi,
    sweep: () => sweep(work, now()),
    inbound: poller('triage', triage, p.inbound, o.concurrency?.inbound ?? 2, o.onInboundBatch),
    outbound: poller('mailer', mailer, p.outbound, o.concurrency?.outbound ?? 1),
  };
}
