/**
 * The triage function on the inbound queue: reads raw mail under the inbound prefix, files
 * tickets in the tickets table and queues reply jobs. Failed records are retried by SQS and
 * dead-lettered after the retry budget; records failing for ten minutes raise an alarm.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { appMetric, SERVICES } from '../metrics.ts';
import { QUEUE_AGE_ALARM_MINUTES, QUEUES, SLA_HOURS, SURGE_SETTINGS, TABLE } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantObjectRead, grantQueueSend } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';
import { queueEventSource } from './queue-event-source.ts';
import type { QueueWithDlq } from './queue-with-dlq.ts';

export interface TriageProps {
  /** The complaint addresses (text quoted from them is never the participant's). */
  complaintAddresses: string[];
  table: ITable;
  dataKey: IKey;
  /** ARN pattern of the raw mail objects (the bucket's inbound prefix). */
  mailObjectsArn: string;
  /** The secret holding the NIK hash key (encrypted with the data key). */
  nikHashKeySecretArn: string;
  inbound: QueueWithDlq;
  outbound: QueueWithDlq;
  messagingKey: IKey;
  logRetention: RetentionDays;
  alerting: Alerting;
  /** Days raw mail is kept: the records of mail set aside expire with it. */
  rawMailRetentionDays: number;
}

export class Triage extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: TriageProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.triage,
      serviceName: SERVICES.triage,
      description: 'Triage inbound complaint mail: parse, extract, classify, file tickets, queue replies',
      timeout: Duration.seconds(QUEUES.inbound.functionTimeoutSeconds),
      memorySize: 1024,
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: {
        TABLE_NAME: props.table.tableName,
        OUTBOUND_QUEUE_URL: props.outbound.queue.queueUrl,
        INBOUND_DLQ_URL: props.inbound.dlq.queueUrl,
        COMPLAINT_ADDRESSES: props.complaintAddresses.join(','),
        SLA_HOURS: JSON.stringify(SLA_HOURS),
        SURGE_SETTINGS: JSON.stringify(SURGE_SETTINGS),
        NIK_HASH_KEY_SECRET_ARN: props.nikHashKeySecretArn,
        RAW_MAIL_RETENTION_DAYS: String(props.rawMailRetentionDays),
      },
    });
    const fn = this.handler.fn;
    // Read once per cold start; kms:Decrypt on the data key comes with the table grant.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.nikHashKeySecretArn] }),
    );
    grantObjectRead(fn, props.mailObjectsArn, props.dataKey);
    // Query: the open surge incidents a new ticket is matched against (the lists index).
    // BatchWriteItem: an inbound batch's new surge observations.
    grantItems(
      fn,
      props.table,
      props.dataKey,
      ['GetItem', 'BatchGetItem', 'PutItem', 'BatchWriteItem', 'UpdateItem', 'DeleteItem', 'Query'],
      [TABLE.listIndex.name],
    );
    grantQueueSend(fn, props.outbound.queue, props.messagingKey);
    // What can never be triaged goes to the dead-letter queue at once, with why.
    grantQueueSend(fn, props.inbound.dlq, props.messagingKey);
    fn.addEventSource(queueEventSource(props.inbound.queue, QUEUES.inbound));
    this.addAlarms(props);
  }

  private addAlarms(props: TriageProps): void {
    props.alerting.alarm(this, 'RecordFailures', {
      name: 'inbound-record-failures',
      description:
        'Inbound mails failed in triage in two 5-minute periods in a row (SQS retries, then dead-letters them).',
      metric: appMetric('triage', 'recordFailures'),
      threshold: 0,
      periods: 2,
    });
    const maxAge = Duration.minutes(QUEUE_AGE_ALARM_MINUTES.inbound);
    props.alerting.alarm(this, 'Backlog', {
      name: 'inbound-backlog',
      description: `An inbound mail has waited longer than ${maxAge.toHumanString()} for triage.`,
      metric: props.inbound.queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: maxAge.toSeconds(),
    });
  }
}
