#!/usr/bin/env -S npx tsx
/**
 * bench:init — the cold start of each Lambda. Bundles every entry as the stack does
 * (lib/bundling.ts), then times its module init (importing index.mjs: config parsed, SDK clients
 * and adapters built, handler made) in a fresh Node 24 process, against a bare module that only
 * imports and creates the same AWS SDK clients. Function and bare runs alternate; prints per
 * function what a cold start reads of its bundle and the whole bundle (chunks loaded on demand
 * included), the medians and the median of the per-run ratios.
 *
 * With --bundle-sdk both the functions and the bare modules carry the AWS SDK in their bundles
 * (the stack leaves it to the runtime's copy, lib/bundling.ts), to see what bundling it would change.
 *
 *   npm run bench:init [-- --runs 7] [--bundle-sdk]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LAMBDA_ENTRIES } from '#lib/entries.ts';
import { bundleLambda, LAMBDA_ENV as ENV, ROOT } from './lambda-bundle.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, 'bundle-sdk': { type: 'boolean', default: false } },
});
const bundleSdk = values['bundle-sdk'];
const RUNS = Math.max(5, Number(values.runs));
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
// Inside the project so that the bundles resolve the AWS SDK from node_modules, as from the runtime's.
const DIR = path.join(ROOT, 'node_modules', '.cache', 'bench-init');

const FUNCTIONS = ['triage', 'mailer', 'agentApi', 'sweeper', 'survey', 'surge', 'sendingEvents'] as const;

/** How the bare module creates each SDK client (as lambdas/adapters/sdk/ does). */
const CLIENTS: Record<string, { name: string; create: string }> = {
  '@aws-sdk/client-dynamodb': { name: 'DynamoDBClient', create: 'new DynamoDBClient({ region })' },
  '@aws-sdk/lib-dynamodb': {
    name: 'DynamoDBDocumentClient',
    create: 'DynamoDBDocumentClient.from(new DynamoDBClient({ region }))',
  },
  '@aws-sdk/client-s3': { name: 'S3Client', create: 'new S3Client({ region })' },
  '@aws-sdk/client-sqs': { name: 'SQSClient', create: 'new SQSClient({ region })' },
  '@aws-sdk/client-sesv2': { name: 'SESv2Client', create: 'new SESv2Client({ region })' },
  '@aws-sdk/client-secrets-manager': { name: 'SecretsManagerClient', create: 'new SecretsManagerClient({ region })' },
};

/** The SDK packages each function creates clients of (its ports in lambdas/adapters/aws.ts). */
const USES: Record<(typeof FUNCTIONS)[number], string[]> = {
  triage: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/client-secrets-manager'],
  mailer: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-sesv2', '@aws-sdk/client-sqs'],
  agentApi: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-sqs', '@aws-sdk/client-secrets-manager'],
  sweeper: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs', '@aws-sdk/client-secrets-manager'],
  survey: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-secrets-manager'],
  surge: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-sqs'],
  sendingEvents: ['@aws-sdk/lib-dynamodb'],
};

function bareModule(sdk: string[]): string {
  const lines = sdk.map((p) => {
    const c = CLIENTS[p];
    if (!c) throw new Error(`bench:init does not know how to create the client of ${p}`);
    return `import { ${c.name} } from '${p}';`;
  });
  if (sdk.includes('@aws-sdk/lib-dynamodb')) lines.push(`import { DynamoDBClient } from '@aws-sdk/client-dynamodb';`);
  lines.push('const region = process.env.AWS_REGION;');
  lines.push(`export const clients = [${sdk.map((p) => CLIENTS[p]?.create).join(', ')}];`);
  return `${lines.join('\n')}\n`;
}

const RUNNER = `const t0 = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - t0));
`;

function initMs(file: string, service: string): number {
  const out = execFileSync(NODE, [path.join(DIR, 'run.mjs'), file], {
    env: { ...ENV, POWERTOOLS_SERVICE_NAME: service },
    encoding: 'utf8',
  });
  return Number(out);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
writeFileSync(path.join(DIR, 'run.mjs'), RUNNER);

const subjects = [];
for (const fn of FUNCTIONS) {
  const bundle = await bundleLambda(LAMBDA_ENTRIES[fn], path.join(DIR, fn), { bundleSdk });
  let bare = path.join(DIR, fn, 'bare-source.mjs');
  writeFileSync(bare, bareModule(USES[fn]));
  // Measured the same way as the function: bundled with the SDK when the function carries it.
  if (bundleSdk) bare = (await bundleLambda(bare, path.join(DIR, fn, 'bare'), { bundleSdk })).file;
  subjects.push({ fn, bundle, bare, fnMs: [] as number[], bareMs: [] as number[], ratios: [] as number[] });
}

for (let run = 0; run < RUNS; run++) {
  for (const s of subjects) {
    const f = initMs(s.bundle.file, s.fn);
    const b = initMs(s.bare, s.fn);
    s.fnMs.push(f);
    s.bareMs.push(b);
    s.ratios.push(f / b);
  }
}

process.stdout.write(
  `module init${bundleSdk ? ' (AWS SDK bundled)' : ''}, median of ${RUNS} interleaved runs, each in a fresh Node ${execFileSync(NODE, ['-v'], { encoding: 'utf8' }).trim()} process\n`,
);
process.stdout.write(
  'function        bundle: at init / all   init ms   bare ms   ratio   SDK packages loaded but never used\n',
);
for (const s of subjects) {
  const unused = s.bundle.externals.filter(
    (e) =>
      e.startsWith('@aws-sdk/') &&
      !USES[s.fn].includes(e) &&
      !(e === '@aws-sdk/client-dynamodb' && USES[s.fn].includes('@aws-sdk/lib-dynamodb')),
  );
  process.stdout.write(
    `${s.fn.padEnd(14)} ${`${(s.bundle.bytes / 1024).toFixed(0)} KB / ${(s.bundle.totalBytes / 1024).toFixed(0)} KB`.padStart(22)} ${median(s.fnMs).toFixed(1).padStart(10)} ${median(s.bareMs).toFixed(1).padStart(9)} ${median(s.ratios).toFixed(2).padStart(7)}   ${unused.map((e) => e.replace('@aws-sdk/', '')).join(', ') || '-'}\n`,
  );
}
