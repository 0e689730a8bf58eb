/**
 * `npm run ops` against the local agent API server (the handler npm start runs, on adapters in
 * memory): lists mail set aside page by page, makes a ticket of a person's mail, lists dead
 * letters with why, and moves them back to work.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import { makeTriageHandler } from '#handlers/triage-handler.ts';
import { buildAgentApiDeps, buildTriageDeps } from '#lambdas/wiring.ts';
import { createAgentServer, Throttle } from '#local/agent-server.ts';
import { signAgentToken } from '#local/jwt.ts';
import { runOps } from '#local/ops-cli.ts';
import { AGENT_API_CONFIG, TRIAGE_CONFIG } from '../support/configs.ts';
import { notification, snsEnvelope, sqsEvent, sqsRecord } from '../support/inbound.ts';
import { lambdaContext } from '../support/lambda.ts';
import { mime } from '../support/mime.ts';

const NOW = new Date('2024-05-20T03:00:00.000Z');
const BUCKET = 'prakerja-mail-123456789012';

let memory: MemoryAdapters;
let server: Server;
let api: string;
beforeEach(async () => {
  memory = new MemoryAdapters(() => NOW);
  server = createAgentServer(
    makeAgentApiHandler(buildAgentApiDeps(AGENT_API_CONFIG, memory, () => NOW)),
    new Throttle({ ratePerSecond: 100, burst: 100 }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** Runs `npm run ops -- …` against the test server; its lines out, its lines err and its exit code. */
async function ops(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOps([...argv, '--api', api], {
    fetch,
    env: {},
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err };
}

async function receive(id: string, raw: Buffer) {
  memory.mail.put(BUCKET, `inbound/${id}`, raw);
  const triage = makeTriageHandler(buildTriageDeps(TRIAGE_CONFIG, memory, () => NOW));
  await triage(sqsEvent(sqsRecord(snsEnvelope(notification({ messageId: id })), `sqs-${id}`)), lambdaContext('t'));
}

const bulk = (text: string) =>
  mime({ from: 'Bayu <bayu.pratama@surel.example>', text, headers: { Precedence: 'bulk' } });

describe('npm run ops', () => {
  it('lists mail set aside a page at a time, or every page with --all', async () => {
    // Prepare
    for (let i = 0; i < 3; i++) await receive(`promo-${i}`, await bulk(`promo ${i}`));

    // Act
    const page = await ops('list', 'automated', '--limit', '2');
    const all = await ops('list', 'automated', '--limit', '2', '--all');

    // Assess
    expect(page.code).toBe(0);
    expect(page.out).toHaveLength(2);
    expect(page.err[0]).toMatch(/^more: --cursor /);
    expect(all.out.map((r) => r.inboundId).sort()).toEqual(['promo-0', 'promo-1', 'promo-2']);
  });

  it('finds npm start on the API port it was given when no --api is passed', async () => {
    // Prepare
    await receive('promo-port', await bulk('promo on a port'));
    const port = new URL(api).port;

    // Act
    const out: string[] = [];
    const code = await runOps(['list', 'automated'], {
      fetch,
      env: { API_PORT: port },
      out: (l) => out.push(l),
      err: () => {},
    });

    // Assess
    expect(code).toBe(0);
    expect(out.map((l) => (JSON.parse(l) as { inboundId: string }).inboundId)).toEqual(['promo-port']);
  });

  it('makes a ticket of a person’s mail that was set aside, and says what it became', async () => {
    // Prepare
    await receive(
      'bayu',
      await bulk('Insentif saya belum masuk.\nKartu Prakerja 6601 2274 8830 1157\nHP 0813 5521 7740'),
    );

    // Act
    const r = await ops('retriage', 'bayu', '--person');

    // Assess
    expect(r.code).toBe(0);
    expect(r.out).toEqual([expect.objectContaining({ inboundId: 'bayu', outcome: 'created', reply: 'acknowledge' })]);
    expect(await memory.work.get(String(r.out[0]?.ticketRef))).toMatchObject({ status: 'ready' });
    expect((await ops('list', 'automated')).out).toEqual([]);
  });

  it('lists dead letters with why, and moves them back to their work queue', async () => {
    // Prepare
    await memory.dead.put(
      'inbound',
      '{"not":"a notification"}',
      'InvalidRecord: not an SES notification',
      NOW.toISOString(),
    );

    // Act
    const listed = await ops('dead-letters');
    const moved = await ops('redrive', '--queue', 'inbound');

    // Assess
    expect(listed.out).toEqual([
      expect.objectContaining({ queue: 'inbound', reason: 'InvalidRecord: not an SES notification' }),
    ]);
    expect(moved.out).toEqual([{ moved: 1 }]);
    expect((await ops('dead-letters')).out).toEqual([]);
  });

  it('says what went wrong: an unknown command, a bad outcome, an agent who is not a supervisor', async () => {
    expect((await ops('frobnicate')).code).toBe(2);
    const bad = await ops('list', 'created');
    expect([bad.code, bad.err[0]]).toEqual([1, expect.stringMatching(/^400: outcome must be one of/)]);
    const agent = await signAgentToken({ agent: 'dewi', queues: ['incentive'] });
    const forbidden = await ops('dead-letters', '--token', agent);
    expect([forbidden.code, forbidden.err[0]]).toEqual([1, expect.stringMatching(/^403: /)]);
  });
});
