/**
 * The surge evaluation, every minute, in a function of its own with reserved concurrency 1: the
 * detector folds the baseline, expires, joins and proposes incidents, then accepted incidents'
 * answers go out to their tickets a page at a time (docs/surge.md). Its own function rather than
 * the sweeper's schedule: a slow or failing evaluation neither delays lease expiry nor is delayed
 * by it, it needs more memory than the sweeper (it reads the window's observations, and when it
 * proposes the three hours before), one run at a time keeps two broadcasts from racing for the
 * same tickets, and its errors and throttles alarm under its own name. An alarm notifies the ops
 * topic when an incident is proposed.
 */
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { appMetric, SERVICES } from '../metrics.ts';
import { SURGE_EVALUATION_MINUTES, SURGE_SETTINGS, TABLE } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantQueueSend } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';

export interface SurgeEvaluationProps {
  table: ITable;
  dataKey: IKey;
  outbound: IQueue;
  messagingKey: IKey;
  logRetention: RetentionDays;
  alerting: Alerting;
}

export class SurgeEvaluation extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: SurgeEvaluationProps) {
    super(scope, id);
    const every = Duration.minutes(SURGE_EVALUATION_MINUTES);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.surge,
      serviceName: SERVICES.surge,
      description: 'Detect surges of one new problem and propose incidents; send accepted incidents their answer',
      // Under the schedule's period: with one run at a time, a longer one would hold up the next.
      timeout: Duration.seconds(every.toSeconds() - 5),
      memorySize: 1024,
      reservedConcurrency: 1,
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: {
        TABLE_NAME: props.table.tableName,
        OUTBOUND_QUEUE_URL: props.outbound.queueUrl,
        SURGE_SETTINGS: JSON.stringify(SURGE_SETTINGS),
      },
    });
    // Tickets are read, resolved or set waiting, their participant links freed (DeleteItem).
    const actions = ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'] as const;
    grantItems(this.handler.fn, props.table, props.dataKey, [...actions], [TABLE.listIndex.name]);
    grantQueueSend(this.handler.fn, props.outbound, props.messagingKey);
    // A run that could not start within its minute is dropped, not queued: the next one does its work.
    this.handler.fn.configureAsyncInvoke({ maxEventAge: Duration.seconds(60), retryAttempts: 0 });
    new Rule(this, 'Schedule', {
      description: 'Evaluate surges',
      schedule: Schedule.rate(every),
      targets: [new LambdaFunction(this.handler.fn, { retryAttempts: 0 })],
    });
    props.alerting.alarm(this, 'IncidentProposed', {
      name: 'surge-incident-proposed',
      description: 'The surge detector proposed an incident: many participants report one new problem.',
      metric: appMetric('surge', 'incidentsProposed', { period: every }),
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
}
