#!/usr/bin/env -S npx tsx
/**
 * bundle:size — bundles each Lambda entry the way the stack does (lib/bundling.ts: esbuild, ESM,
 * split, minified but for names, node24, AWS SDK v3 left to the runtime) and prints per function
 * what a cold start reads, the whole bundle with the chunks loaded on demand, and that gzipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { LAMBDA_ENTRIES } from '#lib/entries.ts';
import { bundleLambda, ROOT } from './lambda-bundle.ts';

const DIR = path.join(ROOT, 'node_modules', '.cache', 'bundle-size');

for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
  const b = await bundleLambda(entry, path.join(DIR, name));
  const gzip = b.files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(0).padStart(6)} KB`;
  process.stdout.write(`${name.padEnd(26)} at init ${kb(b.bytes)}   all ${kb(b.totalBytes)}   gzip ${kb(gzip)}\n`);
}
