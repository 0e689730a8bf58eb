/**
 * Lambda entry: SQS `outbound` → mailer. Config and clients at init (fail fast on a missing variable).
 */
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { documentClient, dynamoClient, sesClient } from '#adapters/clients.ts';
import { DynamoReplyLedger } from '#adapters/dynamodb/reply-ledger.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { loadMailerConfig } from '#lambdas/config.ts';
import { tracer } from './observability.ts';
import { makeReplyHandler } from './reply-batch.ts';

const config = loadMailerConfig();
const db = tracer.captureAWSv3Client(dynamoClient(config));
const now = () => new Date();

export const handler = makeReplyHandler(
  {
    mailer: new SesMailer(tracer.captureAWSv3Client(sesClient(config)), now, config.SES_CONFIGURATION_SET),
    ledger: new DynamoReplyLedger(documentClient(config, db), config.TABLE_NAME),
    from: config.FROM_ADDRESS,
    maxAutoRepliesPerDay: config.MAX_AUTO_REPLIES_PER_DAY,
    now,
  },
  new DynamoDBPersistenceLayer({ tableName: config.IDEMPOTENCY_TABLE_NAME, awsSdkV3Client: db }),
);
