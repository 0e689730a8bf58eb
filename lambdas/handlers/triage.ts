/**
 * Lambda entry: SQS `inbound` → triage. Config is parsed and SDK clients are set up at init, so a
 * missing variable fails the cold start with its name instead of failing mid-request.
 */
import { awsTriagePorts } from '#adapters/aws/triage.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { s3 } from '#adapters/sdk/s3.ts';
import { secrets } from '#adapters/sdk/secrets-manager.ts';
import { sqs } from '#adapters/sdk/sqs.ts';
import { loadTriageConfig } from '#lambdas/config.ts';
import { buildTriageDeps } from '#lambdas/wiring.ts';
import { timed } from './observability.ts';
import { makeTriageHandler } from './triage-handler.ts';

const config = loadTriageConfig();

export const handler = makeTriageHandler(
  buildTriageDeps(
    config,
    awsTriagePorts(config, awsClientsOf(config, { instrument: timed }, { s3, dynamo, sqs, secrets })),
  ),
);
