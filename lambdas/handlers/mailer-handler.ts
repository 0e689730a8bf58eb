/**
 * The mailer Lambda's handler: SQS `outbound` reply jobs → mailReply, each sent once (the job's
 * reply record and SES's Send event are the guard, see app/mailer.ts). A transient error fails
 * the record and SQS retries it (partial batch response); a permanent one (a job that is not a
 * valid job, a mail SES rejects for good) goes to the dead-letter queue at once with its reason,
 * and the record is reported done. Throttling is neither: the use case defers the job itself.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type MailerDeps, type MailOutcome, mailReply } from '#app/mailer.ts';
import { InvalidRecord, parseReplyJob } from '#lambdas/schemas.ts';
import { SendFailure } from '#ports';
import { instrument, logger, metrics } from './observability.ts';

const METRIC_BY_SKIP = {
  'automated-recipient': 'RepliesSuppressed',
  suppressed: 'RepliesSuppressed',
  'rate-limited': 'RepliesRateLimited',
  'taken-before': 'RepliesTakenBefore',
  'in-flight': 'RepliesInFlight',
  deferred: 'RepliesDeferred',
} as const;

function report(outcome: MailOutcome, job: ReturnType<typeof parseReplyJob>): void {
  if (outcome.sent) {
    metrics.addMetric('RepliesSent', MetricUnit.Count, 1);
    if (!outcome.recorded) {
      metrics.addMetric('ReplyRecordFailures', MetricUnit.Count, 1);
      logger.error('reply sent but not recorded as sent; SES’s Send event will mark it, and it is not sent again', {
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

/** Errors retrying cannot fix: the record is dead-lettered at once. */
function permanent(err: unknown): boolean {
  return err instanceof InvalidRecord || (err instanceof SendFailure && err.kind === 'rejected');
}

export function makeMailerHandler(deps: MailerDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const invocation = { remainingMs: () => context.getRemainingTimeInMillis() };
    const recordHandler = async (record: SQSRecord): Promise<void> => {
      try {
        const job = parseReplyJob(record.body);
        report(await mailReply(job, deps, invocation), job);
      } catch (err) {
        if (!permanent(err)) throw err;
        // Error names and our own messages only: they never carry personal data.
        const reason = `${(err as Error).name}: ${(err as Error).message}`.slice(0, 300);
        await deps.deadLetters.put('outbound', record.body, reason, deps.now().toISOString());
        metrics.addMetric('ReplyJobsDeadLettered', MetricUnit.Count, 1);
        logger.error('reply job dead-lettered: it cannot succeed', { messageId: record.messageId, reason });
      }
    };
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
