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
import { DynamoReplyLog } from './dynamodb/reply-log.ts';
import { DynamoRequestQuota } from './dynamodb/request-quota.ts';
import { DynamoSuppressionList } from './dynamodb/suppression-list.ts';
import { DynamoSurveyStore } from './dynamodb/surveys.ts';
import { DynamoTicketStore } from './dynamodb/ticket-store.ts';
import { DynamoWorkList } from './dynamodb/work-list.ts';
import { FixedKeys } from './fixed-keys.ts';
import { S3MailStore } from './s3-mail-store.ts';
import { SecretsKeyRing } from './secrets-key-ring.ts';
import { SecretsManagerKeys } from './secrets-keys.ts';
import { SesMailer } from './ses-mailer.ts';
import { SqsReplyQueue } from './sqs-reply-queue.ts';

/** The resources a function's adapters use, named as in its environment. */
export interface Resources {
  TABLE_NAME: string;
  OUTBOUND_QUEUE_URL?: string;
  SES_CONFIGURATION_SET?: string;
  /** The Secrets Manager secret holding the NIK hash key. */
  NIK_HASH_KEY_SECRET_ARN?: string;
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
    keyRing: () => {
      if (!r.NIK_HASH_KEY_SECRET_ARN) throw new Error('NIK_HASH_KEY_SECRET_ARN is not configured for this function');
      return new SecretsKeyRing(clients.secrets, { nik: r.NIK_HASH_KEY_SECRET_ARN });
    },
  };
}

export function awsMailerPorts(r: Resources, clients: AwsClients, now: () => Date = () => new Date()): MailerPorts {
  return {
    mailer: () => new SesMailer(clients.ses, now, r.SES_CONFIGURATION_SET),
    replyLog: () => new DynamoReplyLog(clients.dynamo, r.TABLE_NAME),
    suppressionList: () => new DynamoSuppressionList(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsAgentApiPorts(r: Resources, clients: AwsClients): AgentApiPorts {
  return {
    workList: () => new DynamoWorkList(clients.dynamo, r.TABLE_NAME),
    inboundLog: () => new DynamoInboundLog(clients.dynamo, r.TABLE_NAME),
    replyQueue: replyQueue(r, clients),
    cannedResponses: () => new DynamoCannedResponses(clients.dynamo, r.TABLE_NAME),
    requestQuota: () => new DynamoRequestQuota(clients.dynamo, r.TABLE_NAME),
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
  };
}

export function awsSendingEventsPorts(r: Resources, clients: AwsClients): SendingEventsPorts {
  return { suppressionList: () => new DynamoSuppressionList(clients.dynamo, r.TABLE_NAME) };
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
