/**
 * Lambda entry: the public HTTP API's survey routes → the survey pages. Config and clients at init.
 */
import { awsSurveyPorts } from '#adapters/aws/survey.ts';
import { awsClientsOf } from '#adapters/clients.ts';
import { dynamo } from '#adapters/sdk/dynamodb.ts';
import { secrets } from '#adapters/sdk/secrets-manager.ts';
import { loadSurveyConfig } from '#lambdas/config.ts';
import { buildSurveyDeps } from '#lambdas/wiring.ts';
import { timed } from './observability.ts';
import { makeSurveyHandler } from './survey-handler.ts';

const config = loadSurveyConfig();

export const handler = makeSurveyHandler(
  buildSurveyDeps(config, awsSurveyPorts(config, awsClientsOf(config, { instrument: timed }, { dynamo, secrets }))),
);
