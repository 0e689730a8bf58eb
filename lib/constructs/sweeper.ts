/**
 * The sweeper, every minute: expired leases go back to their work lists, tickets past their
 * service level are marked overdue (top of their list), replies left in ticket outboxes are
 * queued again.
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
import { TABLE } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantQueueSend } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';

export interface SweeperProps {
  table: ITable;
  dataKey: IKey;
  /** Replies a failed request left in a ticket's outbox are queued here again. */
  outbound: IQueue;
  messagingKey: IKey;
  logRetention: RetentionDays;
  alerting: Alerting;
}

export class Sweeper extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: SweeperProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.sweeper,
      serviceName: SERVICES.sweeper,
      description: 'Return expired leases to their work lists; mark tickets past their service level overdue',
      timeout: Duration.seconds(50),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: { TABLE_NAME: props.table.tableName, OUTBOUND_QUEUE_URL: props.outbound.queueUrl },
    });
    const indexes = [TABLE.queueIndex.name, TABLE.listIndex.name, TABLE.outboxIndex.name];
    grantItems(this.handler.fn, props.table, props.dataKey, ['GetItem', 'Query', 'UpdateItem'], indexes);
    grantQueueSend(this.handler.fn, props.outbound, props.messagingKey);
    new Rule(this, 'EveryMinute', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.handler.fn)],
    });
  }
}
