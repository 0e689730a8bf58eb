/**
 * Lambda entry: scheduled every minute → sweep expired leases and mark overdue tickets.
 */
import { awsSweeperPorts } from '#adapters/aws.ts';
import { awsClients } from '#adapters/clients.ts';
import { loadSweeperConfig } from '#lambdas/config.ts';
import { buildSweeperDeps } from '#lambdas/wiring.ts';
import { traced } from './observability.ts';
import { makeSweeperHandler } from './sweeper-handler.ts';

const config = loadSweeperConfig();

export const handler = makeSweeperHandler(
  buildSweeperDeps(config, awsSweeperPorts(config, awsClients(config, { instrument: traced }))),
);
