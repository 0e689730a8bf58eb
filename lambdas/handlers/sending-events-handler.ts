/**
 * The sending-events Lambda's handler: SQS batches of SES event-publishing records (raw, no SNS
 * envelope) → recordSendingEvent each (Send events mark replies accepted; hard bounces and
 * complaints suppress the address). A record that fails (not an SES event, or a write failed) is
 * retried by SQS and dead-lettered after the queue's retry budget (partial batch response); the
 * sending events DLQ has its own alarm. Recipients are logged masked.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordSendingEvent, type SendingEventsDeps } from '#app/sending-events.ts';
import { mask } from '#core/mask.ts';
import { parseSendingEvent } from '#lambdas/schemas.ts';
import { instrument, logger, metrics } from './observability.ts';

const METRIC_BY_SEND = {
  accepted: 'RepliesAccepted',
  'unknown-job': 'SendEventsUnmatched',
  'not-ours': 'SendEventsUnmatched',
} as const;

export function makeSendingEventsHandler(deps: SendingEventsDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const event = parseSendingEvent(record.body);
    const { send, suppressed } = await recordSendingEvent(event, deps);
    if (send) metrics.addMetric(METRIC_BY_SEND[send], MetricUnit.Count, 1);
    else metrics.addMetric('SendingEventsOther', MetricUnit.Count, 1);
    if (send === 'unknown-job' || send === 'not-ours')
      logger.warn('send event names no reply job of ours', { sesMessageId: event.mail.messageId, outcome: send });
    if (suppressed.length > 0) {
      metrics.addMetric('AddressesSuppressed', MetricUnit.Count, suppressed.length);
      logger.info('addresses suppressed', {
        eventType: event.eventType,
        suppressed: suppressed.map((s) => ({ address: mask.email(s.address), reason: s.reason })),
      });
    }
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
