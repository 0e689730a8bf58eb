/**
 * The sweeper, every minute: expired leases go back to their work lists, tickets past their
 * service level are marked overdue (top of their list).
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { SERVICES } from '../metrics.ts';
import { SLA_HOURS, TABLE } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';

export interface SweeperProps {
  table: ITable;
  dataKey: IKey;
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
      description:
        'Return expired leases to their work lists; mark tickets past their service level overdue; release held duplicates',
      timeout: Duration.seconds(50),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: { TABLE_NAME: props.table.tableName, SLA_HOURS: JSON.stringify(SLA_HOURS) },
    });
    const indexes = [TABLE.queueIndex.name, TABLE.listIndex.name];
    // Put and Delete: a released hold takes the participant links its ticket was held without.
    const actions = ['GetItem', 'Query', 'UpdateItem', 'PutItem', 'DeleteItem'] as const;
    grantItems(this.handler.fn, props.table, props.dataKey, [...actions], indexes);
    new Rule(this, 'EveryMinute', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.handler.fn)],
    });
  }
}
