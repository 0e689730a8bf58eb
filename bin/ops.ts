#!/usr/bin/env -S npx tsx
/**
 * ops <command> …: the supervisors' operations over the agent API (see local/ops-cli.ts).
 */
import { runOps } from '#local/ops-cli.ts';

process.exitCode = await runOps(process.argv.slice(2), {
  fetch,
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
