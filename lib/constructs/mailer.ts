/**
 * The mailer on the outbound queue: sends each reply job once through SES v2, from the complaint
 * address only, with our configuration set, under a send-rate ceiling. The event source runs at
 * most QUEUES.outbound.maxConcurrency mailers, and each keeps to MAX_SENDS_PER_SECOND (its share of
 * the ceiling); a throttled job is re-queued with a delay (a fresh receive count) instead of
 * burning its retries towards the DLQ, hence its send right on the outbound queue.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { appMetric, SERVICES } from '../metrics.ts';
import { MAX_AUTO_REPLIES_PER_DAY, QUEUE_AGE_ALARM_MINUTES, QUEUES } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantQueueSend } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';
import { queueEventSource } from './queue-event-source.ts';
import type { QueueWithDlq } from './queue-with-dlq.ts';

export interface MailerProps {
  /** The SES identity replies are sent from (a verified domain). */
  domain: string;
  /** The complaint address: the only From the mailer may use. */
  fromAddress: string;
  configurationSetName: string;
  /** The public API's address: every reply links to the ticket's status page under it. */
  statusBaseUrl: string;
  /** The ceiling for all mailers together; each gets its share. */
  maxSendsPerSecond: number;
  table: ITable;
  dataKey: IKey;
  outbound: QueueWithDlq;
  messagingKey: IKey;
  logRetention: RetentionDays;
  alerting: Alerting;
}

/** One mailer's share of the ceiling: the event source runs up to maxConcurrency of them. */
export const sendsPerSecondPerMailer = (ceiling: number) =>
  Math.max(1, Math.floor(ceiling / QUEUES.outbound.maxConcurrency));

export class Mailer extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.mailer,
      serviceName: SERVICES.mailer,
      description: 'Send threaded Indonesian auto-replies and agent replies through SES',
      timeout: Duration.seconds(QUEUES.outbound.functionTimeoutSeconds),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: {
        TABLE_NAME: props.table.tableName,
        FROM_ADDRESS: props.fromAddress,
        STATUS_BASE_URL: props.statusBaseUrl,
        MAX_AUTO_REPLIES_PER_DAY: String(MAX_AUTO_REPLIES_PER_DAY),
        SES_CONFIGURATION_SET: props.configurationSetName,
        MAX_SENDS_PER_SECOND: String(sendsPerSecondPerMailer(props.maxSendsPerSecond)),
        OUTBOUND_QUEUE_URL: props.outbound.queue.queueUrl,
        OUTBOUND_DLQ_URL: props.outbound.dlq.queueUrl,
      },
    });
    this.grant(props);
    this.handler.fn.addEventSource(queueEventSource(props.outbound.queue, QUEUES.outbound));
    this.addAlarms(props);
  }

  private grant(props: MailerProps): void {
    const fn = this.handler.fn;
    // GetItem: the suppression list, read before every send.
    grantItems(fn, props.table, props.dataKey, ['GetItem', 'PutItem', 'UpdateItem']);
    grantQueueSend(fn, props.outbound.queue, props.messagingKey);
    // A job that can never be sent goes to the dead-letter queue at once, with why.
    grantQueueSend(fn, props.outbound.dlq, props.messagingKey);
    const { partition, region, account } = Stack.of(this);
    const ses = `arn:${partition}:ses:${region}:${account}`;
    fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendFromTheComplaintAddressWithOurConfigurationSet',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        // With a configuration set, SES authorises the send against the identity and the set.
        resources: [`${ses}:identity/${props.domain}`, `${ses}:configuration-set/${props.configurationSetName}`],
        conditions: { StringEquals: { 'ses:FromAddress': props.fromAddress } },
      }),
    );
  }

  private addAlarms(props: MailerProps): void {
    props.alerting.alarm(this, 'ReplyFailures', {
      name: 'reply-failures',
      description: 'Reply jobs failed in two 5-minute periods in a row (SQS retries, then dead-letters them).',
      metric: appMetric('mailer', 'replyFailures'),
      threshold: 0,
      periods: 2,
    });
    const maxAge = Duration.minutes(QUEUE_AGE_ALARM_MINUTES.outbound);
    props.alerting.alarm(this, 'Backlog', {
      name: 'outbound-backlog',
      description: `A reply has waited longer than ${maxAge.toHumanString()} to be sent.`,
      metric: props.outbound.queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: maxAge.toSeconds(),
    });
  }
}
