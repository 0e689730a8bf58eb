/**
 * The AWS SDK clients of one function, each built on first use from config (endpoints come from
 * config, so the same code talks to AWS or to the local emulators) and passed through one
 * `instrument` hook: the Lambdas time their calls (handlers/observability.ts), the local stack counts them.
 * Each client's builder is a module of its own (adapters/sdk/): a Lambda entry names the clients
 * its flow uses (`awsClientsOf`), so its bundle imports no other SDK package at cold start; the
 * local stack and tests take every client (`awsClients`, adapters/aws.ts).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
  /** Applied once to every client built (e.g. call timing, call counting). */
  instrument?: <C extends SdkClient>(client: C) => C;
  /** Only for local emulators (which accept any); on AWS the default provider chain is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** One SDK call as a middleware sees it: which client and command, the command's input, and the result. */
export interface SdkCall {
  /** The service, from the client's name: `DynamoDB`, `S3`, `SQS`, `SES`, `SecretsManager`. */
  service: string;
  /** The command's name without `Command`: `PutItem`, `SendMessageBatch`. */
  operation: string;
}
type AroundCall = (
  next: (args: { input: object }) => Promise<{ output: object }>,
  context: { clientName?: string; commandName?: string },
) => (args: { input: object }) => Promise<{ output: object }>;

/** The service and operation of the call a middleware is given. */
export function sdkCall(context: { clientName?: string; commandName?: string }): SdkCall {
  return {
    service: (context.clientName ?? '?').replace(/Client$/, '').replace(/^SESv2$/, 'SES'),
    operation: (context.commandName ?? '?').replace(/Command$/, ''),
  };
}

/**
 * Adds `middleware` around every call `client` makes, in the initialize step: before the SDK's
 * retries, so it sees one call (and what the caller waited), not each attempt. One signature for
 * every client's stack, whose own types differ only in their commands' input and output unions.
 */
export function aroundEveryCall<C extends SdkClient>(client: C, name: string, middleware: AroundCall): C {
  const stack = client.middlewareStack as unknown as {
    add(m: AroundCall, o: { step: 'initialize'; name: string }): void;
  };
  stack.add(middleware, { step: 'initialize', name });
  return client;
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

export type ClientName = Exclude<keyof AwsClients, 'destroy'>;

/** Builds one client from the endpoints and options, passing every SDK client it makes through `instrument`. */
export type ClientBuilder<T> = (c: Endpoints, o: ClientOptions, instrument: <C extends SdkClient>(client: C) => C) => T;

type Builders<K extends ClientName> = { [N in K]: ClientBuilder<AwsClients[N]> };

/** The clients named by `builders`, each built on first use; `destroy` closes those built. */
export function awsClientsOf<K extends ClientName>(
  c: Endpoints,
  o: ClientOptions,
  builders: Builders<K>,
): Pick<AwsClients, K | 'destroy'> {
  const built: SdkClient[] = [];
  const instrument = <C extends SdkClient>(client: C): C => {
    built.push(client);
    return o.instrument ? o.instrument(client) : client;
  };
  const clients = {
    destroy: () => {
      for (const client of built) client.destroy();
    },
  } as Pick<AwsClients, K | 'destroy'>;
  for (const name of Object.keys(builders) as K[]) {
    let value: AwsClients[K] | undefined;
    Object.defineProperty(clients, name, {
      enumerable: true,
      get: () => {
        value ??= builders[name](c, o, instrument);
        return value;
      },
    });
  }
  return clients;
}
