/**
 * SQS queues: KMS-encrypted, TLS-only. A dead-letter queue keeps messages 14 days and raises two
 * alarms: one as soon as anything is in it (re-notified daily while it stays), one when its oldest
 * message nears expiry. A work queue dead-letters after its retry budget.
 */
import { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DLQ_AGE_ALARM_DAYS, DLQ_RETENTION_DAYS, QUEUE_RETENTION_DAYS, type QueueSettings } from '../settings.ts';
import type { Alerting } from './alerting.ts';

const encrypted = (key: IKey) => ({ encryption: QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true });

export interface DeadLetterQueueProps {
  /** Names its alarms: `<name>-not-empty`, `<name>-ageing`. */
  name: string;
  /** What lands here, for the alarm description. */
  holds: string;
  key: IKey;
  alerting: Alerting;
}

export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      ...encrypted(props.key),
      retentionPeriod: Duration.days(DLQ_RETENTION_DAYS),
    });
    props.alerting.alarm(this, 'NotEmpty', {
      name: `${props.name}-not-empty`,
      description: `Dead letters waiting: ${props.holds}.`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 0,
      renotify: true,
    });
    props.alerting.alarm(this, 'Ageing', {
      name: `${props.name}-ageing`,
      description: `A dead letter is ${DLQ_AGE_ALARM_DAYS} days old: SQS deletes it within the next 3 to 7 days.`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(15), statistic: 'Maximum' }),
      threshold: Duration.days(DLQ_AGE_ALARM_DAYS).toSeconds(),
    });
  }
}

export interface QueueWithDlqProps extends Omit<DeadLetterQueueProps, 'holds'> {
  /** Names the DLQ's alarms: `<name>-dlq-not-empty`, `<name>-dlq-ageing`. */
  name: string;
  settings: QueueSettings;
  /** What a dead letter here is, for the alarm description. */
  deadLetter: string;
}

export class QueueWithDlq extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    const { settings } = props;
    this.dlq = new DeadLetterQueue(this, 'Dlq', {
      ...props,
      name: `${props.name}-dlq`,
      holds: `${props.deadLetter} that failed ${settings.maxReceiveCount} times`,
    }).queue;
    this.queue = new Queue(this, 'Queue', {
      ...encrypted(props.key),
      visibilityTimeout: Duration.seconds(settings.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(QUEUE_RETENTION_DAYS),
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: settings.maxReceiveCount },
    });
  }
}
