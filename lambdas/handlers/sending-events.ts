/**
 * Lambda entry: SQS `sending-events` (SES sending events) → reply records (Send) and the suppression list (bounces, complaints).
 */
import { awsSendingEventsPorts } from '#adapters/aws/sending-events.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { loadSendingEventsConfig } from '#lambdas/config.ts';
import { buildSendingEventsDeps } from '#lambdas/wiring.ts';
import { timed } from './observability.ts';
import { makeSendingEventsHandler } from './sending-events-handler.ts';

const config = loadSendingEventsConfig();

export const handler = makeSendingEventsHandler(
  buildSendingEventsDeps(awsSendingEventsPorts(config, awsClientsOf(config, { instrument: timed }, { dynamo }))),
);
