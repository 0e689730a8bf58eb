/**
 * The agent API on AWS: an HTTP API whose agent routes require a Cognito JWT (verified by API
 * Gateway's JWT authorizer before the function runs), a public, throttled status route, access
 * logs, and the sweeper on a one-minute schedule.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LEASE_SECONDS, TABLE } from '../settings.ts';
import { grantItems, grantQueueSend } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';

export interface AgentApiProps {
  userPool: IUserPool;
  client: IUserPoolClient;
  table: ITable;
  dataKey: IKey;
  outbound: IQueue;
  messagingKey: IKey;
  logRetention: RetentionDays;
  alarmTopic: ITopic;
  /** Public status route: steady requests per second and burst, for the whole API. */
  statusThrottle: { rate: number; burst: number };
}

export const AGENT_ROUTES: [HttpMethod, string][] = [
  [HttpMethod.GET, '/queues'],
  [HttpMethod.POST, '/queues/{category}/claim'],
  [HttpMethod.GET, '/tickets/{ref}'],
  ...(['extend', 'release', 'resolve', 'reassign', 'note'] as const).map((a): [HttpMethod, string] => [
    HttpMethod.POST,
    `/tickets/{ref}/${a}`,
  ]),
  // Supervisors: mail triage set aside (automated, quarantined, parse_failed)
  [HttpMethod.GET, '/ops/{outcome}'],
];
export const STATUS_ROUTE = '/status/{ref}';

export class AgentApi extends Construct {
  readonly api: HttpApi;
  readonly handler: HandlerFunction;
  readonly sweeper: HandlerFunction;

  constructor(scope: Construct, id: string, props: AgentApiProps) {
    super(scope, id);
    const common = { logRetention: props.logRetention, alarmTopic: props.alarmTopic };
    this.handler = new HandlerFunction(this, 'Handler', {
      ...common,
      entry: 'agent-api.ts',
      serviceName: 'agent-api',
      description: 'Agent work lists (claim, lease, resolve) and the public status check',
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: props.table.tableName,
        OUTBOUND_QUEUE_URL: props.outbound.queueUrl,
        LEASE_SECONDS: String(LEASE_SECONDS),
      },
    });
    const indexes = [TABLE.queueIndex.name, TABLE.listIndex.name];
    grantItems(
      this.handler.fn,
      props.table,
      props.dataKey,
      ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      indexes,
    );
    grantQueueSend(this.handler.fn, props.outbound, props.messagingKey);

    this.sweeper = new HandlerFunction(this, 'Sweeper', {
      ...common,
      entry: 'sweeper.ts',
      serviceName: 'sweeper',
      description: 'Return expired leases to their work lists; mark tickets past their service level overdue',
      timeout: Duration.seconds(50),
      environment: { TABLE_NAME: props.table.tableName },
    });
    grantItems(this.sweeper.fn, props.table, props.dataKey, ['GetItem', 'Query', 'UpdateItem'], indexes);
    new Rule(this, 'EveryMinute', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sweeper.fn)],
    });

    const region = Stack.of(this).region;
    const authorizer = new HttpJwtAuthorizer(
      'Cognito',
      `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`,
      {
        jwtAudience: [props.client.userPoolClientId],
      },
    );
    const integration = new HttpLambdaIntegration('AgentApi', this.handler.fn);
    this.api = new HttpApi(this, 'Http', {
      description: 'Prakerja triage: agent work lists and status check',
      createDefaultStage: true,
    });
    for (const [method, path] of AGENT_ROUTES) this.api.addRoutes({ path, methods: [method], integration, authorizer });
    this.api.addRoutes({
      path: STATUS_ROUTE,
      methods: [HttpMethod.GET],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
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
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    // RouteSettings is a raw JSON map in CloudFormation: its keys must be written in CloudFormation's case.
    stage.routeSettings = {
      [`GET ${STATUS_ROUTE}`]: {
        ThrottlingBurstLimit: props.statusThrottle.burst,
        ThrottlingRateLimit: props.statusThrottle.rate,
      },
    };
  }
}
