/**
 * The mailer Lambda's handler: SQS `outbound` reply jobs → mailReply, each sent at most once
 * (the job's reply record is the guard, see app/mailer.ts). SES throttling or a transient error
 * fails the record; SQS retries it (partial batch response).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type MailerDeps, type MailOutcome, mailReply } from '#app/mailer.ts';
import { parseReplyJob } from '#lambdas/schemas.ts';
import { instrument, logger, metrics } from './observability.ts';

const METRIC_BY_SKIP = {
  'automated-recipient': 'RepliesSuppressed',
  suppressed: 'RepliesSuppressed',
  'rate-limited': 'RepliesRateLimited',
  'taken-before': 'RepliesTakenBefore',
} as const;

function report(outcome: MailOutcome, job: ReturnType<typeof parseReplyJob>): void {
  if (outcome.sent) {
    metrics.addMetric('RepliesSent', MetricUnit.Count, 1);
    if (!outcome.recorded) {
      metrics.addMetric('ReplyRecordFailures', MetricUnit.Count, 1);
      logger.error('reply sent but not recorded as sent; its record stays at "sending" and it is not sent again', {
        jobId: job.jobId,
        ticketRef: job.ticketRef,
      });
    }
  } else metrics.addMetric(METRIC_BY_SKIP[outcome.reason], MetricUnit.Count, 1);
  logger.info('reply job done', {
    jobId: job.jobId,
    ticketRef: job.ticketRef,
    kind: job.kind,
    sent: outcome.sent,
    reason: outcome.sent ? null : outcome.reason,
  });
}

export function makeMailerHandler(deps: MailerDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const job = parseReplyJob(record.body);
    report(await mailReply(job, deps), job);
  };
  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
    if (response.batchItemFailures.length > 0) {
      metrics.addMetric('ReplyFailures', MetricUnit.Count, response.batchItemFailures.length);
      for (const err of processor.errors)
        logger.error('reply job failed; SQS will retry it', { error: err.name, reason: err.message.slice(0, 300) });
    }
    return response;
  };
  return instrument(run);
}
