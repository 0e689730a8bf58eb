/**
 * Lambda entry: SQS `outbound` → mailer. Config and clients at init (fail fast on a missing variable).
 */
import { awsMailerPorts } from '#adapters/aws.ts';
import { awsClients } from '#adapters/clients.ts';
import { loadMailerConfig } from '#lambdas/config.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { makeMailerHandler } from './mailer-handler.ts';
import { traced } from './observability.ts';

const config = loadMailerConfig();

export const handler = makeMailerHandler(
  buildMailerDeps(config, awsMailerPorts(config, awsClients(config, { instrument: traced }))),
);
