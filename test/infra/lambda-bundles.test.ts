/**
 * Each Lambda bundled as the CDK bundles it (lib/bundling.ts) must load in a fresh Node process
 * with its deployed environment, and must not import `node:http` as an ES module: that import
 * makes Node load its fetch client, http2 and tls on every cold start (lib/bundling.ts). Nor may
 * it call `require`: an ES module bundle has none, so esbuild's stand-in would throw "Dynamic
 * require … is not supported" when the CommonJS code calling it first runs, maybe long after init.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LAMBDA_ENTRIES } from '#lib/entries.ts';
import { bundleLambda, LAMBDA_ENV, ROOT } from '../../bench/lambda-bundle.ts';

// Inside the project, so that the bundles find the AWS SDK in node_modules as they find the runtime's.
const cache = path.join(ROOT, 'node_modules', '.cache');
const FUNCTIONS = ['triage', 'mailer', 'agentApi', 'sweeper', 'survey', 'surge', 'sendingEvents'] as const;

describe('the Lambda bundles', () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(cache, { recursive: true }); // npm ci leaves no .cache behind
    dir = mkdtempSync(path.join(cache, 'bundles-'));
    writeFileSync(
      path.join(dir, 'load.mjs'),
      'const m = await import(process.argv[2]); process.stdout.write(typeof m.handler);',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(FUNCTIONS)(
    '%s loads with its deployed environment and exports a handler, with http loaded as CommonJS and no require',
    async (fn) => {
      // Prepare
      const bundle = await bundleLambda(LAMBDA_ENTRIES[fn], path.join(dir, fn));
      // Act
      const exported = execFileSync(process.execPath, [path.join(dir, 'load.mjs'), bundle.file], {
        env: { ...LAMBDA_ENV, POWERTOOLS_SERVICE_NAME: fn },
        encoding: 'utf8',
      });
      // Assess
      expect(exported).toBe('function');
      expect(bundle.esmBuiltins).not.toContain('node:http');
      expect(readFileSync(bundle.file, 'utf8')).not.toMatch(/\b__require\(/);
    },
  );
});
