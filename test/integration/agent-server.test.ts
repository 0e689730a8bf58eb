/** The local HTTP front of the agent API: what API Gateway does before the handler on AWS. */

import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgentServer, MAX_BODY_BYTES, Throttle } from '#local/agent-server.ts';
import { signAgentToken } from '#local/jwt.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';

let stack: TestStack;
let server: Server;
let base: string;
/**
 * The stack's clock stands still at the start of a minute (a per-client quota counts per minute,
 * so a real clock could cross into the next one between a test's requests), plus this much: a test
 * moves it to the next minute's quota.
 */
const MINUTE_START = Math.floor(Date.now() / 60_000) * 60_000;
let aheadMs = 0;

beforeAll(async () => {
  stack = await startTestStack({ statusRequestsPerMinute: 3, now: () => new Date(MINUTE_START + aheadMs) });
  // Route-wide bucket as API Gateway's route throttle: 6 requests, refilled too slowly to matter here.
  server = createAgentServer(stack.pipeline.agentApi, new Throttle({ ratePerSecond: 0.001, burst: 6 }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await stack?.stop();
});

describe('local agent API server', () => {
  it('serves an agent with a valid token', async () => {
    const token = await signAgentToken({ agent: 'ani', queues: ['incentive'] });
    const r = await fetch(`${base}/queues`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { queues: { category: string }[] }).queues.map((q) => q.category)).toEqual([
      'incentive',
    ]);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not.a.jwt'],
    ['a token signed with another key', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ])('answers 401 for %s', async (_, authorization) => {
    const r = await fetch(`${base}/queues`, { headers: authorization ? { authorization } : {} });
    expect(r.status).toBe(401);
    expect(await r.json()).toEqual({ error: 'Unauthorized', message: 'missing, invalid or expired token' });
  });

  it('answers 401 for an expired token', async () => {
    const token = await signAgentToken({ agent: 'ani', queues: ['incentive'], ttlSeconds: -10 });
    expect((await fetch(`${base}/queues`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('limits the public status route per client, and caps the route for all (429), without a token', async () => {
    // Prepare: two clients on two loopback addresses
    const status = (from: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${base}/status/PRK-ZZZZZZZZ?contact=a@b.c`, { localAddress: from }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject).end();
      });
    // Act
    const guesser = [];
    for (let i = 0; i < 4; i++) guesser.push(await status('127.0.0.1'));
    const other = [await status('127.0.0.2'), await status('127.0.0.2'), await status('127.0.0.2')];
    // Assess: the guesser's fourth is its own limit; the other client's third is the route's cap (6)
    expect(guesser).toEqual([404, 404, 404, 429]);
    expect(other).toEqual([404, 404, 429]);
  });

  it('refuses a body over API Gateway’s 10 MB payload limit (413) without reading it all', async () => {
    const token = await signAgentToken({ agent: 'ani', queues: ['incentive'] });
    const r = await fetch(`${base}/tickets/PRK-ZZZZZZZZ/note`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: string }).error).toBe('PayloadTooLarge');
  });
  it('serves the status page without a token, as HTML, throttled per client like the status route', async () => {
    // Prepare: a server of its own, so its client's allowance is this test's alone
    const pages = createAgentServer(stack.pipeline.agentApi, new Throttle({ ratePerSecond: 0.001, burst: 2 }));
    await new Promise<void>((r) => pages.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/cek/PRK-ZZZZZZZZ`;
    // A look-up counts against the status checks' per-client quota: start a fresh minute for it.
    aheadMs += 60_000;
    try {
      // Act
      const form = await fetch(url);
      const post = await fetch(url, { method: 'POST', body: new URLSearchParams({ kontak: 'peserta@surel.example' }) });
      const third = await fetch(url);

      // Assess
      expect([form.status, post.status, third.status]).toEqual([200, 404, 429]);
      expect(form.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(form.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await form.text()).toContain('<form method="post">');
      expect(await post.text()).toContain('Kami tidak menemukan pengaduan');
    } finally {
      await new Promise<void>((r) => pages.close(() => r()));
    }
  });
});
