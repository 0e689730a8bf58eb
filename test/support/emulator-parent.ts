/**
 * A process that starts the emulators in children as `npm start` does (free ports), prints their
 * pids as one JSON line, then waits: test/integration/emulator-children.test.ts kills it.
 */
import { startEmulatorsInChild } from '#local/emulators.ts';

const e = await startEmulatorsInChild({ dynamodb: 0, sqs: 0, ses: 0 });
process.stdout.write(`${JSON.stringify({ pids: e.pids })}\n`);
setInterval(() => undefined, 60_000);
