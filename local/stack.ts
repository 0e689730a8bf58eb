/**
 * The whole pipeline on one machine: emulators, provisioning, the SMTP receiver playing SES, the
 * pollers playing the event source mappings, the agent API server, and the timers of the sweeper
 * and the surge evaluation. Used by
 * `npm start`, the end-to-end tests and the day benchmark (ports 0 = pick free ones). The
 * integration tests drive `startPipeline` (the same minus the servers and timers) by hand.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '#adapters/clients.ts';
import { DynamoCannedResponses } from '#adapters/dynamodb/canned-responses.ts';
import type { SurgeSettings } from '#core/surge/model.ts';
import type { CannedResponses } from '#ports';
import { createAgentServer, Throttle } from './agent-server.ts';
import { CallCounter } from './call-count.ts';
import { type DurableState, durableState } from './durable-state.ts';
import {
  assertPortFree,
  type EmulatorPorts,
  type Emulators,
  PortInUseError,
  startEmulators,
  startEmulatorsInChild,
} from './emulators.ts';
import {
  buildPipeline,
  LOCAL_REGION,
  type LocalPipeline,
  localClients,
  localEndpoints,
  type PipelineOptions,
} from './pipeline.ts';
import { type Provisioned, provision } from './provision.ts';
import { putRawMail, type ReceivingTarget } from './ses-receiving.ts';
import { COMPLAINT_ADDRESS } from './site.ts';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.ts';

export { COMPLAINT_ADDRESS };

export interface StackPorts extends EmulatorPorts {
  smtp: number;
  api: number;
}

export const DEFAULT_PORTS: StackPorts = { smtp: 2525, api: 3000, ses: 8005, dynamodb: 8000, sqs: 4566 };

/**
 * `npm start`'s surge detector: a fresh stack has no history, so it learns from minutes of mail
 * instead of days (one-minute buckets, a five-minute window) and may propose once it has seen 300
 * participants (docs/surge.md, "Local demo"). SURGE_SETTINGS overrides it.
 */
export const LOCAL_SURGE_SETTINGS: Partial<SurgeSettings> = {
  bucketMinutes: 1,
  windowMinutes: 5,
  minBaselineParticipants: 300,
};
const FREE_PORTS: EmulatorPorts = { dynamodb: 0, sqs: 0, ses: 0 };

/** Stops what was started, last first; failures to stop are ignored (the rest still stops). */
class Cleanups {
  private readonly steps: (() => Promise<void>)[] = [];
  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step().catch(() => undefined);
  }
}

export interface PipelineStackOptions {
  ports?: EmulatorPorts;
  /**
   * Keep the stack's state here across restarts and crashes: DynamoDB (dynalite's files), the
   * queues' messages and the raw mail (local/durable-state.ts), and the mail SES sent.
   */
  dataDir?: string;
  /** Run the emulators in child processes (cores of their own). Default: in this process. */
  emulatorsInChild?: boolean;
  pipeline?: Partial<PipelineOptions>;
}

export interface PipelineStack {
  emulators: Emulators;
  /** Clients for setting up and inspecting the emulators (not counted as the pipeline's calls). */
  clients: AwsClients;
  provisioned: Provisioned;
  pipeline: LocalPipeline;
  /** AWS SDK calls by caller (our functions; SES receiving and the pollers on AWS's side). */
  calls: CallCounter;
  /** Where SES receiving stores and announces mail, on clients counted as `receiving`. */
  receiving: ReceivingTarget;
  /** The canned responses in the stack's table (on the setup clients), to put starters in. */
  cannedResponses(): CannedResponses;
  /** What a restart with dataDir put back: raw mails into S3, messages into the queues. */
  restored: { mails: number; messages: number };
  stop(): Promise<void>;
}

