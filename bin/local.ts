#!/usr/bin/env -S npx tsx
/**
 * npm start [-- --data DIR]: the whole pipeline on 127.0.0.1, no AWS account, no Docker.
 * With --data, DynamoDB, the queues' messages, the raw mail and the mail sent are kept in DIR, so a
 * crash loses nothing SMTP accepted; without it everything lives in memory (README, "Run it locally").
 * Ctrl-C or SIGTERM (to this process or to npm) stops accepting mail, works off what was accepted,
 * then stops; the emulator children die with this process however it ends.
 * Ports: SMTP_PORT (2525), API_PORT (3000), SES_PORT (8005), DYNAMODB_PORT (8000), SQS_PORT (4566).
 * SURGE_SETTINGS (JSON) replaces the local surge detector settings (LOCAL_SURGE_SETTINGS).
 * SURVEY_DELAY_MINUTES: after a resolution, when its satisfaction survey is sent (60; 0 for a demo).
 */
import { parseArgs } from 'node:util';
import { CATEGORIES } from '#core/types.ts';
import { PortInUseError, StaleEmulatorError } from '#local/emulators.ts';
import { signAgentToken } from '#local/jwt.ts';
import {
  COMPLAINT_ADDRESS,
  DEFAULT_PORTS,
  LOCAL_SURGE_SETTINGS,
  type StackPorts,
  startLocalStack,
} from '#local/stack.ts';
import { addStarterCanned } from '#local/starter-canned.ts';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const env = (name: string, fallback: number) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`${name}=${v} is not a port number\n`);
    process.exit(2);
  }
  return n;
};
const surveyDelay = process.env.SURVEY_DELAY_MINUTES;
if (surveyDelay !== undefined && surveyDelay !== '' && !/^\d+$/.test(surveyDelay)) {
  process.stderr.write(`SURVEY_DELAY_MINUTES=${surveyDelay} is not a number of minutes\n`);
  process.exit(2);
}
const ports: StackPorts = {
  smtp: env('SMTP_PORT', DEFAULT_PORTS.smtp),
  api: env('API_PORT', DEFAULT_PORTS.api),
  ses: env('SES_PORT', DEFAULT_PORTS.ses),
  dynamodb: env('DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
  sqs: env('SQS_PORT', DEFAULT_PORTS.sqs),
};

let surgeSettings = LOCAL_SURGE_SETTINGS;
if (process.env.SURGE_SETTINGS) {
  try {
    surgeSettings = JSON.parse(process.env.SURGE_SETTINGS);
  } catch {
    process.stderr.write(`SURGE_SETTINGS is not JSON: ${process.env.SURGE_SETTINGS}\n`);
    process.exit(2);
  }
}

try {
  const stack = await startLocalStack({
    ports,
    dataDir: values.data,
    emulatorsInChild: true,
    pipeline: {
      surgeSettings,
      surveyDelayMinutes: surveyDelay ? Number(surveyDelay) : undefined,
      onError: (err) => process.stderr.write(`pipeline: ${(err as Error).name}: ${(err as Error).message}\n`),
    },
  });
  const starters = await addStarterCanned(stack.cannedResponses(), new Date());
  const token = await signAgentToken({ agent: 'dev-supervisor', queues: [...CATEGORIES], supervisor: true });
  process.stdout.write(
    [
      '',
      'Prakerja mail triage — local stack is up',
      `  send mail     ${stack.urls.smtp}  to ${COMPLAINT_ADDRESS}   e.g. npm run send -- ../shared/corpus`,
      `  replies       ${stack.urls.sesViewer}   (JSON: ${stack.urls.sesViewer}/store)`,
      `  status page   ${stack.urls.api}/cek/PRK-…   (participants; every reply links its ticket's page)`,
      `  console       ${stack.urls.api}/   (sign in with any agent name; keys: ? in the console)${starters ? `; ${starters} starter templates added` : ''}`,
      `  agent API     ${stack.urls.api}   e.g. curl -H "Authorization: Bearer $TOKEN" ${stack.urls.api}/queues`,
      `  TOKEN=${token}`,
      `  surges        evaluated every minute with ${JSON.stringify(surgeSettings)}   e.g. curl -H "Authorization: Bearer $TOKEN" ${stack.urls.api}/incidents`,
      `  emulators     DynamoDB ${stack.urls.dynamodb}  SQS/S3 ${stack.urls.sqs}`,
      values.data
        ? `  data          kept in ${values.data} (tables, queued messages, raw mail, sent mail)${restoredNote(stack.restored)}`
        : '  data          in memory: a crash loses queued mail (use --data DIR to keep it)',
      '  Ctrl-C stops accepting mail, finishes what was accepted, then stops.',
      '',
    ].join('\n'),
  );
  let stoppingSince: number | undefined;
  const shutdown = async (why: string) => {
    if (stoppingSince !== undefined) {
      // Ctrl-C in a terminal reaches us twice (the terminal, and npm passing it on): only a later one forces.
      if (why !== 'SIGINT' || Date.now() - stoppingSince < 1000) return;
      process.stdout.write('second Ctrl-C: stopping without finishing\n');
      process.exit(130);
    }
    stoppingSince = Date.now();
    process.stdout.write(`\n${why}: no longer accepting mail; finishing the mail already accepted...\n`);
    const left = await stack.stop();
    process.stdout.write(
      left === 0
        ? 'stopped: every accepted mail was processed.\n'
        : `stopped with ${left} messages still queued: ${values.data ? `kept in ${values.data}, processed on the next start` : 'lost (no --data)'}.\n`,
    );
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // npm passes SIGTERM to its shell, not to us; when our parent goes, so do we (cleanly).
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('parent process gone');
  }, 1000).unref();
} catch (err) {
  if (err instanceof StaleEmulatorError) {
    process.stderr.write(`npm start: ${err.message}\n`);
    process.exit(1);
  }
  if (err instanceof PortInUseError) {
    process.stderr.write(
      `npm start: ${err.message}. Stop what uses it, or pick another port, e.g. ${portVar(err.port)}=${err.port + 1} npm start\n`,
    );
    process.exit(1);
  }
  throw err;
}

function restoredNote(r: { mails: number; messages: number }): string {
  return r.mails || r.messages ? `; restored ${r.mails} raw mails and ${r.messages} queued messages` : '';
}

function portVar(port: number): string {
  const entry = Object.entries(ports).find(([, p]) => p === port)?.[0] ?? 'smtp';
  return (
    { smtp: 'SMTP_PORT', api: 'API_PORT', ses: 'SES_PORT', dynamodb: 'DYNAMODB_PORT', sqs: 'SQS_PORT' }[entry] ??
    'SMTP_PORT'
  );
}
