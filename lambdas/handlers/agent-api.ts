/**
 * Lambda entry: HTTP API (JWT authorizer) → agent API routes. Config and clients at init.
 */
import { awsAgentApiPorts } from '#adapters/aws/agent-api.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { s3 } from '#adapters/sdk/s3.ts';
import { secrets } from '#adapters/sdk/secrets-manager.ts';
import { sqs } from '#adapters/sdk/sqs.ts';
import { loadAgentApiConfig } from '#lambdas/config.ts';
import { buildAgentApiDeps } from '#lambdas/wiring.ts';
import { makeAgentApiHandler } from './agent-api-handler.ts';
import { timed } from './observability.ts';

const config = loadAgentApiConfig();

export const handler = makeAgentApiHandler(
  buildAgentApiDeps(
    config,
    awsAgentApiPorts(config, awsClientsOf(config, { instrument: timed }, { s3, dynamo, sqs, secrets })),
  ),
);
