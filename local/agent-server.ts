/**
 * The agent API on a local HTTP server, running the same Lambda handler: each request becomes the
 * API Gateway v2 event, after the checks API Gateway does on AWS — the JWT authorizer on agent
 * routes (401 without a valid token) and throttling on the public routes: the status check, the
 * status page and the survey pages (429). The survey pages (`/survey`) go to their own handler, as
 * their routes go to their own Lambda on AWS.
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
  /** Requests per second refilled into each client's bucket. */
  ratePerSecond: number;
  burst: number;
}

/** The public routes (no token, throttled): the status check, the status page, the survey pages. */
const PUBLIC_ROUTE = /^\/(?:status\/|cek\/|survey$)/;
const SURVEY_ROUTE = /^\/survey$/;

/** Token bucket per client IP (API Gateway throttles per route; good enough locally). */
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

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
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
        if (!throttle.take(sourceIp)) {
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
      const body = await readBody(req);
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
