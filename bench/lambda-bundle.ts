/**
 * Bundles one Lambda entry exactly as the CDK does (lib/bundling.ts holds the options both use),
 * into a directory of its own as index.mjs and its source map.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLING as B, BUNDLE_ALIASES, MINIFY } from '#lib/bundling.ts';
import { SLA_HOURS } from '#lib/settings.ts';

export const ROOT = path.join(import.meta.dirname, '..');

// A Lambda's environment as deployed (lib/constructs), with placeholder resources.
export const LAMBDA_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_REGION: 'ap-southeast-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_LAMBDA_FUNCTION_NAME: 'bench-init',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  POWERTOOLS_METRICS_NAMESPACE: 'PrakerjaTriage',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  TABLE_NAME: 'tickets',
  OUTBOUND_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound',
  OUTBOUND_DLQ_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound-dlq',
  INBOUND_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/inbound',
  INBOUND_DLQ_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/inbound-dlq',
  NIK_HASH_KEY_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:nik-hash-key',
  STATUS_BASE_URL: 'https://api.example.id',
  STATUS_REQUESTS_PER_MINUTE: '10',
  MAX_SENDS_PER_SECOND: '10',
  SLA_HOURS: JSON.stringify(SLA_HOURS),
  COMPLAINT_ADDRESSES: 'pengaduan@example.id',
  FROM_ADDRESS: 'pengaduan@example.id',
  MAX_AUTO_REPLIES_PER_DAY: '5',
  LEASE_SECONDS: '900',
  SURVEY_DELAY_MINUTES: '1440',
  SURVEY_KEY_SECRET: 'survey-key',
  SURVEY_REQUESTS_PER_MINUTE: '10',
  SURVEY_BASE_URL: 'https://survey.example.id',
  TICKET_RETENTION_DAYS: '365',
  RAW_MAIL_RETENTION_DAYS: '180',
  WAITING_REMIND_AFTER_SERVICE_DAYS: '3',
  WAITING_CLOSE_AFTER_SERVICE_DAYS: '7',
};

export interface LambdaBundle {
  file: string;
  bytes: number;
  /** The packages left to the runtime that the bundle imports (its AWS SDK clients). */
  externals: string[];
  /** Node's built-in modules the bundle loads with an ES module `import` (not `require`). */
  esmBuiltins: string[];
}

/** `bundleSdk`: put the AWS SDK in the bundle instead of leaving it to the runtime (bench:init --bundle-sdk). */
export async function bundleLambda(entry: string, outdir: string, { bundleSdk = false } = {}): Promise<LambdaBundle> {
  mkdirSync(outdir, { recursive: true });
  const file = path.join(outdir, 'index.mjs');
  const r = await build({
    entryPoints: [path.isAbsolute(entry) ? entry : path.join(ROOT, entry)],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: B.target,
    ...MINIFY,
    sourcemap: B.sourceMap,
    mainFields: B.mainFields,
    external: bundleSdk ? [] : B.externalModules,
    alias: BUNDLE_ALIASES,
    metafile: true,
    logLevel: 'error',
  });
  const out = Object.entries(r.metafile.outputs).find(([p]) =>
    p.endsWith('index.mjs'),
  )?.[1] as Metafile['outputs'][string];
  const externals = [...new Set(out.imports.filter((i) => i.external).map((i) => i.path))].sort();
  const esmBuiltins = [
    ...new Set(
      out.imports
        .filter((i) => i.external && i.kind === 'import-statement' && i.path.startsWith('node:'))
        .map((i) => i.path),
    ),
  ].sort();
  return { file, bytes: out.bytes, externals, esmBuiltins };
}
