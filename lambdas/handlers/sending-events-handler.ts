/**
 * The sending-events Lambda's handler: SQS batches of SES event-publishing records (raw, no SNS
 * envelope) → recordSendingEvent each. A record that fails (not an SES event, or the write
 * failed) is retried by SQS and dead-lettered after the queue's retry budget (partial batch
 * response); the sending events DLQ has its own alarm.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordSendingEvent, type SendingEventsDeps } from '#app/sending-events.ts';
import { parseSendingEvent } from '#lambdas/schemas.ts';
import { instrument, logger, metrics } from './observability.ts';

const METRIC_BY_OUTCOME = {
  accepted: 'RepliesAccepted',
  'unknown-job': 'SendEventsUnmatched',
  'not-ours': 'SendEventsUnmatched',
  other: 'SendingEventsOther',
} as const;

export function makeSendingEventsHandler(deps: SendingEventsDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const event = parseSendingEvent(record.body);
    const outcome = await recordSendingEvent(event, deps);
    metrics.addMetric(METRIC_BY_OUTCOME[outcome], MetricUnit.Count, 1);
    if (outcome === 'unknown-job' || outcome === 'not-ours')
      logger.warn('send event names no reply job of ours', { sesMessageId: event.mail.messageId, outcome });
  };
  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, recordHandler, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
    for (const err of processor.errors)
      logger.error('sending event failed; SQS will retry it', { error: err.name, reason: err.message.slice(0, 300) });
    return response;
  };
  return instrument(run);
}
