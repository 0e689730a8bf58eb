import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { QueueSettings } from '../settings.ts';

/** The event source mapping of a work queue: its batch, concurrency cap, and partial batch responses. */
export function queueEventSource(queue: IQueue, s: QueueSettings): SqsEventSource {
  return new SqsEventSource(queue, {
    batchSize: s.batchSize,
    maxBatchingWindow: Duration.seconds(s.maxBatchingWindowSeconds),
    reportBatchItemFailures: true,
    maxConcurrency: s.maxConcurrency,
  });
}
