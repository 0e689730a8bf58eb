/**
 * Lambda entry: scheduled every minute (reserved concurrency 1) → evaluate surges and broadcast
 * accepted incidents' answers.
 */
import { awsSurgePorts } from '#adapters/aws/surge.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { sqs } from '#adapters/sdk/sqs.ts';
import { loadSurgeConfig } from '#lambdas/config.ts';
import { buildSurgeDeps } from '#lambdas/wiring.ts';
import { timed } from './observability.ts';
import { makeSurgeHandler } from './surge-handler.ts';

const config = loadSurgeConfig();

export const handler = makeSurgeHandler(
  buildSurgeDeps(config, awsSurgePorts(config, awsClientsOf(config, { instrument: timed }, { dynamo, sqs }))),
);
