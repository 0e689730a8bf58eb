/**
 * Lambda entry: SQS `outbound` → mailer. Config and clients at init (fail fast on a missing variable).
 */
import { awsMailerPorts } from '#adapters/aws/mailer.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { ses } from '#adapters/sdk/sesv2.ts';
import { sqs } from '#adapters/sdk/sqs.ts';
import { loadMailerConfig } from '#lambdas/config.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { makeMailerHandler } from './mailer-handler.ts';
import { timed } from './observability.ts';

const config = loadMailerConfig();

export const handler = makeMailerHandler(
  buildMailerDeps(config, awsMailerPorts(config, awsClientsOf(config, { instrument: timed }, { ses, dynamo, sqs }))),
);
