/**
 * The AWS SDK clients of one function, each built on first use from config (endpoints come from
 * config, so the same code talks to AWS or to the local emulators) and passed through one
 * `instrument` hook: the Lambdas trace them with X-Ray there, the local stack counts their calls.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Endpoints {
  AWS_REGION: string;
  AWS_ENDPOINT_URL_DYNAMODB?: string;
  AWS_ENDPOINT_URL_S3?: string;
  AWS_ENDPOINT_URL_SQS?: string;
  AWS_ENDPOINT_URL_SES?: string;
}

/** Any SDK v3 client (they all carry a middleware stack). */
export type SdkClient = DynamoDBClient | S3Client | SQSClient | SESv2Client | SecretsManagerClient;

export interface ClientOptions {
  /** Applied once to every client built (e.g. X-Ray tracing, call counting). */
  instrument?: <C extends SdkClient>(client: C) => C;
  /** Only for local emulators (which accept any); on AWS the default provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface AwsClients {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly ses: SESv2Client;
  /** On AWS only: the local stack has no Secrets Manager (its keys are fixed, see adapters/aws.ts). */
  readonly secrets: SecretsManagerClient;
  destroy(): void;
}

export function awsClients(c: Endpoints, o: ClientOptions = {}): AwsClients {
  const built: SdkClient[] = [];
  const instrument = <C extends SdkClient>(client: C): C => {
    built.push(client);
    return o.instrument ? o.instrument(client) : client;
  };
  const region = c.AWS_REGION;
  const credentials = o.credentials;
  const lazily = <T>(build: () => T) => {
    let value: T | undefined;
    return () => {
      value ??= build();
      return value;
    };
  };
  const dynamo = lazily(() =>
    DynamoDBDocumentClient.from(
      instrument(new DynamoDBClient({ region, endpoint: c.AWS_ENDPOINT_URL_DYNAMODB, credentials })),
      { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } },
    ),
  );
  // fauxqs (local S3) serves path-style URLs only
  const s3 = lazily(() =>
    instrument(
      new S3Client({
        region,
        endpoint: c.AWS_ENDPOINT_URL_S3,
        forcePathStyle: Boolean(c.AWS_ENDPOINT_URL_S3),
        credentials,
      }),
    ),
  );
  const sqs = lazily(() => instrument(new SQSClient({ region, endpoint: c.AWS_ENDPOINT_URL_SQS, credentials })));
  const ses = lazily(() => instrument(new SESv2Client({ region, endpoint: c.AWS_ENDPOINT_URL_SES, credentials })));
  const secrets = lazily(() => instrument(new SecretsManagerClient({ region, credentials })));
  return {
    get dynamo() {
      return dynamo();
    },
    get s3() {
      return s3();
    },
    get sqs() {
      return sqs();
    },
    get ses() {
      return ses();
    },
    get secrets() {
      return secrets();
    },
    destroy: () => {
      for (const client of built) client.destroy();
    },
  };
}
