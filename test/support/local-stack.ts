/**
 * Starts the real local emulators on free loopback ports, provisions them like CDK does and wires
 * the real handlers (local/pipeline.ts). Integration and end-to-end tests share it.
 */

import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Emulators, startEmulators } from '#local/emulators.ts';
import {
  buildPipeline,
  LOCAL_REGION,
  type LocalClients,
  type LocalPipeline,
  localClients,
  localEndpoints,
} from '#local/pipeline.ts';
import { type Provisioned, provision } from '#local/provision.ts';
import { type Delivery, deliverToSes } from '#local/ses-receiving.ts';
import { queueDepth } from '#local/sqs-poller.ts';

export const CENTRE = 'pengaduan@prakerja.example.id';

export interface TestStack {
  emulators: Emulators;
  clients: LocalClients;
  provisioned: Provisioned;
  pipeline: LocalPipeline;
  /** Counts DynamoDB API calls by command name. */
  dynamoCalls: Map<string, number>;
  deliver(d: Omit<Delivery, 'recipients'> & { recipients?: string[] }): Promise<string>;
  drain(maxMs?: number): Promise<void>;
  queueDepth(url: string): Promise<number>;
  items(type: string): Promise<Record<string, unknown>[]>;
  sentMail(): Promise<SentMail[]>;
  stop(): Promise<void>;
}

export interface SentMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  rawEmail?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTestStack(options: { now?: () => Date; leaseSeconds?: number } = {}): Promise<TestStack> {
  const emulators = await startEmulators();
  const endpoints = localEndpoints(emulators.endpoints);
  const clients = localClients(endpoints);
  const dynamoCalls = new Map<string, number>();
  clients.db.middlewareStack.add(
    (next, context) => async (args) => {
      dynamoCalls.set(context.commandName ?? '?', (dynamoCalls.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const provisioned = await provision(clients);
  const pipeline = buildPipeline(endpoints, clients, provisioned, {
    complaintAddress: CENTRE,
    retryDelaySeconds: 0,
    ...options,
  });

  const depthOf = (url: string) => queueDepth(clients.sqs, url);

  return {
    emulators,
    clients,
    provisioned,
    pipeline,
    dynamoCalls,
    deliver: (d) =>
      deliverToSes(
        { recipients: [CENTRE], ...d },
        {
          s3: clients.s3,
          sqs: clients.sqs,
          bucket: provisioned.names.bucket,
          inboundQueueUrl: provisioned.inbound.url,
          region: LOCAL_REGION,
        },
      ),
    async drain(maxMs = 20_000) {
      const until = Date.now() + maxMs;
      while (Date.now() < until) {
        const handled = (await pipeline.inbound.pollOnce(0)) + (await pipeline.outbound.pollOnce(0));
        if (handled > 0) continue;
        if ((await depthOf(provisioned.inbound.url)) + (await depthOf(provisioned.outbound.url)) === 0) return;
        await sleep(50);
      }
      throw new Error('queues did not drain in time');
    },
    queueDepth: depthOf,
    async items(type) {
      const out: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const r = await clients.doc.send(
          new ScanCommand({
            TableName: provisioned.names.table,
            FilterExpression: '#t = :t',
            ExpressionAttributeNames: { '#t': 'type' },
            ExpressionAttributeValues: { ':t': type },
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(r.Items ?? []));
        start = r.LastEvaluatedKey;
      } while (start);
      return out;
    },
    async sentMail() {
      const r = await fetch(`${emulators.endpoints.ses}/store`);
      return ((await r.json()) as { emails: SentMail[] }).emails;
    },
    async stop() {
      await pipeline.inbound.stop();
      await pipeline.outbound.stop();
      for (const c of Object.values(clients)) c.destroy();
      await emulators.stop();
    },
  };
}
