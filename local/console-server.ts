/**
 * Serves the agents' console on the local agent API's port (same origin, so no CORS): the built
 * single-page app from web/dist, `/config.json` in local mode, and the local sign-in's token
 * issuer at POST /local/token. Anything else is left to the API (returns false).
 * The response headers match what CloudFront adds on AWS (lib/constructs/console-site.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { issueLocalToken } from './console-token.ts';

export const CONSOLE_DIST = path.join(import.meta.dirname, '..', 'web', 'dist');

/** Same policy as deployed, with the API on the same origin. */
export const LOCAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': LOCAL_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="id"><meta charset="utf-8"><title>Konsol belum dibangun</title>
<h1>Konsol belum dibangun</h1><p>Jalankan <code>npm run build:web</code> lalu muat ulang halaman ini.</p></html>`;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 10_000) throw new RangeError('body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...headers });
  res.end(body);
}

/** The file under `dist` a request path names, or null (outside it, hidden, or not a file). */
async function fileFor(dist: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.join(dist, path.normalize(decoded === '/' ? '/index.html' : decoded));
  if (!file.startsWith(dist + path.sep) || path.basename(file).startsWith('.')) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Handles the console's requests; false for anything else (the agent API answers those).
 * `dist` is where the built console is (web/dist; tests may point elsewhere).
 */
export async function serveConsole(req: IncomingMessage, res: ServerResponse, dist = CONSOLE_DIST): Promise<boolean> {
  const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
  const method = req.method ?? 'GET';

  if (urlPath === '/local/token') {
    if (method !== 'POST') {
      send(res, 405, 'application/json', JSON.stringify({ error: 'MethodNotAllowed', message: 'POST only' }), {
        allow: 'POST',
      });
      return true;
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      send(res, 413, 'application/json', JSON.stringify({ error: 'BadRequest', message: 'body too large' }));
      return true;
    }
    const r = await issueLocalToken(body);
    send(res, r.status, 'application/json', JSON.stringify(r.body), { 'cache-control': 'no-store' });
    return true;
  }
  if (method !== 'GET' && method !== 'HEAD') return false;

  if (urlPath === '/config.json') {
    send(res, 200, 'application/json', JSON.stringify({ mode: 'local', apiUrl: '' }), { 'cache-control': 'no-store' });
    return true;
  }
  if (urlPath !== '/' && urlPath !== '/index.html' && !urlPath.startsWith('/assets/')) return false;

  const file = await fileFor(dist, urlPath);
  if (!file) {
    if (urlPath.startsWith('/assets/')) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found');
      return true;
    }
    send(res, 503, 'text/html; charset=utf-8', NOT_BUILT, { 'cache-control': 'no-store' });
    return true;
  }
  const hashed = urlPath.startsWith('/assets/');
  const content = await readFile(file);
  send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', method === 'HEAD' ? '' : content, {
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(method === 'HEAD' ? { 'content-length': String(content.length) } : {}),
  });
  return true;
}
