/**
 * What watches the pipeline as a whole, made last so it sees every alarm: DynamoDB throttling on
 * the storage stack's tables, the daily re-notification of dead-letter alarms still in ALARM,
 * and the operations dashboard.
 */
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alerting } from './alerting.ts';
import type { HandlerFunction } from './handler-function.ts';
import { OperationsDashboard, tableThrottles } from './operations-dashboard.ts';
import { RenotifyWhileInAlarm } from './renotify.ts';

export interface MonitoringProps {
  dashboardName: string;
  alerting: Alerting;
  tableNames: string[];
  queues: { inbound: IQueue; outbound: IQueue; sendingEvents: IQueue };
  deadLetterQueues: Record<string, IQueue>;
  functions: Record<string, HandlerFunction>;
  api: HttpApi;
}

export class Monitoring extends Construct {
  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    props.alerting.alarm(this, 'TableThrottles', {
      name: 'dynamodb-throttles',
      description: 'DynamoDB throttled reads or writes on the tickets table for 15 minutes.',
      metric: tableThrottles(props.tableNames),
      threshold: 0,
      periods: 3,
    });
    new RenotifyWhileInAlarm(this, 'Renotify', { alarms: props.alerting.renotifying });
    new OperationsDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      alarms: props.alerting.alarms,
      queues: props.queues,
      deadLetterQueues: props.deadLetterQueues,
      functions: props.functions,
      api: props.api,
      tableNames: props.tableNames,
    });
  }
}
