/**
 * The AWS APIs on loopback: dynalite (DynamoDB), fauxqs (SQS + S3) and aws-ses-v2-local (SES
 * sending, with its viewer and /store). Port 0 picks a free port (tests); fixed ports for `npm start`.
 */

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import * as sesLocalModule from 'aws-ses-v2-local';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';
import { keepSentMail } from './ses-sent-log.ts';

export interface EmulatorPorts {
  dynamodb: number;
  sqs: number;
  ses: number;
}

export interface Emulators {
  endpoints: { dynamodb: string; sqs: string; s3: string; ses: string };
  /** Process ids of the emulator children (empty when they run in this process). */
  pids: number[];
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

/** A fixed port is held by an emulator child an earlier `npm start` left running. */
export class StaleEmulatorError extends PortInUseError {
  override name = 'StaleEmulatorError';
  constructor(
    service: string,
    port: number,
    readonly pid: number,
  ) {
    super(service, port);
    this.message = `${service}: port ${port} is held by an emulator an earlier npm start left running (pid ${pid}); stop it with: kill ${pid}`;
  }
}

/**
 * Where emulator children on fixed ports note their pid (one file per port), so a restart that
 * finds a port taken can say whether a stale emulator of ours holds it. Ports 0 (tests) are not noted.
 */
export const EMULATOR_PID_DIR = join(tmpdir(), 'prakerja-local-emulators');
const pidFile = (port: number) => join(EMULATOR_PID_DIR, `port-${port}.json`);

export function notePorts(ports: number[]): () => void {
  mkdirSync(EMULATOR_PID_DIR, { recursive: true });
  for (const port of ports) writeFileSync(pidFile(port), JSON.stringify({ pid: process.pid }));
  return () => {
    for (const port of ports) rmSync(pidFile(port), { force: true });
  };
}

/** The live process an earlier run noted for this port, if any. */
export function staleEmulatorOn(port: number): number | undefined {
  let pid: number;
  try {
    pid = (JSON.parse(readFileSync(pidFile(port), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
  if (pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined; // the noting process is gone: someone else holds the port
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

export type EmulatedService = 'dynamodb' | 'sqs' | 'ses';
const ALL_SERVICES: readonly EmulatedService[] = ['dynamodb', 'sqs', 'ses'];

export async function startEmulators(
  ports: EmulatorPorts = { dynamodb: 0, sqs: 0, ses: 0 },
  dataDir?: string,
  services: readonly EmulatedService[] = ALL_SERVICES,
): Promise<Emulators> {
  const started: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of started.reverse()) await s().catch(() => undefined);
  };
  try {
    const endpoints = { dynamodb: '', sqs: '', s3: '', ses: '' };
    if (services.includes('dynamodb')) {
      const db = dynalite({
        createTableMs: 0,
        deleteTableMs: 0,
        updateTableMs: 0,
        ...(dataDir ? { path: dataDir } : {}),
      }) as Server;
      const dbPort = await listen(db, ports.dynamodb, 'DynamoDB (dynalite)');
      started.push(() => close(db));
      endpoints.dynamodb = `http://${HOST}:${dbPort}`;
    }
    if (services.includes('sqs')) {
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
      endpoints.sqs = `http://${HOST}:${sqsPort}`;
      endpoints.s3 = endpoints.sqs;
    }
    if (services.includes('ses')) {
      // aws-ses-v2-local never reports a failed listen (its promise just hangs): probe the port first.
      await assertPortFree(ports.ses, 'SES (aws-ses-v2-local)');
      if (dataDir) keepSentMail(join(dataDir, 'local-state', 'ses-sent.jsonl'));
      const ses = await startSes({ host: HOST, port: ports.ses });
      started.push(() => close(ses));
      endpoints.ses = `http://${HOST}:${(ses.address() as AddressInfo).port}`;
    }
    return { endpoints, pids: [], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The same emulators in a child process: the pipeline and the emulators then run on different
 * cores (the local stack and the day benchmark use this; tests keep them in-process).
 */
export async function startEmulatorsInChild(ports: EmulatorPorts, dataDir?: string): Promise<Emulators> {
  // Two children: DynamoDB alone, SQS/S3 with SES; each JS emulator is single-threaded.
  const groups: EmulatedService[][] = [['dynamodb'], ['sqs', 'ses']];
  const children: Emulators[] = [];
  try {
    for (const services of groups) children.push(await spawnEmulators(ports, dataDir, services));
  } catch (err) {
    for (const c of children) await c.stop();
    throw err;
  }
  const endpoints = { dynamodb: '', sqs: '', s3: '', ses: '' };
  for (const c of children)
    for (const [k, v] of Object.entries(c.endpoints)) if (v) endpoints[k as keyof typeof endpoints] = v;
  return {
    endpoints,
    pids: children.flatMap((c) => c.pids),
    stop: async () => void (await Promise.all(children.map((c) => c.stop()))),
  };
}

async function spawnEmulators(
  ports: EmulatorPorts,
  dataDir: string | undefined,
  services: EmulatedService[],
): Promise<Emulators> {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const script = new URL('./emulators-main.ts', import.meta.url).pathname;
  // The IPC channel is the child's lifeline: it closes when this process dies in any way (even
  // SIGKILL), and the child then stops (emulators-main.ts). Its own process group keeps a
  // terminal's Ctrl-C from stopping the emulators before the pipeline has drained.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify(ports), dataDir ?? '', services.join(',')],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      detached: true,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  child.unref();
  child.channel?.unref();
  const firstLine = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as Readable });
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`emulators exited with ${code} before starting`)));
  });
  const msg = JSON.parse(firstLine) as {
    endpoints?: Emulators['endpoints'];
    error?: string;
    portInUse?: { service: string; port: number } | null;
  };
  if (!msg.endpoints) {
    if (msg.portInUse) {
      const { service, port } = msg.portInUse;
      const stale = staleEmulatorOn(port);
      throw stale === undefined ? new PortInUseError(service, port) : new StaleEmulatorError(service, port, stale);
    }
    throw new Error(`emulators failed to start: ${msg.error}`);
  }
  return {
    endpoints: msg.endpoints,
    pids: child.pid === undefined ? [] : [child.pid],
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
