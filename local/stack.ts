/**
 * The whole pipeline on one machine: emulators, provisioning, the SMTP receiver playing SES, the
 * pollers playing the event source mappings, the agent API server and the sweeper timer. Used by
 * `npm start`, the end-to-end tests and the day benchmark (ports 0 = pick free ones).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgentServer, Throttle } from './agent-server.ts';
import {
  assertPortFree,
  type EmulatorPorts,
  PortInUseError,
  startEmulators,
  startEmulatorsInChild,
} from './emulators.ts';
import {
  buildPipeline,
  LOCAL_REGION,
  type LocalClients,
  type LocalPipeline,
  localClients,
  localEndpoints,
  type PipelineOptions,
} from './pipeline.ts';
import { type Provisioned, provision } from './provision.ts';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.ts';

export interface StackPorts extends EmulatorPorts {
  smtp: number;
  api: number;
}

export const DEFAULT_PORTS: StackPorts = { smtp: 2525, api: 3000, ses: 8005, dynamodb: 8000, sqs: 4566 };
export const COMPLAINT_ADDRESS = 'pengaduan@prakerja.example.id';

export interface LocalStackOptions {
  ports: StackPorts;
  /** Keep DynamoDB data here across restarts (queues and S3 stay in memory: fauxqs has no persistence). */
  dataDir?: string;
  complaintAddress?: string;
  sweepIntervalMs?: number;
  pipeline?: Omit<PipelineOptions, 'complaintAddress'>;
  onDelivered?: (sesMessageId: string, acceptedAt: number) => void;
  /** Run the emulators in a child process (a core of their own). Default: in this process. */
  emulatorsInChild?: boolean;
}

export interface LocalStack {
  urls: { smtp: string; api: string; sesViewer: string; dynamodb: string; sqs: string };
  ports: StackPorts;
  clients: LocalClients;
  provisioned: Provisioned;
  pipeline: LocalPipeline;
  stop(): Promise<void>;
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

export async function startLocalStack(o: LocalStackOptions): Promise<LocalStack> {
  const address = o.complaintAddress ?? COMPLAINT_ADDRESS;
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    // Fail fast and clearly on a taken port before anything starts.
    await assertPortFree(o.ports.smtp, 'SMTP receiver');
    await assertPortFree(o.ports.api, 'agent API');
    const emulators = o.emulatorsInChild
      ? await startEmulatorsInChild(o.ports, o.dataDir)
      : await startEmulators(o.ports, o.dataDir);
    cleanups.push(() => emulators.stop());
    const endpoints = localEndpoints(emulators.endpoints);
    const clients = localClients(endpoints);
    cleanups.push(async () => {
      for (const c of Object.values(clients)) c.destroy();
    });
    const provisioned = await provision(clients);
    const pipeline = buildPipeline(endpoints, clients, provisioned, { complaintAddress: address, ...o.pipeline });
    pipeline.inbound.start();
    pipeline.outbound.start();
    cleanups.push(async () => {
      await pipeline.inbound.stop();
      await pipeline.outbound.stop();
    });

    const smtp: SmtpReceiver = await startSmtpReceiver(o.ports.smtp, {
      recipients: [address],
      target: {
        s3: clients.s3,
        sqs: clients.sqs,
        bucket: provisioned.names.bucket,
        inboundQueueUrl: provisioned.inbound.url,
        region: LOCAL_REGION,
      },
      onDelivered: o.onDelivered,
      onError: o.pipeline?.onError,
    });
    cleanups.push(() => smtp.close());

    const api = createAgentServer(pipeline.agentApi, new Throttle({ ratePerSecond: 10, burst: 20 }));
    const apiPort = await listenHttp(api, o.ports.api, 'agent API');
    cleanups.push(() => new Promise<void>((resolve) => api.close(() => resolve())));

    const sweeper = setInterval(
      () => void pipeline.sweep().catch((err) => o.pipeline?.onError?.(err)),
      o.sweepIntervalMs ?? 30_000,
    );
    sweeper.unref();
    cleanups.push(async () => clearInterval(sweeper));

    const port = (url: string) => Number(new URL(url).port);
    const ports: StackPorts = {
      smtp: smtp.port,
      api: apiPort,
      ses: port(emulators.endpoints.ses),
      dynamodb: port(emulators.endpoints.dynamodb),
      sqs: port(emulators.endpoints.sqs),
    };
    return {
      urls: {
        smtp: `smtp://127.0.0.1:${ports.smtp}`,
        api: `http://127.0.0.1:${ports.api}`,
        sesViewer: emulators.endpoints.ses,
        dynamodb: emulators.endpoints.dynamodb,
        sqs: emulators.endpoints.sqs,
      },
      ports,
      clients,
      provisioned,
      pipeline,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
