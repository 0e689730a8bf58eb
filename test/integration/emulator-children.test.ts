/**
 * The emulator children of `npm start` die with it, however it ends, and a restart that finds a
 * port held by one left from an earlier run says so (with its pid) instead of "port in use".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { StaleEmulatorError, startEmulatorsInChild } from '#local/emulators.ts';
import { freePort } from '#local/free-port.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits (up to 30 s) for the processes to end; returns those still alive. */
async function stillAlive(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 300 && pids.some(alive); i++) await sleep(100);
  return pids.filter(alive);
}

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
}

const firstLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as Readable });
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });

describe('emulator children', () => {
  it('stop when the process that started them is killed with SIGKILL', async () => {
    // Prepare
    const parent = run(['test/support/emulator-parent.ts']);
    const { pids } = JSON.parse(await firstLine(parent)) as { pids: number[] };
    expect(pids).toHaveLength(2);

    // Act
    parent.kill('SIGKILL');

    // Assess
    const left = await stillAlive(pids);
    for (const pid of left) process.kill(pid, 'SIGTERM');
    expect(left).toEqual([]);
  });

  it('left running by an earlier run are named, with their pid, when a restart needs their port', async () => {
    // Prepare: an emulator started without the parent's lifeline, as older versions started them
    const port = await freePort();
    const stale = run(['local/emulators-main.ts', JSON.stringify({ dynamodb: port, sqs: 0, ses: 0 }), '', 'dynamodb']);
    await firstLine(stale);

    // Act
    const restart = startEmulatorsInChild({ dynamodb: port, sqs: 0, ses: 0 });

    // Assess
    try {
      const err = await restart.then(
        (e) => e.stop().then(() => null),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StaleEmulatorError);
      expect((err as StaleEmulatorError).pid).toBe(stale.pid);
      expect((err as Error).message).toContain(`kill ${stale.pid}`);
    } finally {
      stale.kill('SIGTERM');
    }
  });
});
