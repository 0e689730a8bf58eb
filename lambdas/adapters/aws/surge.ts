/** The surge evaluation's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { SurgePorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoWorkList } from '../dynamodb/work-list.ts';
import { replyQueue } from './reply-queue.ts';
import { type Clock, type Resources, systemClock } from './resources.ts';
import { surgeStore } from './surge-store.ts';

export function awsSurgePorts(
  r: Resources,
  clients: Pick<AwsClients, 'dynamo' | 'sqs'>,
  now: Clock = systemClock,
): SurgePorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    replyQueue: replyQueue(r, clients),
    surgeStore: surgeStore(r, clients),
  };
}
