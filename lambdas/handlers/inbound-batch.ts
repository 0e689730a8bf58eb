/**
 * The triage Lambda's handler, built from its dependencies (the entry point, triage.ts, builds
 * them from config at cold start; tests pass their own). SQS `inbound` batch (SES receipt notifications via SNS) → processInbound per record.
 * Partial batch responses: a bad record fails alone and goes to the DLQ after maxReceiveCount;
 * the others are not retried.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient, s3Client, sqsClient } from '#adapters/clients.ts';
import { DynamoInboundLog } from '#adapters/dynamodb/inbound-log.ts';
import { DynamoTicketStore } from '#adapters/dynamodb/ticket-store.ts';
import { S3MailStore } from '#adapters/s3-mail-store.ts';
import { SqsReplyQueue } from '#adapters/sqs-reply-queue.ts';
import { type InboundDeps, processInbound } from '#lambdas/app/process-inbound.ts';
import type { TriageConfig } from '#lambdas/config.ts';
import { parseInboundBody } from '#lambdas/schemas.ts';
import { instrument, logger, metrics, tracer } from './observability.ts';

const METRIC_BY_OUTCOME = {
  created: 'TicketsCreated',
  merged: 'TicketsMerged',
  threaded: 'FollowUpsThreaded',
  reopened: 'TicketsReopened',
  automated: 'AutomatedMail',
  quarantined: 'MailQuarantined',
  parse_failed: 'ParseFailures',
} as const;

export function buildInboundDeps(
  config: TriageConfig,
  db = tracer.captureAWSv3Client(documentClient(config)),
): InboundDeps {
  return {
    mail: new S3MailStore(tracer.captureAWSv3Client(s3Client(config))),
    tickets: new DynamoTicketStore(db, config.TABLE_NAME),
    log: new DynamoInboundLog(db, config.TABLE_NAME),
    replies: new SqsReplyQueue(tracer.captureAWSv3Client(sqsClient(config)), config.OUTBOUND_QUEUE_URL),
    ownAddresses: config.COMPLAINT_ADDRESSES,
    sla: config.SLA_HOURS,
  };
}

export function makeRecordHandler(deps: InboundDeps) {
  return async (record: SQSRecord): Promise<void> => {
    const notification = parseInboundBody(record.body);
    const r = await processInbound(notification, deps);
    metrics.addMetric(METRIC_BY_OUTCOME[r.outcome], MetricUnit.Count, 1);
    if (r.reply !== 'none') metrics.addMetric('ReplyJobsQueued', MetricUnit.Count, 1);
    logger.info('inbound mail processed', {
      inboundId: r.inboundId,
      outcome: r.outcome,
      ticketRef: r.ticketRef,
      category: r.category,
      reply: r.reply,
      reason: r.reason,
    });
  };
}

export function makeTriageHandler(deps: InboundDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = makeRecordHandler(deps);
  const run = async (event: SQSEvent, context: Context) => {
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
    const failed = response.batchItemFailures.length;
    if (failed > 0) {
      metrics.addMetric('InboundRecordFailures', MetricUnit.Count, failed);
      processor.errors.forEach((err, i) => {
        const record = processor.failureMessages[i] as SQSRecord | undefined;
        // Error names and our own messages only: they never carry personal data.
        logger.error('inbound record failed; SQS will retry it, then dead-letter it', {
          messageId: record?.messageId,
          receiveCount: record?.attributes?.ApproximateReceiveCount,
          error: err.name,
          reason: err.message.slice(0, 300),
        });
      });
    }
    return response;
  };
  return instrument(run);
}
