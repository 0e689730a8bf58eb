/**
 * Runs the emulators in their own process (so they get a core of their own): started by
 * startEmulatorsInChild with the ports as JSON in argv[2], an optional data dir in argv[3] and the
 * services to run in argv[4];
 * prints the endpoints as one JSON line, then serves until SIGTERM.
 */
import { type EmulatedService, notePorts, PortInUseError, startEmulators } from './emulators.ts';

const ports = JSON.parse(process.argv[2] ?? '{"dynamodb":0,"sqs":0,"ses":0}');
const dataDir = process.argv[3] || undefined;
const services = (process.argv[4] || 'dynamodb,sqs,ses').split(',') as EmulatedService[];
try {
  const e = await startEmulators(ports, dataDir, services);
  const fixed = services.map((s) => ports[s] as number).filter((p) => p > 0);
  const forget = notePorts(fixed);
  process.stdout.write(`${JSON.stringify({ endpoints: e.endpoints })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await e.stop();
    forget();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  // The parent stops us once its pipeline has drained; a terminal's Ctrl-C is not for us.
  process.on('SIGINT', () => undefined);
  // The parent died (the IPC channel closed): nobody will use us any more.
  process.on('disconnect', () => void stop());
} catch (err) {
  const portInUse = err instanceof PortInUseError ? { service: err.service, port: err.port } : null;
  process.stdout.write(`${JSON.stringify({ error: (err as Error).message, portInUse })}\n`);
  process.exit(1);
}
