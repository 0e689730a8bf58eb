/** The mailer flow's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { MailerPorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoReplyLog } from '../dynamodb/reply-log.ts';
import { DynamoSuppressionList } from '../dynamodb/suppression-list.ts';
import { SesMailer } from '../ses-mailer.ts';
import { deadLetters } from './dead-letters.ts';
import { replyQueue } from './reply-queue.ts';
import type { Resources } from './resources.ts';

export function awsMailerPorts(
  r: Resources,
  clients: Pick<AwsClients, 'ses' | 'dynamo' | 'sqs'>,
  now: () => Date = () => new Date(),
): MailerPorts {
  return {
    mailer: () => new SesMailer(clients.ses, now, r.SES_CONFIGURATION_SET),
    replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    deadLetters: deadLetters(r, clients),
    suppressionList: () => new DynamoSuppressionList(clients.dynamo, r.TABLE_NAME),
  };
}
