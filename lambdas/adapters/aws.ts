/**
 * Every port over AWS: DynamoDB (one table), S3, SQS and SES v2, on the clients given. Each Lambda
 * entry takes only its flow's ports (`awsTriagePorts`...), so its bundle holds only those adapters
 * (the mailer's MIME composer stays out of the others); the local stack and tests take them all.
 */
import type {
  Adapters,
  AgentApiPorts,
  KeyStore,
  MailerPorts,
  SendingEventsPorts,
  SurveyPorts,
  SweeperPorts,
  TriagePorts,
} from '#ports';
import type { AwsClients } from './clients.ts';
import { DynamoCannedResponses } from './dynamodb/canned-responses.ts';
import { DynamoInboundLog } from './dynamodb/inbound-log.ts';
import { DynamoOutbox } from './dynamodb/outbox.ts';
import { DynamoReplyLog } from './dynamodb/reply-log.ts';
import { DynamoSurveyStore } from './dynamodb/surveys.ts';
import { DynamoTicketStore } from './dynamodb/ticket-store.ts';
import { DynamoWorkList } from './dynamodb/work-list.ts';
import { FixedKeys } from './fixed-keys.ts';
import { S3MailStore } from './s3-mail-store.ts';
import { SecretsManagerKeys } from './secrets-keys.ts';
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
  /** The survey key's secret in Secrets Manager (deployed). */
  SURVEY_KEY_SECRET?: string;
  /** A fixed survey key instead (the local stack only: it has no Secrets Manager). */
  DEV_SURVEY_KEY?: string;
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

function keys(r: Resources, clients: AwsClients) {
  let built: KeyStore | undefined;
  return () => {
    if (r.SURVEY_KEY_SECRET) built ??= new SecretsManagerKeys({ survey: r.SURVEY_KEY_SECRET }, clients.secrets);
    else if (r.DEV_SURVEY_KEY) built ??= new FixedKeys({ survey: r.DEV_SURVEY_KEY });
    else throw new Error('SURVEY_KEY_SECRET is not configured for this function');
    return built;
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
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsSweeperPorts(r: Resources, clients: AwsClients, now: Clock = systemClock): SweeperPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME, now),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    keys: keys(r, clients),
    outbox: () => new DynamoOutbox(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsSurveyPorts(r: Resources, clients: AwsClients): SurveyPorts {
  return { surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME), keys: keys(r, clients) };
}

export function awsSendingEventsPorts(r: Resources, clients: AwsClients): SendingEventsPorts {
  return { replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME) };
}

export function awsAdapters(r: Resources, clients: AwsClients, now: Clock = systemClock): Adapters {
  return {
    ...awsTriagePorts(r, clients, now),
    ...awsMailerPorts(r, clients, now),
    ...awsAgentApiPorts(r, clients, now),
    ...awsSweeperPorts(r, clients, now),
    deadLetters: deadLetters(r, clients),
  };
}
