/**
 * The agent API on a local HTTP server, running the same Lambda handler: each request becomes the
 * API Gateway v2 event, after the checks API Gateway does on AWS — the JWT authorizer on agent
 * routes (401 without a valid token), the route-wide throttle on the public routes — the status
 * check, the status page and the survey pages (429) — and the payload limit (413). The per-client
 * limit of the status check is the handler's own, as on AWS. The survey pages (`/survey`) go to
 * their own handler, as their routes go to their own Lambda on AWS.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { renderSurveyProblem } from '#core/pages/survey-page.ts';
import { SURVEY_PAGE_HEADERS } from '#handlers/survey-handler.ts';
import { apiEvent } from './api-event.ts';
import { serveConsole } from './console-server.ts';
import { verifyAgentToken } from './jwt.ts';
import { lambdaContext } from './lambda-context.ts';

export type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface ThrottleOptions {
  /** Requests per second refilled into the bucket. */
  ratePerSecond: number;
  burst: number;
}

/** The public routes (no token, throttled): the status check, the status page, the survey pages. */
const PUBLIC_ROUTE = /^\/(?:status\/|cek\/|survey$)/;
const SURVEY_ROUTE = /^\/survey$/;

/** Token bucket per key: the server keeps one for the status route, as API Gateway throttles per route. */
export class Throttle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly o: ThrottleOptions) {}
  take(client: string, now = Date.now()): boolean {
    const b = this.buckets.get(client) ?? { tokens: this.o.burst, at: now };
    b.tokens = Math.min(this.o.burst, b.tokens + ((now - b.at) / 1000) * this.o.ratePerSecond);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(client, b);
    return ok;
  }
}

/** API Gateway HTTP APIs refuse payloads over 10 MB; so does the local server, before reading more. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createAgentServer(
  handler: ApiHandler,
  throttle = new Throttle({ ratePerSecond: 1, burst: 10 }),
  pages: { survey?: ApiHandler } = {},
): Server {
  return createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    try {
      if (await serveConsole(req, res)) return; // the agents' web console and its local sign-in
      const url = req.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
      let claims: Record<string, unknown> | undefined;
      const survey = SURVEY_ROUTE.test(path) ? pages.survey : undefined;
      if (PUBLIC_ROUTE.test(path)) {
        if (!throttle.take('public-routes')) {
          if (!survey) return send(429, { error: 'TooManyRequests', message: 'slow down' });
          const p = renderSurveyProblem('too-many');
          res.writeHead(p.status, SURVEY_PAGE_HEADERS);
          return res.end(p.html);
        }
      } else {
        const auth = req.headers.authorization ?? '';
        const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
        claims = token ? ((await verifyAgentToken(token)) ?? undefined) : undefined;
        if (!claims) return send(401, { error: 'Unauthorized', message: 'missing, invalid or expired token' });
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      let body: string;
      try {
        body = await readBody(req);
      } catch (err) {
        if (!(err instanceof BodyTooLarge)) throw err;
        res.setHeader('connection', 'close'); // stop reading what is left of the body
        return send(413, { error: 'PayloadTooLarge', message: `body over ${MAX_BODY_BYTES} bytes` });
      }
      const result = await (survey ?? handler)(
        apiEvent({ method: req.method ?? 'GET', url, headers, body: body || undefined, claims, sourceIp }),
        lambdaContext('agent-api'),
      );
      res.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
      res.end(result.body ?? '');
    } catch (err) {
      send(500, { error: 'InternalError', message: (err as Error).name });
    }
  });
}
