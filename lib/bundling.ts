/**
 * How every Lambda is bundled: the CDK's esbuild options, in one place so that the benchmarks
 * (bench/lambda-bundle.ts) build exactly what is deployed.
 */
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

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
  // Some CommonJS dependencies (mailparser's) call require(): give ESM bundles one.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  forceDockerBundling: false,
} satisfies BundlingOptions;
