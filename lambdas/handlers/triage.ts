/**
 * Lambda entry: SQS `inbound` → triage. Config is parsed and SDK clients are built at init, so a
 * missing variable fails the cold start with its name instead of failing mid-request.
 */
import { loadTriageConfig } from '#lambdas/config.ts';
import { buildInboundDeps, makeTriageHandler } from './inbound-batch.ts';

export const handler = makeTriageHandler(buildInboundDeps(loadTriageConfig()));
