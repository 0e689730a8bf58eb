#!/usr/bin/env -S npx tsx
/**
 * npm start [-- --data DIR]: the whole pipeline on 127.0.0.1, no AWS account, no Docker.
 * Ports: SMTP_PORT (2525), API_PORT (3000), SES_PORT (8005), DYNAMODB_PORT (8000), SQS_PORT (4566).
 * SURGE_SETTINGS (JSON) replaces the local surge detector settings (LOCAL_SURGE_SETTINGS).
 * SURVEY_DELAY_MINUTES: after a resolution, when its satisfaction survey is sent (60; 0 for a demo).
 */
import '#local/outside-lambda.ts';
import { parseArgs } from 'node:util';
import { CATEGORIES } from '#core/types.ts';
import { PortInUseError } from '#local/emulators.ts';
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
      `  emulators     DynamoDB ${stack.urls.dynamodb}  SQS/S3 ${stack.urls.sqs}  data: ${values.data ? `DynamoDB kept in ${values.data}` : 'in memory'}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping...\n`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  if (err instanceof PortInUseError) {
    process.stderr.write(
      `npm start: ${err.message}. Stop what uses it, or pick another port, e.g. ${portVar(err.port)}=${err.port + 1} npm start\n`,
    );
    process.exit(1);
  }
  throw err;
}

function portVar(port: number): string {
  const entry = Object.entries(ports).find(([, p]) => p === port)?.[0] ?? 'smtp';
  return (
    { smtp: 'SMTP_PORT', api: 'API_PORT', ses: 'SES_PORT', dynamodb: 'DYNAMODB_PORT', sqs: 'SQS_PORT' }[entry] ??
    'SMTP_PORT'
  );
}
