/**
 * The triage Lambda's handler, built from its dependencies (the entry point, triage.ts, builds
 * them from config at cold start; the local stack and tests pass their own). SQS `inbound` batch
 * (SES receipt notifications via SNS) → triageInbound per record, then the batch's reply jobs
 * queued in one request. Partial batch responses: a bad record fails alone and goes to the DLQ
 * after maxReceiveCount; the others are not retried.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { queueReplies, type TriageDeps, type TriageResult, triageInbound } from '#app/triage.ts';
import { parseInboundBody } from '#lambdas/schemas.ts';
import { instrument, logger, metrics } from './observability.ts';

const METRIC_BY_OUTCOME = {
  created: 'TicketsCreated',
  merged: 'TicketsMerged',
  threaded: 'FollowUpsThreaded',
  reopened: 'TicketsReopened',
  automated: 'AutomatedMail',
  quarantined: 'MailQuarantined',
  parse_failed: 'ParseFailures',
} as const;

function report(r: TriageResult): void {
  metrics.addMetric(METRIC_BY_OUTCOME[r.outcome], MetricUnit.Count, 1);
  logger.info('inbound mail processed', {
    inboundId: r.inboundId,
    outcome: r.outcome,
    ticketRef: r.ticket?.ref ?? null,
    category: r.ticket?.category ?? null,
    reply: r.reply,
    reason: r.reason,
    incidentId: r.surge?.incidentId ?? null,
  });
  if (r.surge?.kind === 'failed') {
    // The mail is filed and answered; only the surge detector missed it (or, for a ticket of an
    // accepted incident, its settling waits for the next evaluation).
    metrics.addMetric('SurgeObserveFailures', MetricUnit.Count, 1);
    logger.error('surge detector failed on a filed ticket; the mail goes on', {
      inboundId: r.inboundId,
      ticketRef: r.ticket?.ref ?? null,
      incidentId: r.surge.incidentId,
      error: r.surge.error,
    });
  } else if (r.surge?.incidentId) {
    metrics.addMetric('SurgeTicketsJoined', MetricUnit.Count, 1);
    if (r.surge.answered) metrics.addMetric('SurgeTicketsAnswered', MetricUnit.Count, 1);
  }
}

function logFailures(processor: BatchProcessor): void {
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

export function makeTriageHandler(deps: TriageDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const triaged = new Map<string, TriageResult>();
    const response = await processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const r = await triageInbound(parseInboundBody(record.body), deps);
        triaged.set(record.messageId, r);
        report(r);
      },
      processor,
      { context, throwOnFullBatchFailure: false },
    );
    if (response.batchItemFailures.length > 0) logFailures(processor);
    const unqueued = await queueReplies([...triaged.values()], deps);
    const failures = [...response.batchItemFailures];
    for (const [messageId, r] of triaged) {
      if (!unqueued.has(r.inboundId)) {
        if (r.job) metrics.addMetric('ReplyJobsQueued', MetricUnit.Count, 1);
        continue;
      }
      // Filed, but its reply is not queued: SQS delivers the mail again, triage finds its ticket and queues the same job id.
      failures.push({ itemIdentifier: messageId });
      logger.error('reply job not queued; SQS will retry the mail', { inboundId: r.inboundId, jobId: r.job?.jobId });
    }
    if (failures.length > 0) metrics.addMetric('InboundRecordFailures', MetricUnit.Count, failures.length);
    return { batchItemFailures: failures };
  };
  return instrument(run);
}
