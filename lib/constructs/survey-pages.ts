/**
 * The satisfaction survey's public pages: their own function (it alone with the sweeper reads
 * the survey key) behind GET and POST /survey on the public HTTP API, without sign-in, throttled
 * like the status route.
 */
import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { SERVICES } from '../metrics.ts';
import { STATUS_REQUESTS_PER_MINUTE } from '../settings.ts';
import type { AgentApi } from './agent-api.ts';
import type { Alerting } from './alerting.ts';
import { grantItems, grantSecretRead } from './grants.ts';
import { HandlerFunction } from './handler-function.ts';

export interface SurveyPagesProps {
  table: ITable;
  dataKey: IKey;
  /** The Secrets Manager secret of the key that signs the links (the storage stack's). */
  surveyKeySecret: string;
  api: AgentApi;
  logRetention: RetentionDays;
  alerting: Alerting;
}

export const SURVEY_ROUTES: [HttpMethod, string][] = [
  [HttpMethod.GET, '/survey'],
  [HttpMethod.POST, '/survey'],
];

export class SurveyPages extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: SurveyPagesProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.survey,
      serviceName: SERVICES.survey,
      description: 'Satisfaction survey pages: the rating form a link opens, the rating its form sends',
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
      alerting: props.alerting,
      environment: {
        TABLE_NAME: props.table.tableName,
        SURVEY_KEY_SECRET: props.surveyKeySecret,
        // Per-client, as on the status route.
        SURVEY_REQUESTS_PER_MINUTE: String(STATUS_REQUESTS_PER_MINUTE),
      },
    });
    // The survey (GetItem), its rating (UpdateItem), the report counters and per-client counts (UpdateItem).
    grantItems(this.handler.fn, props.table, props.dataKey, ['GetItem', 'UpdateItem']);
    grantSecretRead(this.handler.fn, props.surveyKeySecret, props.dataKey);
    props.api.addPublicRoutes(SURVEY_ROUTES, new HttpLambdaIntegration('SurveyPages', this.handler.fn));
  }
}
