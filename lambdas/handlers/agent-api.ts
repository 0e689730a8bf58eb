/**
 * Lambda entry: HTTP API (JWT authorizer) → agent API routes. Config and clients at init.
 */
import { awsAgentApiPorts } from '#adapters/aws.ts';
import { awsClients } from '#adapters/clients.ts';
import { loadAgentApiConfig } from '#lambdas/config.ts';
import { buildAgentApiDeps } from '#lambdas/wiring.ts';
import { makeAgentApiHandler } from './agent-api-handler.ts';
import { traced } from './observability.ts';

const config = loadAgentApiConfig();

export const handler = makeAgentApiHandler(
  buildAgentApiDeps(config, awsAgentApiPorts(config, awsClients(config, { instrument: traced }))),
);
