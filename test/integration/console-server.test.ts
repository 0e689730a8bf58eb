/**
 * The console's local serving (local/console-server.ts) and sign-in token issuer, over HTTP: the
 * built files with their security headers, config.json in local mode, tokens for valid requests
 * and 400s for bad ones; and, through the agent API server's hook, the API still guarded.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAgentServer } from '#local/agent-server.ts';
import { serveConsole } from '#local/console-server.ts';
import { verifyAgentToken } from '#local/jwt.ts';

let dist: string;
let server: Server;
let base: string;

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>konsol</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'export {}');
  server = createServer(async (req, res) => {
    if (!(await serveConsole(req, res, dist))) {
      res.writeHead(418);
      res.end('api');
    }
  });
  base = await listen(server);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('console serving', () => {
  it('serves the page with a strict CSP and revalidation, hashed assets cached for a year', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('konsol');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const js = await fetch(`${base}/assets/index-abc.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
  });

  it('tells the page it runs locally, with the API on the same origin', async () => {
    await expect((await fetch(`${base}/config.json`)).json()).resolves.toEqual({ mode: 'local', apiUrl: '' });
  });

  it('leaves every other path to the API and serves nothing outside the build', async () => {
    expect((await fetch(`${base}/queues`)).status).toBe(418);
    expect((await fetch(`${base}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const empty = createServer(async (req, res) => {
      await serveConsole(req, res, mkdtempSync(path.join(tmpdir(), 'no-dist-')));
    });
    const url = await listen(empty);
    const r = await fetch(`${url}/`);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('npm run build:web');
    await new Promise<void>((resolve) => empty.close(() => resolve()));
  });
});

describe('local sign-in token issuer', () => {
  it('issues a token naming the agent, the queue groups and supervisor', async () => {
    const r = await post(`${base}/local/token`, { agent: 'ani.w', queues: ['incentive', 'fraud'], supervisor: true });
    expect(r.status).toBe(200);
    const { token } = (await r.json()) as { token: string };
    await expect(verifyAgentToken(token)).resolves.toMatchObject({
      'cognito:username': 'ani.w',
      'cognito:groups': ['queue-incentive', 'queue-fraud', 'supervisor'],
    });
  });

  it('answers bad requests with a 400 and a message, never a token', async () => {
    for (const body of [{ agent: 'two words', queues: [] }, { agent: 'ani', queues: ['nope'] }, { queues: [] }]) {
      const r = await post(`${base}/local/token`, body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: 'BadRequest', message: expect.any(String) });
    }
    const notJson = await fetch(`${base}/local/token`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${base}/local/token`)).status).toBe(405);
  });

  it('is reached through the agent API server, whose API routes still require a token', async () => {
    const api = createAgentServer(async () => ({ statusCode: 200, body: '{}' }));
    const url = await listen(api);
    const r = await post(`${url}/local/token`, { agent: 'budi', queues: ['general'] });
    expect(r.status).toBe(200);
    expect((await fetch(`${url}/queues`)).status).toBe(401);
    const { token } = (await r.json()) as { token: string };
    expect((await fetch(`${url}/queues`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await new Promise<void>((resolve) => api.close(() => resolve()));
  });
});
