/**
 * How every Lambda is bundled: the CDK's esbuild options, in one place so that the benchmarks
 * (bench/lambda-bundle.ts) build exactly what is deployed.
 */
import path from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Imports the bundler resolves to other files. An ES module `import … from 'node:http'` (the
 * Powertools tracer and middy have one) makes Node build an ES module facade of `http`, which
 * reads every export, including the getters that load Node's bundled undici, http2 and tls: most
 * of a cold start's time beyond the SDK clients, for a fetch client nothing here uses
 * (nodejs/node#59686). The shim hands them the CommonJS module instead, as `require` would.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  'node:http': path.join(import.meta.dirname, 'node-http.cjs'),
};

export const LAMBDA_BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  // Maps for stack traces (NODE_OPTIONS=--enable-source-maps), without the sources in them: Node
  // reads a function's map at every cold start, and line numbers need no source text.
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // The Node.js runtime ships AWS SDK v3: leave it out of the bundle.
  externalModules: ['@aws-sdk/*'],
  // Some CommonJS dependencies (the X-Ray SDK's) call require(): give ESM bundles one.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
  forceDockerBundling: false,
} satisfies BundlingOptions;
