/** The sweeper's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { SweeperPorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoOutbox } from '../dynamodb/outbox.ts';
import { DynamoTicketRetention } from '../dynamodb/retention.ts';
import { DynamoSurveyStore } from '../dynamodb/surveys.ts';
import { DynamoWorkList } from '../dynamodb/work-list.ts';
import { keyRing } from './keys.ts';
import { replyQueue } from './reply-queue.ts';
import { type Clock, type Resources, systemClock } from './resources.ts';

export function awsSweeperPorts(
  r: Resources,
  clients: Pick<AwsClients, 'dynamo' | 'sqs' | 'secrets'>,
  now: Clock = systemClock,
): SweeperPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    keyRing: keyRing(r, clients),
    outbox: () => new DynamoOutbox(clients.dynamo, r.TABLE_NAME),
    ticketRetention: () => new DynamoTicketRetention(clients.dynamo, r.TABLE_NAME),
  };
}
