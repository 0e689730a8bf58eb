/**
 * Bundles one Lambda entry exactly as the CDK does (lib/bundling.ts holds the options both use),
 * into a directory of its own as index.mjs and its source map.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLING as B } from '#lib/bundling.ts';

export const ROOT = path.join(import.meta.dirname, '..');

export interface LambdaBundle {
  file: string;
  bytes: number;
  /** The packages left to the runtime that the bundle imports (its AWS SDK clients). */
  externals: string[];
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
    minify: B.minify,
    sourcemap: B.sourceMap,
    sourcesContent: B.sourcesContent,
    mainFields: B.mainFields,
    external: bundleSdk ? [] : B.externalModules,
    banner: { js: B.banner },
    metafile: true,
    logLevel: 'error',
  });
  const out = Object.entries(r.metafile.outputs).find(([p]) =>
    p.endsWith('index.mjs'),
  )?.[1] as Metafile['outputs'][string];
  const externals = [...new Set(out.imports.filter((i) => i.external).map((i) => i.path))].sort();
  return { file, bytes: out.bytes, externals };
}
