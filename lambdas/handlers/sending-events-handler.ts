/**
 * The sending-events Lambda's handler: SQS `sending-events` (SES bounces, complaints, rejects,
 * delays from the configuration set) → the suppression list. A record that fails is retried by
 * SQS, then dead-lettered (partial batch response). Recipients are logged masked.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordSendingEvent, type SendingEventsDeps } from '#app/sending-events.ts';
import { mask } from '#core/mask.ts';
import { parseSendingEvent } from '#lambdas/schemas.ts';
import { instrument, logger, metrics } from './observability.ts';

export function makeSendingEventsHandler(deps: SendingEventsDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const event = parseSendingEvent(record.body);
    const suppressed = await recordSendingEvent(event, deps);
    if (suppressed.length > 0) metrics.addMetric('AddressesSuppressed', MetricUnit.Count, suppressed.length);
    logger.info('sending event', {
      eventType: event.eventType,
      suppressed: suppressed.map((s) => ({ address: mask.email(s.address), reason: s.reason })),
    });
  };
  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
    if (response.batchItemFailures.length > 0) {
      metrics.addMetric('SendingEventFailures', MetricUnit.Count, response.batchItemFailures.length);
      for (const err of processor.errors)
        logger.error('sending event failed; SQS will retry it', { error: err.name, reason: err.message.slice(0, 300) });
    }
    return response;
  };
  return instrument(run);
}
