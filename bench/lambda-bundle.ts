/**
 * Bundles one Lambda entry exactly as the stack does (lib/bundling.ts: the same esbuild options),
 * into a directory of its own: index.mjs and the chunks it loads on demand.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { ENTRY_FILE, lambdaBuildOptions, PROJECT_ROOT } from '#lib/bundling.ts';
import { SLA_HOURS } from '#lib/settings.ts';

export const ROOT = PROJECT_ROOT;

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
  /** The module Lambda loads. */
  file: string;
  /** What a cold start reads: the entry and the chunks it imports statically. */
  bytes: number;
  /** Every file of the bundle, the chunks loaded on demand included (the package's size). */
  totalBytes: number;
  /** Every file of the bundle (absolute paths). */
  files: string[];
  /** The files a cold start reads (absolute paths): the entry and what it imports statically. */
  initFiles: string[];
  /** The packages left to the runtime that a cold start imports (its AWS SDK clients). */
  externals: string[];
  /** Node's built-in modules any file of the bundle loads with an ES module `import` (not `require`). */
  esmBuiltins: string[];
}

/** `bundleSdk`: put the AWS SDK in the bundle instead of leaving it to the runtime (bench:init --bundle-sdk). */
export async function bundleLambda(entry: string, outdir: string, { bundleSdk = false } = {}): Promise<LambdaBundle> {
  mkdirSync(outdir, { recursive: true });
  const r = await build({ ...lambdaBuildOptions(entry, outdir, { bundleSdk }), metafile: true });
  const outputs = r.metafile.outputs;
  // The metafile's paths are relative to esbuild's working directory, the project root.
  const abs = (p: string) => path.resolve(PROJECT_ROOT, p);
  const entryKey = Object.keys(outputs).find((p) => abs(p) === path.join(outdir, ENTRY_FILE));
  if (!entryKey) throw new Error(`esbuild wrote no ${ENTRY_FILE} in ${outdir}`);
  // The files a cold start loads: the entry and, transitively, what it imports statically.
  const atInit = new Set<string>();
  const visit = (key: string) => {
    if (atInit.has(key)) return;
    atInit.add(key);
    for (const i of (outputs[key] as Metafile['outputs'][string]).imports)
      if (!i.external && i.kind === 'import-statement') visit(i.path);
  };
  visit(entryKey);
  const all = Object.entries(outputs);
  const loaded = all.filter(([p]) => atInit.has(p)).map(([, o]) => o);
  /** What the files given import from outside the bundle with a static `import`, once each. */
  const staticExternals = (files: Metafile['outputs'][string][]) =>
    [
      ...new Set(
        files.flatMap((o) => o.imports.filter((i) => i.external && i.kind === 'import-statement')).map((i) => i.path),
      ),
    ].sort();
  const externals = staticExternals(loaded);
  const esmBuiltins = staticExternals(all.map(([, o]) => o)).filter((p) => p.startsWith('node:'));
  return {
    file: abs(entryKey),
    bytes: loaded.reduce((n, o) => n + o.bytes, 0),
    totalBytes: all.reduce((n, [, o]) => n + o.bytes, 0),
    files: all.map(([p]) => abs(p)),
    initFiles: [...atInit].map(abs),
    externals,
    esmBuiltins,
  };
}
