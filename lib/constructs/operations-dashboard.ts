/**
 * One CloudWatch dashboard for the pipeline, top to bottom the way a mail travels: alarm states,
 * mail in and what triage made of it, replies and SES's verdicts, queue ages and dead letters,
 * agents' claims, surges, and errors.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { APP_METRICS, appMetric, type Service } from '../metrics.ts';
import type { HandlerFunction } from './handler-function.ts';

export interface OperationsDashboardProps {
  dashboardName: string;
  alarms: Alarm[];
  /** Work queues by what they carry. */
  queues: { inbound: IQueue } & Record<string, IQueue>;
  deadLetterQueues: Record<string, IQueue>;
  functions: Record<string, HandlerFunction>;
  api: HttpApi;
  tableNames: string[];
}

const FIVE_MINUTES = Duration.minutes(5);
const WIDE = 12;

/** Every metric a service emits under the given keys, labelled with its name. */
function appMetrics<S extends Service>(service: S, keys: (keyof (typeof APP_METRICS)[S])[]): IMetric[] {
  return keys.map((k) => appMetric(service, k, { label: String(APP_METRICS[service][k]) }));
}

/** DynamoDB read and write throttle events of the given tables, summed. */
export function tableThrottles(tableNames: string[], period = FIVE_MINUTES): MathExpression {
  const usingMetrics: Record<string, IMetric> = {};
  tableNames.forEach((TableName, i) => {
    for (const [j, metricName] of ['ReadThrottleEvents', 'WriteThrottleEvents'].entries()) {
      usingMetrics[`t${i}x${j}`] = new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName },
        statistic: 'Sum',
        period,
      });
    }
  });
  return new MathExpression({
    expression: `SUM([${Object.keys(usingMetrics).join(', ')}])`,
    usingMetrics,
    label: 'DynamoDB throttle events',
    period,
  });
}

const graph = (title: string, left: IMetric[]) => new GraphWidget({ title, left, width: WIDE });
const ses = (metricName: string) =>
  new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Sum', period: FIVE_MINUTES, label: metricName });
const perQueue = (queues: Record<string, IQueue>, m: (q: IQueue) => Metric) =>
  Object.entries(queues).map(([label, q]) => m(q).with({ label, period: FIVE_MINUTES, statistic: 'Maximum' }));

export class OperationsDashboard extends Construct {
  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const dashboard = new Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(24),
    });
    dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24 }));
    for (const row of [mail(props), replies(), queues(props), agents(), surveys(), surges(), errors(props)])
      dashboard.addWidgets(...row);
  }
}

function mail(props: OperationsDashboardProps): GraphWidget[] {
  const mailIn = props.queues.inbound.metricNumberOfMessagesSent({
    period: FIVE_MINUTES,
    statistic: 'Sum',
    label: 'mail in',
  });
  return [
    graph('Mail in: SES notifications into the inbound queue', [mailIn]),
    graph(
      'What triage made of it',
      appMetrics('triage', [
        'ticketsCreated',
        'ticketsMerged',
        'followUpsThreaded',
        'ticketsReopened',
        'automatedMail',
        'mailQuarantined',
        'parseFailures',
      ]),
    ),
  ];
}

function replies(): GraphWidget[] {
  return [
    graph('Replies', [
      ...appMetrics('triage', ['replyJobsQueued']),
      ...appMetrics('mailer', ['repliesSent', 'repliesRateLimited', 'repliesSuppressed']),
    ]),
    graph('SES (account): sends and verdicts', ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'].map(ses)),
  ];
}

function queues(props: OperationsDashboardProps): GraphWidget[] {
  return [
    graph(
      'Queue age, oldest message (s)',
      perQueue(props.queues, (q) => q.metricApproximateAgeOfOldestMessage()),
    ),
    graph(
      'Dead letters waiting',
      perQueue(props.deadLetterQueues, (q) => q.metricApproximateNumberOfMessagesVisible()),
    ),
  ];
}

function agents(): GraphWidget[] {
  return [
    graph(
      'Agents: claims and resolutions',
      appMetrics('agentApi', ['ticketsClaimed', 'claimsEmpty', 'ticketsResolved']),
    ),
    graph('Sweeper: leases expired, tickets overdue', appMetrics('sweeper', ['leasesExpired', 'ticketsOverdue'])),
    graph(
      'Waiting for the participant: reminded, closed unanswered',
      appMetrics('sweeper', ['waitingReminded', 'closedUnanswered']),
    ),
  ];
}

function surges(): GraphWidget[] {
  return [
    graph('Surges: incidents proposed, expired, accepted', [
      ...appMetrics('surge', ['incidentsProposed', 'incidentsExpired']),
      ...appMetrics('agentApi', ['incidentsAccepted']),
    ]),
    graph('Surges: tickets joined and answered, detector failures', [
      ...(['surgeTicketsJoined', 'surgeTicketsAnswered', 'surgeObserveFailures'] as const).map((k) =>
        appMetric('triage', k, { label: `triage ${APP_METRICS.triage[k]}` }),
      ),
      ...(['ticketsJoined', 'ticketsAnswered'] as const).map((k) =>
        appMetric('surge', k, { label: `evaluation ${APP_METRICS.surge[k]}` }),
      ),
    ]),
  ];
}

function surveys(): GraphWidget[] {
  return [
    graph('Satisfaction surveys: sent and ratings received', [
      ...appMetrics('sweeper', ['surveysQueued']),
      ...appMetrics('survey', ['ratingsReceived']),
    ]),
    graph('Satisfaction: mean rating (1-5)', [
      appMetric('survey', 'rating', { label: 'mean rating', statistic: 'Average' }),
    ]),
  ];
}

function errors(props: OperationsDashboardProps): GraphWidget[] {
  const perFunction = (m: (f: HandlerFunction) => Metric, suffix = '') =>
    Object.entries(props.functions).map(([name, f]) =>
      m(f).with({ label: `${name}${suffix}`, period: FIVE_MINUTES, statistic: 'Sum' }),
    );
  return [
    graph(
      'Function errors',
      perFunction((f) => f.fn.metricErrors()),
    ),
    graph('Record failures, API 5xx, throttles', [
      ...appMetrics('triage', ['recordFailures']),
      ...appMetrics('mailer', ['replyFailures']),
      props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum', label: 'agent API 5xx' }),
      ...perFunction((f) => f.fn.metricThrottles(), ' throttled'),
      tableThrottles(props.tableNames),
    ]),
  ];
}
