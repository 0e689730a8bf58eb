/**
 * Each Lambda bundled as the stack bundles it (lib/bundling.ts) must load in a fresh Node process
 * with its deployed environment, and must not import `node:http` as an ES module: that import
 * makes Node load its fetch client, http2 and tls on every cold start (lib/bundling.ts). Nor may
 * it call `require`: an ES module bundle has none, so esbuild's stand-in would throw "Dynamic
 * require … is not supported" when the CommonJS code calling it first runs, maybe long after init.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { lambdaCode } from '#lib/bundling.ts';
import { LAMBDA_ENTRIES } from '#lib/entries.ts';
import { bundleLambda, LAMBDA_ENV, ROOT } from '../../bench/lambda-bundle.ts';

// Inside the project, so that the bundles find the AWS SDK in node_modules as they find the runtime's.
const cache = path.join(ROOT, 'node_modules', '.cache');
// Every function the stacks deploy, the deploy-time custom resource's included.
const FUNCTIONS = Object.keys(LAMBDA_ENTRIES) as (keyof typeof LAMBDA_ENTRIES)[];

describe('the Lambda bundles', () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(cache, { recursive: true }); // npm ci leaves no .cache behind
    dir = mkdtempSync(path.join(cache, 'bundles-'));
    writeFileSync(
      path.join(dir, 'load.mjs'),
      // The entry, then every chunk it may load on demand (a broken chunk would otherwise fail
      // only when its first request comes).
      [
        'const [entry, ...chunks] = process.argv.slice(2);',
        'const m = await import(entry);',
        'for (const c of chunks) await import(c);',
        "process.stdout.write(typeof m.handler + ' ' + chunks.length);",
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(FUNCTIONS)(
    '%s and its chunks load with its deployed environment, export a handler, load http as CommonJS, never require, weigh ≤ 1 MB',
    async (fn) => {
      // Prepare
      const bundle = await bundleLambda(LAMBDA_ENTRIES[fn], path.join(dir, fn));
      // Act
      const chunks = bundle.files.filter((f) => f !== bundle.file);
      const loaded = execFileSync(process.execPath, [path.join(dir, 'load.mjs'), bundle.file, ...chunks], {
        env: { ...LAMBDA_ENV, POWERTOOLS_SERVICE_NAME: fn },
        encoding: 'utf8',
      });
      // Assess
      expect(loaded).toBe(`function ${chunks.length}`);
      expect(bundle.esmBuiltins).not.toContain('node:http');
      for (const file of bundle.files) expect(readFileSync(file, 'utf8')).not.toMatch(/\b__require\(/);
      expect(bundle.totalBytes).toBeLessThanOrEqual(1024 * 1024);
    },
  );

  it('leaves what few requests need to chunks a cold start does not read', async () => {
    // Prepare
    const names = (files: string[]) => files.map((f) => path.basename(f));
    // Act
    const agentApi = await bundleLambda(LAMBDA_ENTRIES.agentApi, path.join(dir, 'split-agentApi'));
    const triage = await bundleLambda(LAMBDA_ENTRIES.triage, path.join(dir, 'split-triage'));
    // Assess: the agent API's re-triage and HTML-only mail's converter wait for their first use
    expect(names(agentApi.files)).toEqual(expect.arrayContaining([expect.stringMatching(/^triage-/)]));
    expect(names(agentApi.initFiles).filter((f) => /^(triage|html-to-text)-/.test(f))).toEqual([]);
    expect(names(triage.files)).toEqual(expect.arrayContaining([expect.stringMatching(/^html-to-text-/)]));
    expect(names(triage.initFiles).filter((f) => f.startsWith('html-to-text-'))).toEqual([]);
  });

  it('are what the stack deploys: each entry bundled into an asset of its own at synth, chunks and all', () => {
    // Prepare
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    const stack = new Stack(app, 'Bundling');
    for (const fn of ['sendingEvents', 'agentApi'] as const)
      new LambdaFunction(stack, fn, {
        code: lambdaCode(LAMBDA_ENTRIES[fn]),
        handler: 'index.handler',
        runtime: Runtime.NODEJS_24_X,
      });
    // Act
    const assembly = app.synth();
    // Assess
    const resources = Object.values(assembly.getStackByName('Bundling').template.Resources) as {
      Type: string;
      Properties: { Code?: { S3Key: string } };
    }[];
    const assets = resources
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => path.join(assembly.directory, `asset.${r.Properties.Code?.S3Key.replace(/\.zip$/, '')}`));
    expect(new Set(assets).size).toBe(2);
    const [sendingEvents, agentApi] = assets as [string, string];
    expect(readdirSync(sendingEvents)).toEqual(['index.mjs']);
    expect(readdirSync(agentApi).sort()).toEqual(['chunks', 'index.mjs']);
    expect(readdirSync(path.join(agentApi, 'chunks'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^triage-.*\.mjs$/)]),
    );
  });
});
