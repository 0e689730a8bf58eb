/**
 * The sweeper, every minute: expired leases go back to their work lists, tickets past their
 * service level are marked overdue (top of their list), replies left in ticket outboxes are
 * queued again, due satisfaction surveys are signed and queued for the mailer, tickets waiting
 * for the participant too long are reminded once, then closed, and tickets past their retention
 * period are deleted.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { SERVICES } from '../metrics.ts';
import { SLA_HOURS, TABLE } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantQueueSend, grantSecretRead } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';

export interface SweeperProps {
  table: ITable;
  dataKey: IKey;
  logRetention: RetentionDays;
  alerting: Alerting;
  /** Survey mails go to the mailer through it, and replies a failed request left in a ticket's outbox are queued here again. */
  outbound: IQueue;
  messagingKey: IKey;
  /** Where the survey links point (the public API's URL, or a custom domain). */
  surveyBaseUrl: string;
  /** The Secrets Manager secret of the key that signs the links. */
  surveyKeySecret: string;
  /** Days an ended ticket is kept before it is deleted. */
  ticketRetentionDays: number;
  /** When a ticket waiting for the participant is reminded, and then closed unanswered (service days). */
  waiting: { remindAfterServiceDays: number; closeAfterServiceDays: number };
}

export class Sweeper extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: SweeperProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.sweeper,
      serviceName: SERVICES.sweeper,
      description:
        'Return expired leases; mark tickets past their service level overdue; release held duplicates; send due surveys; delete tickets past retention',
      timeout: Duration.seconds(50),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: {
        TABLE_NAME: props.table.tableName,
        OUTBOUND_QUEUE_URL: props.outbound.queueUrl,
        SURVEY_BASE_URL: props.surveyBaseUrl,
        SURVEY_KEY_SECRET: props.surveyKeySecret,
        SLA_HOURS: JSON.stringify(SLA_HOURS),
        TICKET_RETENTION_DAYS: String(props.ticketRetentionDays),
        WAITING_REMIND_AFTER_SERVICE_DAYS: String(props.waiting.remindAfterServiceDays),
        WAITING_CLOSE_AFTER_SERVICE_DAYS: String(props.waiting.closeAfterServiceDays),
      },
    });
    const indexes = [TABLE.queueIndex.name, TABLE.listIndex.name, TABLE.outboxIndex.name];
    // PutItem: a ticket's one survey (conditional), and the participant links a released hold
    // takes; UpdateItem also moves the report counters; DeleteItem: links freed on release;
    // BatchWriteItem: a ticket past its retention period, deleted with everything kept with it.
    const actions = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'] as const;
    grantItems(this.handler.fn, props.table, props.dataKey, [...actions], indexes);
    grantQueueSend(this.handler.fn, props.outbound, props.messagingKey);
    grantSecretRead(this.handler.fn, props.surveyKeySecret, props.dataKey);
    new Rule(this, 'EveryMinute', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.handler.fn)],
    });
  }
}
