/**
 * The agent API on AWS: an HTTP API whose agent routes require a Cognito JWT (verified by API
 * Gateway's JWT authorizer before the function runs), the public, throttled status route and
 * status page (HTML, /cek/{ref}), access logs, and an alarm on server errors. The agents' console
 * calls it from its own origin: API Gateway answers the CORS preflight for that origin (no OPTIONS
 * route, no authorizer on it).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRouteIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { SERVICES } from '../metrics.ts';
import { LEASE_SECONDS, SLA_HOURS, STATUS_REQUESTS_PER_MINUTE, SURGE_SETTINGS, TABLE } from '../settings.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantObjectRead, grantQueueConsume, grantQueueSend } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';
import type { QueueWithDlq } from './queue-with-dlq.ts';

export interface AgentApiProps {
  /** Days raw mail is kept: the records of mail re-triage sets aside expire with it. */
  rawMailRetentionDays: number;
  /** The agents' Cognito user pool and the console's app client: the JWT issuer and audience. */
  userPoolId: string;
  consoleClientId: string;
  /** Origins the console is served from (https://<host>, no trailing slash): allowed by CORS. */
  consoleOrigins: string[];
  table: ITable;
  dataKey: IKey;
  /** The work queues and their dead-letter queues: supervisors list and redrive dead letters. */
  inbound: QueueWithDlq;
  outbound: QueueWithDlq;
  messagingKey: IKey;
  /** Raw mail objects (supervisors have mail set aside triaged again). */
  mailObjectsArn: string;
  complaintAddresses: string[];
  /** The NIK hash key (Secrets Manager): mail triaged again is filed as triage files it. */
  nikHashKeySecretArn: string;
  logRetention: RetentionDays;
  alerting: Alerting;
  /** Each public route (status check, status page, survey pages): steady requests per second and burst, for the whole API. */
  publicThrottle: { rate: number; burst: number };
  /** After a resolution, when its satisfaction survey is due. */
  surveyDelayMinutes: number;
}

export const AGENT_ROUTES: [HttpMethod, string][] = [
  [HttpMethod.GET, '/queues'],
  [HttpMethod.POST, '/queues/{category}/claim'],
  [HttpMethod.GET, '/tickets/{ref}'],
  ...(['extend', 'release', 'resolve', 'reassign', 'note', 'ask'] as const).map((a): [HttpMethod, string] => [
    HttpMethod.POST,
    `/tickets/{ref}/${a}`,
  ]),
  // An agent corrects the card number or the phone (recorded in the ticket's audit trail)
  [HttpMethod.PATCH, '/tickets/{ref}/fields'],
  // The console: who is signed in, get next over all queues, a participant's tickets, canned responses
  [HttpMethod.GET, '/me'],
  [HttpMethod.POST, '/work/next'],
  [HttpMethod.GET, '/participants/tickets'],
  [HttpMethod.GET, '/canned-responses'],
  [HttpMethod.POST, '/canned-responses'],
  [HttpMethod.PUT, '/canned-responses/{id}'],
  [HttpMethod.DELETE, '/canned-responses/{id}'],
  // Supervisors: dead letters (list, redrive), mail triage did not file (list, triage again),
  // claims, overdue, search, the CSAT report
  [HttpMethod.GET, '/ops/dead-letters'],
  [HttpMethod.POST, '/ops/dead-letters/redrive'],
  [HttpMethod.GET, '/ops/{outcome}'],
  [HttpMethod.POST, '/ops/{inboundId}/retriage'],
  // Supervisors: surge incidents
  [HttpMethod.GET, '/incidents'],
  [HttpMethod.GET, '/incidents/{id}'],
  [HttpMethod.GET, '/incidents/{id}/tickets'],
  ...(['accept', 'dismiss', 'close'] as const).map((a): [HttpMethod, string] => [
    HttpMethod.POST,
    `/incidents/{id}/${a}`,
  ]),
  [HttpMethod.GET, '/supervisor/claims'],
  [HttpMethod.GET, '/supervisor/overdue'],
  [HttpMethod.GET, '/search'],
  [HttpMethod.GET, '/reports/csat'],
];

/** What the console may send across origins. */
export const CONSOLE_CORS = {
  allowMethods: [
    CorsHttpMethod.GET,
    CorsHttpMethod.POST,
    CorsHttpMethod.PUT,
    CorsHttpMethod.PATCH,
    CorsHttpMethod.DELETE,
  ],
  allowHeaders: ['authorization', 'content-type'],
  maxAge: Duration.hours(1),
};
export const STATUS_ROUTE = '/status/{ref}';
/** The participants' status page (HTML): GET shows the contact form, POST the status. */
export const STATUS_PAGE_ROUTE = '/cek/{ref}';
/** Routes anyone may call, each throttled like the status route. */
export const PUBLIC_ROUTES: [HttpMethod, string][] = [
  [HttpMethod.GET, STATUS_ROUTE],
  [HttpMethod.GET, STATUS_PAGE_ROUTE],
  [HttpMethod.POST, STATUS_PAGE_ROUTE],
];

