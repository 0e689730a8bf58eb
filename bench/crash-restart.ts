/**
 * npm run check:crash [-- --n 300] [--keep]: sends N generated mails to `npm start -- --data DIR`, SIGKILLs
 * it once half were accepted, starts it again on the same DIR, sends what was not accepted, and
 * prints what became of every mail the receiver answered 250 (bench/crash-restart-run.ts).
 * Exits 1 if an accepted mail was lost or a participant's first mail was not answered exactly once.
 */
import { parseArgs } from 'node:util';
import { crashLine, runCrashRestart } from './crash-restart-run.ts';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '300' }, keep: { type: 'boolean', default: false } },
});
const mails = Number(values.n);
const f = await runCrashRestart({
  mails,
  killAfter: Math.floor(mails / 2),
  keepData: values.keep,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${crashLine(f)}\n`);
process.exit(f.lost === 0 && f.answeredOnce === f.humanFirst ? 0 : 1);