/** Puts the archived raw mail back in the bucket and the journaled messages back in their queues. */
async function restore(state: DurableState, clients: AwsClients, p: Provisioned): Promise<PipelineStack['restored']> {
  let mails = 0;
  for (const { key, raw } of state.mail.all()) {
    await putRawMail(clients.s3, p.names.bucket, key, raw);
    mails++;
  }
  const urls = new Map<string, string>();
  for (const q of [p.inbound, p.outbound, p.sendingEvents])
    for (const url of [q.url, q.dlqUrl]) urls.set(url.slice(url.lastIndexOf('/') + 1), url);
  return { mails, messages: await state.queues.replay(clients.sqs, urls) };
}

/** Emulators, the resources CDK creates, and the functions wired on them; pollers not started. */
export async function startPipeline(o: PipelineStackOptions = {}): Promise<PipelineStack> {
  const cleanups = new Cleanups();
  try {
    const ports = o.ports ?? FREE_PORTS;
    const emulators = o.emulatorsInChild
      ? await startEmulatorsInChild(ports, o.dataDir)
      : await startEmulators(ports, o.dataDir);
    cleanups.add(() => emulators.stop());
    const endpoints = localEndpoints(emulators.endpoints);
    const calls = o.pipeline?.calls ?? new CallCounter();
    const state = o.dataDir ? durableState(o.dataDir) : undefined;
    const clients = localClients(endpoints, 'setup');
    const receivingClients = localClients(endpoints, 'receiving', calls, state?.queues);
    cleanups.add(async () => {
      clients.destroy();
      receivingClients.destroy();
      state?.queues.close();
    });
    const provisioned = await provision(clients);
    const restored = state ? await restore(state, clients, provisioned) : { mails: 0, messages: 0 };
    const pipeline = buildPipeline(endpoints, provisioned, {
      complaintAddress: COMPLAINT_ADDRESS,
      ...o.pipeline,
      calls,
      journal: state?.queues,
    });
    cleanups.add(() => pipeline.stop());
    const receiving: ReceivingTarget = {
      s3: receivingClients.s3,
      sqs: receivingClients.sqs,
      bucket: provisioned.names.bucket,
      inboundQueueUrl: provisioned.inbound.url,
      region: LOCAL_REGION,
      archive: state?.mail,
    };
    const cannedResponses = () => new DynamoCannedResponses(clients.dynamo, provisioned.names.table);
    return {
      emulators,
      clients,
      provisioned,
      pipeline,
      calls,
      receiving,
      cannedResponses,
      restored,
      stop: () => cleanups.run(),
    };
  } catch (err) {
    await cleanups.run();
    throw err;
  }
}

export interface LocalStackOptions extends Omit<PipelineStackOptions, 'ports'> {
  ports: StackPorts;
  sweepIntervalMs?: number;
  /** The surge evaluation's schedule (every minute, as on AWS). */
  surgeIntervalMs?: number;
  onDelivered?: (sesMessageId: string, acceptedAt: number) => void;
  /** How long stop() waits for the queues to empty once SMTP is closed (default 60 s). */
  drainMs?: number;
}

export interface LocalStack extends Omit<PipelineStack, 'stop'> {
  urls: { smtp: string; api: string; sesViewer: string; dynamodb: string; sqs: string };
  ports: StackPorts;
  /**
   * Stops as Ctrl-C does: SMTP stops accepting and finishes the mail it is receiving, the queues
   * are worked until empty (at most drainMs), then everything stops. Resolves to the messages
   * still queued when it gave up waiting (0: nothing accepted was left unprocessed).
   */
  stop(): Promise<number>;
}

/** Messages in the work queues, visible, in flight or delayed. */
async function queued(stack: PipelineStack): Promise<number> {
  let n = 0;
  for (const q of [stack.provisioned.inbound, stack.provisioned.outbound]) {
    const a = await stack.clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: q.url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    for (const v of Object.values(a.Attributes ?? {})) n += Number(v);
  }
  return n;
}

