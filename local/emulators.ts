/**
 * The AWS APIs on loopback: dynalite (DynamoDB), fauxqs (SQS + S3) and aws-ses-v2-local (SES
 * sending, with its viewer and /store). Port 0 picks a free port (tests); fixed ports for `npm start`.
 */

import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import * as sesLocalModule from 'aws-ses-v2-local';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';

export interface EmulatorPorts {
  dynamodb: number;
  sqs: number;
  ses: number;
}

export interface Emulators {
  endpoints: { dynamodb: string; sqs: string; s3: string; ses: string };
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(`${service}: port ${port} on 127.0.0.1 is already in use`);
  }
}

const HOST = '127.0.0.1';

// aws-ses-v2-local is CommonJS with `exports.default`: unwrap whichever shape the loader gives.
type StartSes = (config: { host: string; port: number }) => Promise<Server>;
const startSes: StartSes = ((m: { default: unknown }) =>
  typeof m.default === 'function' ? m.default : (m.default as { default: unknown }).default)(
  sesLocalModule as never,
) as StartSes;

function listen(server: Server, port: number, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(service, port) : err);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Fails with PortInUseError when a fixed port is taken (port 0 always succeeds). */
export async function assertPortFree(port: number, service: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe as unknown as Server, port, service);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startEmulators(
  ports: EmulatorPorts = { dynamodb: 0, sqs: 0, ses: 0 },
  dataDir?: string,
): Promise<Emulators> {
  const started: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of started.reverse()) await s().catch(() => undefined);
  };
  try {
    const db = dynalite({
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(dataDir ? { path: dataDir } : {}),
    }) as Server;
    const dbPort = await listen(db, ports.dynamodb, 'DynamoDB (dynalite)');
    started.push(() => close(db));

    const fauxqs = buildApp({ logger: false });
    try {
      await fauxqs.listen({ port: ports.sqs, host: HOST });
    } catch (err) {
      throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? new PortInUseError('SQS/S3 (fauxqs)', ports.sqs)
        : err;
    }
    started.push(() => fauxqs.close());
    const sqsPort = (fauxqs.server.address() as AddressInfo).port;

    // aws-ses-v2-local never reports a failed listen (its promise just hangs): probe the port first.
    await assertPortFree(ports.ses, 'SES (aws-ses-v2-local)');
    const ses = await startSes({ host: HOST, port: ports.ses });
    started.push(() => close(ses));
    const sesPort = (ses.address() as AddressInfo).port;

    return {
      endpoints: {
        dynamodb: `http://${HOST}:${dbPort}`,
        sqs: `http://${HOST}:${sqsPort}`,
        s3: `http://${HOST}:${sqsPort}`,
        ses: `http://${HOST}:${sesPort}`,
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
