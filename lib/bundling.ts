/**
 * How every Lambda is bundled, in one place: the stack's function code (`lambdaCode`, at synth)
 * and the benchmarks and the bundle test (bench/lambda-bundle.ts) all build with
 * `lambdaBuildOptions`, so what is measured is what is deployed.
 *
 * The CDK's NodejsFunction bundles into one file; these bundles are split instead. esbuild keeps
 * what only a dynamic `import()` reaches in a chunk of its own, which Node reads when that import
 * first runs: the agent API's triage (a supervisor's re-triage and the dead-letter list) and
 * html-to-text (HTML-only mail) are then neither parsed nor compiled at a cold start. Inlined in
 * one file, as before, they cost the agent API's cold start ~22 ms without ever running.
 */
import path from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync } from 'esbuild';

export const PROJECT_ROOT = path.join(import.meta.dirname, '..');

/**
 * Imports the bundler resolves to other files. An ES module `import … from 'node:http'` (middy's
 * util has one) makes Node build an ES module facade of `http`, which reads every export,
 * including the getters that load Node's bundled undici, http2 and tls: most of a cold start's
 * time beyond the SDK clients, for a fetch client nothing here uses (nodejs/node#59686). The shim
 * hands them the CommonJS module instead, as `require` would.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  'node:http': path.join(import.meta.dirname, 'node-http.cjs'),
};

/** The module Lambda loads (`index.handler`), as index.mjs; chunks go beside it under chunks/. */
export const ENTRY = 'index';
export const ENTRY_FILE = `${ENTRY}.mjs`;

/**
 * esbuild's options for one Lambda entry (relative to the project root, or absolute) into
 * `outdir`. `bundleSdk` puts the AWS SDK in the bundle instead of leaving it to the runtime's copy
 * (only `bench:init --bundle-sdk` does, to see what that would change).
 */
export function lambdaBuildOptions(entry: string, outdir: string, { bundleSdk = false } = {}): BuildOptions {
  return {
    // From the project root wherever it is called from: esbuild writes paths relative to its
    // working directory into the bundle, which would otherwise change with it (and so would
    // every function's asset hash).
    absWorkingDir: PROJECT_ROOT,
    entryPoints: { [ENTRY]: path.isAbsolute(entry) ? entry : path.join(PROJECT_ROOT, entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    // Whitespace and syntax minified, names kept: a stack trace in the logs names the functions it
    // went through. No source maps: with NODE_OPTIONS=--enable-source-maps Node reads and indexes
    // a function's map at every cold start (15-25 ms of it), and a map the runtime does not read
    // would only grow the package Lambda downloads. A position in a trace is decoded by bundling
    // the same commit with `sourcemap: true`.
    minifyWhitespace: true,
    minifySyntax: true,
    mainFields: ['module', 'main'],
    // The Node.js runtime ships AWS SDK v3: leave it out of the bundle.
    external: bundleSdk ? [] : ['@aws-sdk/*'],
    alias: BUNDLE_ALIASES,
    logLevel: 'warning',
  };
}

/**
 * Bundles one entry at synth with the local esbuild (no Docker). A class and not an object
 * literal because the CDK caches a bundle by its bundling options serialized: the entry must be
 * a field to be part of that key, or every function would get the first one's bundle.
 */
class LocalBundle implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    buildSync(lambdaBuildOptions(this.entry, outputDir));
    return true;
  }
}

/** A Lambda function's code: its entry's bundle, hashed by its output (any change in what it imports redeploys it). */
export function lambdaCode(entry: string): Code {
  return Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // The CDK requires an image for bundling in a container; local bundling always succeeds
      // or throws (esbuild's own error fails the synth), so it is never pulled.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
      local: new LocalBundle(entry),
    },
  });
}
