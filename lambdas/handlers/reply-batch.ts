/**
 * The mailer Lambda's handler: SQS `outbound` reply jobs → sendReply, each made idempotent on its
 * job id with Powertools idempotency (DynamoDB), so a redelivered or re-enqueued job is sent once.
 * SES throttling or a transient error fails the record; SQS retries it (partial batch response).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { type ReplyDeps, type ReplyOutcome, sendReply } from '#lambdas/app/send-reply.ts';
import { InvalidRecord, ReplyJobSchema } from '#lambdas/schemas.ts';
import { instrument, logger, metrics } from './observability.ts';

/** Jobs are remembered for a week: SQS retention is 4 days, so no redelivery outlives the record. */
const REMEMBER_JOBS_SECONDS = 7 * 24 * 3600;

export function makeReplyHandler(deps: ReplyDeps, persistenceStore: BasePersistenceLayer) {
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'jobId', expiresAfterSeconds: REMEMBER_JOBS_SECONDS });
  const sendOnce = makeIdempotent(
    (job: ReturnType<typeof ReplyJobSchema.parse>): Promise<ReplyOutcome> => sendReply(job, deps),
    {
      persistenceStore,
      config,
    },
  );
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    let payload: unknown;
    try {
      payload = JSON.parse(record.body);
    } catch {
      throw new InvalidRecord('reply job is not JSON');
    }
    const parsed = ReplyJobSchema.safeParse(payload);
    if (!parsed.success) throw new InvalidRecord(`not a reply job: ${parsed.error.issues[0]?.message}`);
    const job = parsed.data;
    const outcome = await sendOnce(job);
    if (outcome.sent) metrics.addMetric('RepliesSent', MetricUnit.Count, 1);
    else
      metrics.addMetric(
        outcome.reason === 'rate-limited' ? 'RepliesRateLimited' : 'RepliesSuppressed',
        MetricUnit.Count,
        1,
      );
    logger.info('reply job done', {
      jobId: job.jobId,
      ticketRef: job.ticketRef,
      kind: job.kind,
      sent: outcome.sent,
      reason: outcome.sent ? null : outcome.reason,
    });
  };
  const processor = new BatchProcessor(EventType.SQS);
  const run = async (event: SQSEvent, context: Context) => {
    config.registerLambdaContext(context);
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
