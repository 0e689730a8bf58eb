#!/usr/bin/env -S npx tsx
/**
 * bundle:size — bundles each Lambda entry the way the CDK does (lib/bundling.ts: esbuild, ESM,
 * minified, node24, AWS SDK v3 left to the runtime) and prints the bundle sizes, raw and gzipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { LAMBDA_ENTRIES } from '#lib/entries.ts';
import { bundleLambda, ROOT } from './lambda-bundle.ts';

const DIR = path.join(ROOT, 'node_modules', '.cache', 'bundle-size');

for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
  const b = await bundleLambda(entry, path.join(DIR, name));
  const gzip = gzipSync(readFileSync(b.file)).length;
  process.stdout.write(
    `${name.padEnd(26)} ${(b.bytes / 1024).toFixed(0).padStart(6)} KB   gzip ${(gzip / 1024).toFixed(0).padStart(5)} KB\n`,
  );
}
