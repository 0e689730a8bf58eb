/** The agent API's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { AgentApiPorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoCannedResponses } from '../dynamodb/canned-responses.ts';
import { DynamoInboundLog } from '../dynamodb/inbound-log.ts';
import { DynamoRequestQuota } from '../dynamodb/request-quota.ts';
import { DynamoSurveyStore } from '../dynamodb/surveys.ts';
import { DynamoWorkList } from '../dynamodb/work-list.ts';
import { replyQueue } from './reply-queue.ts';
import type { Resources } from './resources.ts';
import { surgeStore } from './surge-store.ts';

export function awsAgentApiPorts(r: Resources, clients: Pick<AwsClients, 'dynamo' | 'sqs'>): AgentApiPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME),
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    cannedResponses: () => new DynamoCannedResponses(clients.dynamo, r.TABLE_NAME),
    requestQuota: () => new DynamoRequestQuota(clients.dynamo, r.TABLE_NAME),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    surgeStore: surgeStore(r, clients),
  };
}
