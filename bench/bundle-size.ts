#!/usr/bin/env -S npx tsx
/**
 * bundle:size — bundles each Lambda entry the way the CDK does (esbuild, ESM, minified, node24,
 * AWS SDK v3 left to the runtime) and prints the bundle sizes, raw and gzipped.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = path.join(import.meta.dirname, '..');
const HANDLERS = path.join(ROOT, 'lambdas', 'handlers');
// Entry files export `handler` and build their dependencies from config; the rest are factories.
const entries = readdirSync(HANDLERS).filter((f) =>
  ['triage.ts', 'mailer.ts', 'agent-api.ts', 'sweeper.ts'].includes(f),
);

for (const entry of entries) {
  const r = await build({
    entryPoints: [path.join(HANDLERS, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    write: false,
    external: ['@aws-sdk/*'],
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  const code = r.outputFiles[0]?.contents ?? new Uint8Array();
  process.stdout.write(
    `${entry.padEnd(14)} ${(code.length / 1024).toFixed(0).padStart(6)} KB   gzip ${(gzipSync(code).length / 1024).toFixed(0).padStart(5)} KB\n`,
  );
}
