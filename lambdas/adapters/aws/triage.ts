/** The triage flow's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { TriagePorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoInboundLog } from '../dynamodb/inbound-log.ts';
import { DynamoTicketStore } from '../dynamodb/ticket-store.ts';
import { DynamoWorkList } from '../dynamodb/work-list.ts';
import { S3MailStore } from '../s3-mail-store.ts';
import { deadLetters } from './dead-letters.ts';
import { keyRing } from './keys.ts';
import { replyQueue } from './reply-queue.ts';
import { type Clock, type Resources, systemClock } from './resources.ts';
import { surgeStore } from './surge-store.ts';

export function awsTriagePorts(
  r: Resources,
  clients: Pick<AwsClients, 's3' | 'dynamo' | 'sqs' | 'secrets'>,
  now: Clock = systemClock,
): TriagePorts {
  return {
    mailStore: () => new S3MailStore(clients.s3),
    ticketStore: () => new DynamoTicketStore(clients.dynamo, r.TABLE_NAME, now),
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME, r.RAW_MAIL_RETENTION_DAYS),
    replyQueue: replyQueue(r, clients),
    deadLetters: deadLetters(r, clients),
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    surgeStore: surgeStore(r, clients),
    keyRing: keyRing(r, clients),
  };
}
