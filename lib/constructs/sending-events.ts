/**
 * The consumer of SES's sending events (the configuration set's topic delivers them, raw, into
 * the sending events queue): a Send event marks its reply job's record sent, the mailer's second
 * witness of a send (see docs/architecture.md, "What sent once means"). Failures are retried by
 * SQS and dead-lettered after the queue's retry budget (`sending-events-dlq-*` alarms). Hard
 * bounces and complaints go on the suppression list in the tickets table, which the mailer reads
 * before every send.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { SERVICES } from '../metrics.ts';
import { QUEUES } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';
import { queueEventSource } from './queue-event-source.ts';
import type { QueueWithDlq } from './queue-with-dlq.ts';

export interface SendingEventsProps {
  table: ITable;
  dataKey: IKey;
  events: QueueWithDlq;
  logRetention: RetentionDays;
  alerting: Alerting;
}

export class SendingEvents extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: SendingEventsProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.sendingEvents,
      serviceName: SERVICES.sendingEvents,
      description: "Record SES's Send events on the replies' records; suppress hard-bounced and complaining addresses",
      timeout: Duration.seconds(QUEUES.sendingEvents.functionTimeoutSeconds),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: { TABLE_NAME: props.table.tableName },
    });
    grantItems(this.handler.fn, props.table, props.dataKey, ['UpdateItem', 'PutItem']);
    this.handler.fn.addEventSource(queueEventSource(props.events.queue, QUEUES.sendingEvents));
  }
}
