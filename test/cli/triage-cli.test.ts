import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'mail');

async function triage(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bin/triage.ts', ...args], {
      cwd: ROOT,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('triage CLI', () => {
  it('prints exactly one JSON object per input file, in order, deduplicating across the stream', async () => {
    const files = ['complete.eml', 'bounce.eml', 'resend-other-address.eml'].map((f) => path.join(FIX, f));
    const { code, stdout, stderr } = await triage(['--jsonl', ...files]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => path.basename(l.file))).toEqual(['complete.eml', 'bounce.eml', 'resend-other-address.eml']);
    expect(lines[0]).toMatchObject({
      automated: false,
      category: 'incentive',
      priority: 'high',
      fields: {
        cardNumber: '5412883019672245',
        phone: '+6281319774420',
        email: 'rizky.pratama@example.com',
        name: 'Rizky Pratama',
        nik: null,
      },
      missing: [],
      reply: 'acknowledge',
      duplicateOf: null,
    });
    expect(lines[1]).toMatchObject({ automated: true, category: null, reply: 'none' });
    expect(lines[2]).toMatchObject({ category: 'incentive', duplicateOf: files[0] });
  }, 30_000);

  it('expands a directory in name order', async () => {
    const { stdout } = await triage(['--jsonl', FIX]);
    const names = stdout
      .trim()
      .split('\n')
      .map((l) => path.basename(JSON.parse(l).file));
    expect(names).toEqual([...names].sort());
    expect(names).toContain('latin1-qp.eml');
  }, 30_000);

  it('reports an unreadable file with an error field, processes the rest and exits 1', async () => {
    const missing = path.join(FIX, 'does-not-exist.eml');
    const { code, stdout, stderr } = await triage(['--jsonl', missing, path.join(FIX, 'complete.eml')]);
    expect(code).toBe(1);
    expect(stderr).toContain('does-not-exist.eml: cannot read: ENOENT');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ file: missing, error: 'cannot read: ENOENT' });
    expect(lines[1].category).toBe('incentive');
  }, 30_000);

  it('prints a readable table with personal data masked', async () => {
    const { stdout } = await triage([path.join(FIX, 'complete.eml')]);
    expect(stdout).toMatch(/^file\s+category/);
    expect(stdout).toContain('5412********2245');
    expect(stdout).not.toContain('5412883019672245');
  }, 30_000);
});
