/**
 * Every port over AWS: DynamoDB (one table), S3, SQS and SES v2, on the clients given. Each Lambda
 * entry takes only its flow's ports (`awsTriagePorts`...), so its bundle holds only those adapters
 * (the mailer's MIME composer stays out of the others); the local stack and tests take them all.
 */
import type { Adapters, AgentApiPorts, MailerPorts, SendingEventsPorts, SweeperPorts, TriagePorts } from '#ports';
import type { AwsClients } from './clients.ts';
import { DynamoCannedResponses } from './dynamodb/canned-responses.ts';
import { DynamoInboundLog } from './dynamodb/inbound-log.ts';
import { DynamoOutbox } from './dynamodb/outbox.ts';
import { DynamoReplyLog } from './dynamodb/reply-log.ts';
import { DynamoTicketStore } from './dynamodb/ticket-store.ts';
import { DynamoWorkList } from './dynamodb/work-list.ts';
import { S3MailStore } from './s3-mail-store.ts';
import { SesMailer } from './ses-mailer.ts';
import { SqsDeadLetters } from './sqs-dead-letters.ts';
import { SqsReplyQueue } from './sqs-reply-queue.ts';

/** The resources a function's adapters use, named as in its environment. */
export interface Resources {
  TABLE_NAME: string;
  INBOUND_QUEUE_URL?: string;
  INBOUND_DLQ_URL?: string;
  OUTBOUND_QUEUE_URL?: string;
  OUTBOUND_DLQ_URL?: string;
  SES_CONFIGURATION_SET?: string;
}

function deadLetters(r: Resources, clients: AwsClients) {
  return () =>
    new SqsDeadLetters(clients.sqs, {
      inbound: { queue: r.INBOUND_QUEUE_URL, dlq: r.INBOUND_DLQ_URL },
      outbound: { queue: r.OUTBOUND_QUEUE_URL, dlq: r.OUTBOUND_DLQ_URL },
    });
}

function replyQueue(r: Resources, clients: AwsClients) {
  return () => {
    if (!r.OUTBOUND_QUEUE_URL) throw new Error('OUTBOUND_QUEUE_URL is not configured for this function');
    return new SqsReplyQueue(clients.sqs, r.OUTBOUND_QUEUE_URL);
  };
}

type Clock = () => Date;
const systemClock: Clock = () => new Date();

export function awsTriagePorts(r: Resources, clients: AwsClients, now: Clock = systemClock): TriagePorts {
  return {
    mailStore: () => new S3MailStore(clients.s3),
    ticketStore: () => new DynamoTicketStore(clients.dynamo, r.TABLE_NAME, now),
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    deadLetters: deadLetters(r, clients),
  };
}

export function awsMailerPorts(r: Resources, clients: AwsClients, now: Clock = systemClock): MailerPorts {
  return {
    mailer: () => new SesMailer(clients.ses, now, r.SES_CONFIGURATION_SET),
    replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    deadLetters: deadLetters(r, clients),
  };
}

export function awsAgentApiPorts(r: Resources, clients: AwsClients, now: Clock = systemClock): AgentApiPorts {
  return {
    // Supervisors have mail set aside triaged again: the triage ports.
    ...awsTriagePorts(r, clients, now),
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    outbox: () => new DynamoOutbox(clients.dynamo, r.TABLE_NAME),
    cannedResponses: () => new DynamoCannedResponses(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsSweeperPorts(r: Resources, clients: AwsClients, now: Clock = systemClock): SweeperPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    replyQueue: replyQueue(r, clients),
    outbox: () => new DynamoOutbox(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsSendingEventsPorts(r: Resources, clients: AwsClients): SendingEventsPorts {
  return { replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME) };
}

export function awsAdapters(r: Resources, clients: AwsClients, now: Clock = systemClock): Adapters {
  return {
    ...awsTriagePorts(r, clients, now),
    ...awsMailerPorts(r, clients, now),
    ...awsAgentApiPorts(r, clients, now),
    deadLetters: deadLetters(r, clients),
  };
}
