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
  SurgePorts,
  SurgeStoreSettings,
  SurveyPorts,
  SweeperPorts,
  TriagePorts,
} from '#ports';
import type { AwsClients } from './clients.ts';
import { DynamoCannedResponses } from './dynamodb/canned-responses.ts';
import { DynamoInboundLog } from './dynamodb/inbound-log.ts';
import { DynamoReplyLog } from './dynamodb/reply-log.ts';
import { DynamoSurgeStore } from './dynamodb/surge-store.ts';
import { DynamoSurveyStore } from './dynamodb/surveys.ts';
import { DynamoTicketStore } from './dynamodb/ticket-store.ts';
import { DynamoWorkList } from './dynamodb/work-list.ts';
import { FixedKeys } from './fixed-keys.ts';
import { S3MailStore } from './s3-mail-store.ts';
import { SecretsManagerKeys } from './secrets-keys.ts';
import { SesMailer } from './ses-mailer.ts';
import { SqsReplyQueue } from './sqs-reply-queue.ts';

/** The resources a function's adapters use, named as in its environment. */
export interface Resources {
  TABLE_NAME: string;
  OUTBOUND_QUEUE_URL?: string;
  SES_CONFIGURATION_SET?: string;
  /** The survey key's secret in Secrets Manager (deployed). */
  SURVEY_KEY_SECRET?: string;
  /** A fixed survey key instead (the local stack only: it has no Secrets Manager). */
  DEV_SURVEY_KEY?: string;
}

function replyQueue(r: Resources, clients: AwsClients) {
  return () => {
    if (!r.OUTBOUND_QUEUE_URL) throw new Error('OUTBOUND_QUEUE_URL is not configured for this function');
    return new SqsReplyQueue(clients.sqs, r.OUTBOUND_QUEUE_URL);
  };
}

function surgeStore(r: Resources, clients: AwsClients) {
  return (settings: SurgeStoreSettings) => new DynamoSurgeStore(clients.dynamo, r.TABLE_NAME, settings);
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

export function awsTriagePorts(r: Resources, clients: AwsClients): TriagePorts {
  return {
    mailStore: () => new S3MailStore(clients.s3),
    ticketStore: () => new DynamoTicketStore(clients.dynamo, r.TABLE_NAME),
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME),
    surgeStore: surgeStore(r, clients),
  };
}

export function awsMailerPorts(r: Resources, clients: AwsClients, now: () => Date = () => new Date()): MailerPorts {
  return {
    mailer: () => new SesMailer(clients.ses, now, r.SES_CONFIGURATION_SET),
    replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsAgentApiPorts(r: Resources, clients: AwsClients): AgentApiPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME),
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    cannedResponses: () => new DynamoCannedResponses(clients.dynamo, r.TABLE_NAME),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    surgeStore: surgeStore(r, clients),
  };
}

export function awsSurgePorts(r: Resources, clients: AwsClients): SurgePorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    surgeStore: surgeStore(r, clients),
  };
}

export function awsSweeperPorts(r: Resources, clients: AwsClients): SweeperPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    keys: keys(r, clients),
  };
}

export function awsSurveyPorts(r: Resources, clients: AwsClients): SurveyPorts {
  return { surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME), keys: keys(r, clients) };
}

export function awsAdapters(r: Resources, clients: AwsClients, now: () => Date = () => new Date()): Adapters {
  return {
    ...awsTriagePorts(r, clients),
    ...awsMailerPorts(r, clients, now),
    ...awsAgentApiPorts(r, clients),
    ...awsSweeperPorts(r, clients),
  };
}
