/**
 * The system as the infra tests synthesize it: the real wiring (lib/system.ts) with test
 * parameters, cdk.json's context, and Lambda bundling skipped (the templates are what is
 * asserted; `npm run synth` bundles).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildSystem, type SystemParameters } from '#lib/system.ts';

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const cdkJson = JSON.parse(readFileSync(path.join(ROOT, 'cdk.json'), 'utf8'));

export const PARAMS: SystemParameters = {
  prefix: 'prk-test',
  region: 'ap-southeast-1',
  account: '123456789012',
  domain: 'prakerja.example.id',
  recipient: 'pengaduan@prakerja.example.id',
  rawMailRetentionDays: 180,
  logRetentionDays: 90,
  alarmEmail: 'ops@prakerja.example.id',
};

/** A stand-in for web/dist (the console site deploys whatever the build produced). */
export function builtConsole(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-abc.js"></script>',
  );
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

export function synthSystem(overrides: Partial<SystemParameters> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-test-'));
  const app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildSystem(app, { ...PARAMS, ...overrides }, { siteDirectory: builtConsole() });
  return { app, outdir, ...stacks };
}

/** Renders CloudFormation intrinsics to text (partition as `aws`), so ARNs can be compared as strings. */
export function flat(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(flat);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(flat).join(sep);
    }
    if ('Ref' in o) return o.Ref === 'AWS::Partition' ? 'aws' : `<${o.Ref}>`;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, flat(x)]));
  }
  return v;
}