/** Waits until the pipeline has worked off its queues, or maxMs passed; the messages left. */
async function drain(stack: PipelineStack, maxMs: number): Promise<number> {
  const until = Date.now() + maxMs;
  for (;;) {
    const left = await queued(stack);
    if (left === 0 || Date.now() >= until) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function listenHttp(server: Server, port: number, service: string): Promise<number> {
  await assertPortFree(port, service);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(service, port) : err),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * The agent API and the public pages on HTTP, behind the checks API Gateway makes (JWT,
 * throttling). It listens before the pipeline is built, so the replies' status links and the survey links can name its port;
 * requests are handed to the pipeline's handlers once they exist.
 */
async function serveApi(
  port: number,
  cleanups: Cleanups,
): Promise<{ port: number; attach: (pipeline: LocalPipeline) => void }> {
  let pipeline: LocalPipeline | undefined;
  const ready = () => {
    if (!pipeline) throw new Error('the pipeline is still starting');
    return pipeline;
  };
  const api = createAgentServer(
    (event, context) => ready().agentApi(event, context),
    new Throttle({ ratePerSecond: 10, burst: 20 }),
    { survey: (event, context) => ready().survey(event, context) },
  );
  const bound = await listenHttp(api, port, 'agent API');
  cleanups.add(() => new Promise<void>((resolve) => api.close(() => resolve())));
  return { port: bound, attach: (p) => (pipeline = p) };
}

/** EventBridge's schedule for a scheduled Lambda; like reserved concurrency 1, a run still going skips the next. */
function schedule(
  run: () => Promise<unknown>,
  intervalMs: number,
  onError: ((err: unknown) => void) | undefined,
  cleanups: Cleanups,
): void {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .then(
        () => undefined,
        (err) => onError?.(err),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  // A run still going finishes before the emulators it uses stop.
  cleanups.add(async () => {
    clearInterval(timer);
    await running;
  });
}

export async function startLocalStack(o: LocalStackOptions): Promise<LocalStack> {
  const cleanups = new Cleanups();
  try {
    // Fail fast and clearly on a taken port before anything starts.
    await assertPortFree(o.ports.smtp, 'SMTP receiver');
    const api = await serveApi(o.ports.api, cleanups);
    const stack = await startPipeline({
      ...o,
      pipeline: { publicBaseUrl: `http://127.0.0.1:${api.port}`, ...o.pipeline },
    });
    cleanups.add(() => stack.stop());
    api.attach(stack.pipeline);
    stack.pipeline.inbound.start();
    stack.pipeline.outbound.start();
    stack.pipeline.sendingEvents.start();

    const smtp: SmtpReceiver = await startSmtpReceiver(o.ports.smtp, {
      recipients: [COMPLAINT_ADDRESS],
      target: stack.receiving,
      onDelivered: o.onDelivered,
      onError: o.pipeline?.onError,
    });
    // Stopping runs these last first: SMTP closes (finishing the mail it is receiving), then the
    // pollers work off what it queued, and only then do the pipeline and the emulators stop.
    let left = 0;
    cleanups.add(async () => {
      left = await drain(stack, o.drainMs ?? 60_000);
    });
    cleanups.add(() => smtp.close());
    const apiPort = api.port;
    schedule(() => stack.pipeline.sweep(), o.sweepIntervalMs ?? 30_000, o.pipeline?.onError, cleanups);
    schedule(() => stack.pipeline.evaluateSurges(), o.surgeIntervalMs ?? 60_000, o.pipeline?.onError, cleanups);

    const endpoints = stack.emulators.endpoints;
    const port = (url: string) => Number(new URL(url).port);
    const ports: StackPorts = {
      smtp: smtp.port,
      api: apiPort,
      ses: port(endpoints.ses),
      dynamodb: port(endpoints.dynamodb),
      sqs: port(endpoints.sqs),
    };
    return {
      ...stack,
      urls: {
        smtp: `smtp://127.0.0.1:${ports.smtp}`,
        api: `http://127.0.0.1:${ports.api}`,
        sesViewer: endpoints.ses,
        dynamodb: endpoints.dynamodb,
        sqs: endpoints.sqs,
      },
      ports,
      stop: async () => {
        await cleanups.run();
        return left;
      },
    };
  } catch (err) {
    await cleanups.run();
    throw err;
  }
}