export class AgentApi extends Construct {
  readonly api: HttpApi;
  readonly handler: HandlerFunction;
  private readonly publicThrottle: AgentApiProps['publicThrottle'];

  constructor(scope: Construct, id: string, props: AgentApiProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.agentApi,
      serviceName: SERVICES.agentApi,
      description: 'Agent work lists (claim, lease, resolve) and the public status check',
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: {
        TABLE_NAME: props.table.tableName,
        OUTBOUND_QUEUE_URL: props.outbound.queue.queueUrl,
        OUTBOUND_DLQ_URL: props.outbound.dlq.queueUrl,
        INBOUND_QUEUE_URL: props.inbound.queue.queueUrl,
        INBOUND_DLQ_URL: props.inbound.dlq.queueUrl,
        LEASE_SECONDS: String(LEASE_SECONDS),
        COMPLAINT_ADDRESSES: props.complaintAddresses.join(','),
        NIK_HASH_KEY_SECRET_ARN: props.nikHashKeySecretArn,
        SURGE_SETTINGS: JSON.stringify(SURGE_SETTINGS),
        SLA_HOURS: JSON.stringify(SLA_HOURS),
        STATUS_REQUESTS_PER_MINUTE: String(STATUS_REQUESTS_PER_MINUTE),
        SURVEY_DELAY_MINUTES: String(props.surveyDelayMinutes),
        RAW_MAIL_RETENTION_DAYS: String(props.rawMailRetentionDays),
      },
    });
    const fn = this.handler.fn;
    const indexes = [TABLE.queueIndex.name, TABLE.listIndex.name];
    // BatchWriteItem: re-triaging set-aside mail stores a new ticket's surge observation as triage does.
    const actions = [
      'GetItem',
      'BatchGetItem',
      'Query',
      'PutItem',
      'BatchWriteItem',
      'UpdateItem',
      'DeleteItem',
    ] as const;
    grantItems(fn, props.table, props.dataKey, [...actions], indexes);
    grantObjectRead(fn, props.mailObjectsArn, props.dataKey);
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.nikHashKeySecretArn] }),
    );
    for (const q of [props.inbound, props.outbound]) {
      grantQueueSend(fn, q.queue, props.messagingKey); // replies; redriven dead letters
      grantQueueConsume(fn, q.dlq, props.messagingKey);
    }

    this.publicThrottle = props.publicThrottle;
    this.api = this.httpApi(props);
    this.logAccess(props.logRetention);
    this.stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    for (const [method, path] of PUBLIC_ROUTES) this.throttle(`${method} ${path}`);
    props.alerting.alarm(this, 'ServerErrors', {
      name: 'agent-api-5xx',
      description: 'The agent API answered with server errors (5xx) in a 5-minute period.',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
    });
  }

  private httpApi(props: AgentApiProps): HttpApi {
    const region = Stack.of(this).region;
    const authorizer = new HttpJwtAuthorizer(
      'Cognito',
      `https://cognito-idp.${region}.amazonaws.com/${props.userPoolId}`,
      {
        jwtAudience: [props.consoleClientId],
      },
    );
    const integration = new HttpLambdaIntegration('AgentApi', this.handler.fn);
    const api = new HttpApi(this, 'Http', {
      description: 'Prakerja triage: agent work lists and status check',
      createDefaultStage: true,
      corsPreflight: { ...CONSOLE_CORS, allowOrigins: props.consoleOrigins },
    });
    for (const [method, path] of AGENT_ROUTES) api.addRoutes({ path, methods: [method], integration, authorizer });
    const none = new HttpNoneAuthorizer();
    for (const [method, path] of PUBLIC_ROUTES)
      api.addRoutes({ path, methods: [method], integration, authorizer: none });
    return api;
  }

  private get stage(): CfnStage {
    return this.api.defaultStage?.node.defaultChild as CfnStage;
  }

  private logAccess(retention: RetentionDays): void {
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    this.stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // No query string: the status route carries the participant's contact there.
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        agent: '$context.authorizer.claims.cognito:username',
      }),
    };
  }

  /** Routes anyone may call (no sign-in), each throttled as the status route is. */
  addPublicRoutes(routes: [HttpMethod, string][], integration: HttpRouteIntegration): void {
    for (const [method, path] of routes) {
      this.api.addRoutes({ path, methods: [method], integration, authorizer: new HttpNoneAuthorizer() });
      this.throttle(`${method} ${path}`);
    }
  }

  private throttle(routeKey: string): void {
    const { rate, burst } = this.publicThrottle;
    // RouteSettings is a raw JSON map in CloudFormation: its keys must be written in CloudFormation's case.
    this.stage.routeSettings = {
      ...(this.stage.routeSettings as Record<string, unknown> | undefined),
      [routeKey]: { ThrottlingBurstLimit: burst, ThrottlingRateLimit: rate },
    };
  }
}
