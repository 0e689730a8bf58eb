/**
 * Every port and client over AWS: DynamoDB (one table), S3, SQS and SES v2, on the clients given. Each Lambda
 * entry takes only its flow's ports from that flow's module (aws/triage.ts...), so its bundle holds
 * only those adapters and imports only the SDK packages they use; the local stack and tests take
 * them all from here.
 */
import type { Adapters } from '#ports';
import { awsAgentApiPorts } from './aws/agent-api.ts';
import { awsMailerPorts } from './aws/mailer.ts';
import type { Resources } from './aws/resources.ts';
import { awsSendingEventsPorts } from './aws/sending-events.ts';
import { awsSurgePorts } from './aws/surge.ts';
import { awsSweeperPorts } from './aws/sweeper.ts';
import { awsTriagePorts } from './aws/triage.ts';
import { type AwsClients, awsClientsOf, type ClientOptions, type Endpoints } from './clients.ts';
import { dynamo } from './sdk/dynamodb.ts';
import { s3 } from './sdk/s3.ts';
import { secrets } from './sdk/secrets-manager.ts';
import { ses } from './sdk/sesv2.ts';
import { sqs } from './sdk/sqs.ts';

export type { Resources };

export function awsAdapters(r: Resources, clients: AwsClients, now: () => Date = () => new Date()): Adapters {
  return {
    ...awsTriagePorts(r, clients, now),
    ...awsMailerPorts(r, clients, now),
    ...awsAgentApiPorts(r, clients, now),
    ...awsSweeperPorts(r, clients, now),
    ...awsSurgePorts(r, clients, now),
    ...awsSendingEventsPorts(r, clients),
  };
}

/** Every client, each built on first use (the local stack and tests, which run all flows in one process). */
export function awsClients(c: Endpoints, o: ClientOptions = {}): AwsClients {
  return awsClientsOf(c, o, { dynamo, s3, sqs, ses, secrets });
}
