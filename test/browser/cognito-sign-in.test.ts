/**
 * The deployed sign-in in a real browser: the console in "cognito" mode against a stand-in for
 * Cognito's managed login (its /oauth2/authorize, /oauth2/token and /logout endpoints on a
 * loopback port). It checks the console's side of the protocol: authorization code with PKCE
 * (S256, the verifier matching the challenge), a public client (no secret), the access token on
 * API calls, and Cognito's logout parameters. The stand-in skips the login form itself.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import { buildAgentApiDeps } from '#lambdas/wiring.ts';
import { createAgentServer } from '#local/agent-server.ts';
import { signAgentToken } from '#local/jwt.ts';
import { AGENT_API_CONFIG } from '../support/configs.ts';
import { type Browser, launchChromium } from './harness.ts';

const SLOW = 120_000;
const CLIENT_ID = 'console-client-test';

let login: Server;
let consoleServer: Server;
let loginUrl: string;
let consoleUrl: string;
let browser: Browser;
const authorizeRequests: URLSearchParams[] = [];
const tokenRequests: URLSearchParams[] = [];
const logoutRequests: URLSearchParams[] = [];
const apiCalls: { path: string; agent: unknown }[] = [];
const codes = new Map<string, { challenge: string; nonce: string | null; redirectUri: string }>();

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  login = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://login');
    const cors = { 'access-control-allow-origin': consoleUrl };
    if (url.pathname === '/oauth2/authorize') {
      authorizeRequests.push(url.searchParams);
      const code = randomUUID();
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        nonce: url.searchParams.get('nonce'),
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
      });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      tokenRequests.push(form);
      const issued = codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!issued || issued.challenge !== challenge || issued.redirectUri !== form.get('redirect_uri')) {
        res.writeHead(400, { 'content-type': 'application/json', ...cors });
        return res.end(JSON.stringify({ error: 'invalid_grant' }));
      }
      const now = Math.floor(Date.now() / 1000);
      const idToken = `${b64url({ alg: 'none' })}.${b64url({
        iss: `${loginUrl}/issuer`,
        aud: CLIENT_ID,
        sub: 'sub-sari',
        'cognito:username': 'sari',
        iat: now,
        exp: now + 3600,
        ...(issued.nonce ? { nonce: issued.nonce } : {}),
      })}.`;
      const accessToken = await signAgentToken({ agent: 'sari', queues: ['incentive'], ttlSeconds: 3600 });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors });
      return res.end(
        JSON.stringify({ access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: 3600 }),
      );
    }
    if (url.pathname === '/logout') {
      logoutRequests.push(url.searchParams);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>signed out</title><h1>Keluar</h1>');
    }
    res.writeHead(404);
    res.end();
  });
  loginUrl = await listen(login);

  // The console served as the local stack serves it, but with the configuration a deploy writes.
  // The real agent API handler, on adapters in memory.
  const handler = makeAgentApiHandler(buildAgentApiDeps(AGENT_API_CONFIG, new MemoryAdapters()));
  const api = createAgentServer(async (event, context) => {
    apiCalls.push({ path: event.rawPath, agent: event.requestContext.authorizer.jwt.claims['cognito:username'] });
    return handler(event, context);
  });
  const serveApi = api.listeners('request')[0] as (req: IncomingMessage, res: unknown) => void;
  consoleServer = createServer((req, res) => {
    if (req.url === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          mode: 'cognito',
          apiUrl: consoleUrl,
          cognito: {
            domain: loginUrl,
            issuer: `${loginUrl}/issuer`,
            clientId: CLIENT_ID,
            redirectUris: [`${consoleUrl}/`],
            scopes: ['openid', 'email', 'profile'],
          },
        }),
      );
    }
    return serveApi(req, res);
  });
  consoleUrl = await listen(consoleServer);
  // The console's CSP names its own origin only; the deployed one adds the login domain (tested in infra).
  browser = await launchChromium({ bypassCSP: true });
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => login.close(() => resolve()));
  await new Promise<void>((resolve) => consoleServer.close(() => resolve()));
});

describe('deployed sign-in (Cognito managed login)', () => {
  it(
    'signs in with authorization code + PKCE as a public client, calls the API with the access token, and signs out at Cognito',
    async () => {
      // Prepare
      const page = await browser.context.newPage();
      await page.goto(consoleUrl);

      // Act: "Masuk" goes to managed login, which comes back with a code
      // (the queues are asked for after the page shows its heading: wait for the answer too)
      const queuesAnswered = page.waitForResponse((r) => new URL(r.url()).pathname === '/queues');
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.getByRole('heading', { name: 'Antrian', exact: true }).waitFor();
      await queuesAnswered;

      // Assess: the authorization request
      expect(authorizeRequests).toHaveLength(1);
      const a = authorizeRequests[0] as URLSearchParams;
      expect(Object.fromEntries(a)).toMatchObject({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: `${consoleUrl}/`,
        scope: 'openid email profile',
        code_challenge_method: 'S256',
      });
      expect(a.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(a.get('state')).toBeTruthy();
      // the token request: the verifier (checked against the challenge above), no secret
      expect(tokenRequests).toHaveLength(1);
      const t = tokenRequests[0] as URLSearchParams;
      expect(t.get('grant_type')).toBe('authorization_code');
      expect(t.get('client_id')).toBe(CLIENT_ID);
      expect(t.get('client_secret')).toBeNull();
      // the API saw the access token's agent; the code is gone from the address bar
      expect(apiCalls.some((c) => c.path === '/queues' && c.agent === 'sari')).toBe(true);
      await expect(page.getByText('sari', { exact: true }).count()).resolves.toBe(1);
      expect(new URL(page.url()).search).toBe('');

      // Act: sign out
      await page.getByRole('button', { name: 'Keluar', exact: true }).click();
      await page.waitForURL(`${loginUrl}/logout?**`);

      // Assess: Cognito's logout parameters
      expect(Object.fromEntries(logoutRequests[0] ?? [])).toEqual({
        client_id: CLIENT_ID,
        logout_uri: `${consoleUrl}/`,
      });
      await page.close();
    },
    SLOW,
  );
});
