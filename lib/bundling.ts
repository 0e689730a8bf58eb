/**
 * How every Lambda is bundled: the CDK's esbuild options, in one place so that the benchmarks
 * (bench/lambda-bundle.ts) build exactly what is deployed.
 */
import path from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Imports the bundler resolves to other files. An ES module `import … from 'node:http'` (middy's
 * util has one) makes Node build an ES module facade of `http`, which
 * reads every export, including the getters that load Node's bundled undici, http2 and tls: most
 * of a cold start's time beyond the SDK clients, for a fetch client nothing here uses
 * (nodejs/node#59686). The shim hands them the CommonJS module instead, as `require` would.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  'node:http': path.join(import.meta.dirname, 'node-http.cjs'),
};

/** What esbuild minifies in a Lambda bundle: whitespace and syntax, not names (see below). */
export const MINIFY = { minifyWhitespace: true, minifySyntax: true } as const;

const cliFlag = (option: string) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  // Whitespace and syntax minified, names kept (MINIFY, in `esbuildArgs`): a stack trace in the logs names
  // the functions it went through. No source maps: with NODE_OPTIONS=--enable-source-maps Node
  // reads and indexes a function's map at every cold start (15-25 ms of it), and a map the
  // runtime does not read would only grow the package Lambda downloads. A position in a trace can
  // be decoded by bundling the same commit with a map (`npm run bench:init` bundles as deployed).
  minify: false,
  sourceMap: false,
  mainFields: ['module', 'main'],
  // The Node.js runtime ships AWS SDK v3: leave it out of the bundle.
  externalModules: ['@aws-sdk/*'],
  esbuildArgs: {
    ...Object.fromEntries(Object.entries(MINIFY).map(([option, on]) => [cliFlag(option), on])),
    ...Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
  },
  forceDockerBundling: false,
} satisfies BundlingOptions;
