/** The triage flow's ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { TriagePorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoInboundLog } from '../dynamodb/inbound-log.ts';
import { DynamoTicketStore } from '../dynamodb/ticket-store.ts';
import { DynamoWorkList } from '../dynamodb/work-list.ts';
import { S3MailStore } from '../s3-mail-store.ts';
import { SecretsKeyRing } from '../secrets-key-ring.ts';
import { deadLetters } from './dead-letters.ts';
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
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    deadLetters: deadLetters(r, clients),
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    surgeStore: surgeStore(r, clients),
    keyRing: () => {
      if (!r.NIK_HASH_KEY_SECRET_ARN) throw new Error('NIK_HASH_KEY_SECRET_ARN is not configured for this function');
      return new SecretsKeyRing(clients.secrets, { nik: r.NIK_HASH_KEY_SECRET_ARN });
    },
  };
}
