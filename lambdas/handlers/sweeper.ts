/**
 * Lambda entry: scheduled every minute → sweep expired leases and mark overdue tickets.
 */
import { awsSweeperPorts } from '#adapters/aws/sweeper.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { secrets } from '#adapters/sdk/secrets-manager.ts';
import { sqs } from '#adapters/sdk/sqs.ts';
import { loadSweeperConfig } from '#lambdas/config.ts';
import { buildSweeperDeps } from '#lambdas/wiring.ts';
import { timed } from './observability.ts';
import { makeSweeperHandler } from './sweeper-handler.ts';

const config = loadSweeperConfig();

export const handler = makeSweeperHandler(
  buildSweeperDeps(
    config,
    awsSweeperPorts(config, awsClientsOf(config, { instrument: timed }, { dynamo, sqs, secrets })),
  ),
);
