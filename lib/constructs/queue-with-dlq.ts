/**
 * An SQS queue with its dead-letter queue: KMS-encrypted, TLS-only, DLQ kept 14 days, and an
 * alarm as soon as anything lands in the DLQ (a mail or a reply that could not be processed).
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DLQ_RETENTION_DAYS, type QueueSettings } from '../settings.ts';

export interface QueueWithDlqProps {
  settings: QueueSettings;
  key: IKey;
  alarmTopic: ITopic;
  retention?: Duration;
}

export class QueueWithDlq extends Construct {
  readonly queue: Queue;
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    const common = { encryption: QueueEncryption.KMS, encryptionMasterKey: props.key, enforceSSL: true };
    this.dlq = new Queue(this, 'Dlq', { ...common, retentionPeriod: Duration.days(DLQ_RETENTION_DAYS) });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      visibilityTimeout: Duration.seconds(props.settings.visibilityTimeoutSeconds),
      retentionPeriod: props.retention ?? Duration.days(4),
      deadLetterQueue: { queue: this.dlq, maxReceiveCount: props.settings.maxReceiveCount },
    });
    new Alarm(this, 'DlqNotEmpty', {
      alarmDescription: `${id}: messages in the dead-letter queue (processing failed ${props.settings.maxReceiveCount} times)`,
      metric: this.dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
