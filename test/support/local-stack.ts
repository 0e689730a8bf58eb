/**
 * The pipeline on the real local emulators, started on free loopback ports with the real handlers
 * wired as `npm start` wires them (local/stack.ts), driven by hand: deliver mail as SES does, then
 * drain the queues. Integration tests share it.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { PipelineOptions } from '#local/pipeline.ts';
import { type Delivery, deliverToSes } from '#local/ses-receiving.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { queueDepth } from '#local/sqs-poller.ts';
import { type PipelineStack, startPipeline } from '#local/stack.ts';

export const CENTRE = COMPLAINT_ADDRESS;

export interface TestStack extends PipelineStack {
  deliver(d: Omit<Delivery, 'recipients'> & { recipients?: string[] }): Promise<string>;
  drain(maxMs?: number): Promise<void>;
  queueDepth(url: string): Promise<number>;
  items(type: string): Promise<Record<string, unknown>[]>;
  sentMail(): Promise<SentMail[]>;
}

export interface SentMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTestStack(
  options: Pick<
    PipelineOptions,
    'now' | 'leaseSeconds' | 'surgeSettings' | 'surgeIncidentsCacheSeconds' | 'statusRequestsPerMinute'
  > = {},
): Promise<TestStack> {
  const stack = await startPipeline({ pipeline: { retryDelaySeconds: 0, ...options } });
  const { clients, provisioned, pipeline } = stack;
  const depthOf = (url: string) => queueDepth(clients.sqs, url);
  return {
    ...stack,
    deliver: (d) => deliverToSes({ recipients: [CENTRE], ...d }, stack.receiving),
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
        const r = await clients.dynamo.send(
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
      const r = await fetch(`${stack.emulators.endpoints.ses}/store`);
      return ((await r.json()) as { emails: SentMail[] }).emails;
    },
  };
}
