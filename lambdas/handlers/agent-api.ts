/**
 * Lambda entry: HTTP API (JWT authorizer) → agent API routes. Config and clients at init.
 */
import { documentClient, sqsClient } from '#adapters/clients.ts';
import { DynamoInboundLog } from '#adapters/dynamodb/inbound-log.ts';
import { DynamoWorkList } from '#adapters/dynamodb/work-list.ts';
import { SqsReplyQueue } from '#adapters/sqs-reply-queue.ts';
import { AgentService } from '#lambdas/app/agent-service.ts';
import { loadAgentApiConfig } from '#lambdas/config.ts';
import { makeAgentApiHandler } from './agent-routes.ts';
import { tracer } from './observability.ts';

const config = loadAgentApiConfig();

const db = tracer.captureAWSv3Client(documentClient(config));

export const handler = makeAgentApiHandler(
  new AgentService({
    work: new DynamoWorkList(db, config.TABLE_NAME),
    inbound: new DynamoInboundLog(db, config.TABLE_NAME),
    replies: new SqsReplyQueue(tracer.captureAWSv3Client(sqsClient(config)), config.OUTBOUND_QUEUE_URL),
    leaseSeconds: config.LEASE_SECONDS,
    now: () => new Date(),
  }),
);
