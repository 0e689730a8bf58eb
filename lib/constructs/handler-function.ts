/**
 * A Lambda function for one of our handlers: bundled from TypeScript with the local esbuild (no
 * Docker) as ESM, ARM64, the newest Node.js runtime the CDK offers, its own role and log group
 * with a retention, Powertools configured by environment, and alarms on errors and throttles.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENTRY, lambdaCode } from '../bundling.ts';
import { METRICS_NAMESPACE } from '../metrics.ts';
import type { Alerting } from './alerting.ts';

export interface HandlerFunctionProps {
  /** Entry file relative to the project root (one of LAMBDA_ENTRIES). */
  entry: string;
  /** POWERTOOLS_SERVICE_NAME: the `service` dimension of its metrics, and its alarms' names. */
  serviceName: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize?: number;
  /** Reserved concurrency: how many may run at once (none: the account's pool). */
  reservedConcurrency?: number;
  logRetention: RetentionDays;
  /** Alarms on errors and throttles; none for deploy-time functions (a failure fails the deploy). */
  alerting?: Alerting;
}

export class HandlerFunction extends Construct {
  readonly fn: LambdaFunction;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.serviceName} function`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.fn = new LambdaFunction(this, 'Fn', {
      code: lambdaCode(props.entry),
      handler: `${ENTRY}.handler`,
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
    });
    if (props.alerting) this.addAlarms(props.alerting, props.serviceName);
  }

  private addAlarms(alerting: Alerting, service: string): void {
    const period = Duration.minutes(5);
    alerting.alarm(this, 'Errors', {
      name: `${service}-errors`,
      description: `The ${service} function failed (an exception or a timeout, not a reported record failure).`,
      metric: this.fn.metricErrors({ period, statistic: 'Sum' }),
      threshold: 0,
    });
    alerting.alarm(this, 'Throttles', {
      name: `${service}-throttles`,
      description: `Lambda refused to run the ${service} function: the account's concurrency is used up.`,
      metric: this.fn.metricThrottles({ period, statistic: 'Sum' }),
      threshold: 0,
    });
  }
}
