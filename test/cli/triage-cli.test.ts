import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BOUNCE, COMPLETE, LARAS, RESEND_OTHER_ADDRESS, TRAINING } from '../support/mails.ts';

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, '..', '..');
let dir: string;
const file = (name: string) => path.join(dir, `${name}.eml`);

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
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'triage-cli-'));
  for (const m of [COMPLETE, BOUNCE, RESEND_OTHER_ADDRESS, TRAINING]) await writeFile(file(m.name), await m.raw());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('triage CLI', () => {
  it('prints exactly one JSON object per input file, in order, deduplicating across the stream', async () => {
    const files = [COMPLETE, BOUNCE, RESEND_OTHER_ADDRESS].map((m) => file(m.name));
    const { code, stdout, stderr } = await triage(['--jsonl', ...files]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.map((l) => l.file)).toEqual(files);
    expect(lines[0]).toMatchObject({
      outcome: 'created',
      automated: false,
      category: 'incentive',
      priority: 'high',
      fields: { cardNumber: LARAS.card, phone: LARAS.phone, email: LARAS.address, name: LARAS.name, nik: null },
      missing: [],
      reply: 'acknowledge',
      duplicateOf: null,
    });
    expect(lines[1]).toMatchObject({ outcome: 'automated', automated: true, category: null, reply: 'none' });
    // The resend comes from another address: a ticket of its own, reported as a duplicate of the first.
    expect(lines[2]).toMatchObject({ outcome: 'created', category: 'incentive', duplicateOf: files[0] });
  }, 30_000);

  it('expands a directory in name order', async () => {
    const names = jsonLines((await triage(['--jsonl', dir])).stdout).map((l) => path.basename(l.file));
    expect(names).toEqual(['bounce.eml', 'complete.eml', 'resend-other-address.eml', 'training.eml']);
  }, 30_000);

  it('reports an unreadable file with an error field, processes the rest and exits 1', async () => {
    const missing = file('does-not-exist');
    const { code, stdout, stderr } = await triage(['--jsonl', missing, file(TRAINING.name)]);
    expect(code).toBe(1);
    expect(stderr).toContain('does-not-exist.eml: cannot read: ENOENT');
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ file: missing, error: 'cannot read: ENOENT' });
    expect(lines[1].category).toBe('training');
  }, 30_000);

  it('prints a readable table with personal data masked', async () => {
    const { stdout } = await triage([file(COMPLETE.name)]);
    expect(stdout).toMatch(/^file\s+category/);
    expect(stdout).toContain('6203********2096');
    expect(stdout).not.toContain(LARAS.card);
  }, 30_000);
});
