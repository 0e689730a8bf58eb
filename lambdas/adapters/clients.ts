/**
 * SDK clients built once per cold start from config; endpoints come from config so the same
 * code talks to AWS or to local emulators.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Endpoints {
  AWS_REGION: string;
  AWS_ENDPOINT_URL_DYNAMODB?: string;
  AWS_ENDPOINT_URL_S3?: string;
  AWS_ENDPOINT_URL_SQS?: string;
  AWS_ENDPOINT_URL_SES?: string;
  /** Only for local emulators (which accept any); on AWS the default provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export const dynamoClient = (c: Endpoints) =>
  new DynamoDBClient({ region: c.AWS_REGION, endpoint: c.AWS_ENDPOINT_URL_DYNAMODB, credentials: c.credentials });

export function documentClient(c: Endpoints, db: DynamoDBClient = dynamoClient(c)): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(db, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

export const s3Client = (c: Endpoints) =>
  // fauxqs (local S3) serves path-style URLs only
  new S3Client({
    region: c.AWS_REGION,
    endpoint: c.AWS_ENDPOINT_URL_S3,
    forcePathStyle: Boolean(c.AWS_ENDPOINT_URL_S3),
    credentials: c.credentials,
  });
export const sqsClient = (c: Endpoints) =>
  new SQSClient({ region: c.AWS_REGION, endpoint: c.AWS_ENDPOINT_URL_SQS, credentials: c.credentials });
export const sesClient = (c: Endpoints) =>
  new SESv2Client({ region: c.AWS_REGION, endpoint: c.AWS_ENDPOINT_URL_SES, credentials: c.credentials });
