/** The SES sending events' ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { SendingEventsPorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoReplyLog } from '../dynamodb/reply-log.ts';
import { DynamoSuppressionList } from '../dynamodb/suppression-list.ts';
import type { Resources } from './resources.ts';

export function awsSendingEventsPorts(r: Resources, clients: Pick<AwsClients, 'dynamo'>): SendingEventsPorts {
  return {
    replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME),
    suppressionList: () => new DynamoSuppressionList(clients.dynamo, r.TABLE_NAME),
  };
}
