/** The agent API's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { AgentApiPorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoCannedResponses } from '../dynamodb/canned-responses.ts';
import { DynamoOutbox } from '../dynamodb/outbox.ts';
import { DynamoRequestQuota } from '../dynamodb/request-quota.ts';
import { DynamoSurveyStore } from '../dynamodb/surveys.ts';
import { DynamoWorkList } from '../dynamodb/work-list.ts';
import { type Clock, type Resources, systemClock } from './resources.ts';
import { surgeStore } from './surge-store.ts';
import { awsTriagePorts } from './triage.ts';

export function awsAgentApiPorts(
  r: Resources,
  clients: Pick<AwsClients, 's3' | 'dynamo' | 'sqs' | 'secrets'>,
  now: Clock = systemClock,
): AgentApiPorts {
  return {
    // Supervisors have mail set aside triaged again: the triage ports.
    ...awsTriagePorts(r, clients, now),
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    outbox: () => new DynamoOutbox(clients.dynamo, r.TABLE_NAME),
    cannedResponses: () => new DynamoCannedResponses(clients.dynamo, r.TABLE_NAME),
    requestQuota: () => new DynamoRequestQuota(clients.dynamo, r.TABLE_NAME),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    surgeStore: surgeStore(r, clients),
  };
}
