/** Calls the agent API handler the way API Gateway would, with claims from a real local token. */
import type { Category } from '#core/types.ts';
import type { ApiHandler } from '#local/agent-server.ts';
import { apiEvent } from '#local/api-event.ts';
import { signAgentToken, verifyAgentToken } from '#local/jwt.ts';
import { lambdaContext } from './lambda.ts';
import { documentedResponses } from './openapi.ts';

export interface Caller {
  agent: string;
  queues: Category[];
  supervisor?: boolean;
}

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export function apiClient(handler: ApiHandler) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    url: string,
    opts: { as?: Caller; body?: unknown } = {},
  ): Promise<ApiResult<T>> {
    const claims = opts.as ? ((await verifyAgentToken(await signAgentToken(opts.as))) ?? undefined) : undefined;
    const r = await handler(
      apiEvent({
        method,
        url,
        claims,
        body:
          opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
      }),
      lambdaContext('agent-api'),
    );
    return { status: r.statusCode ?? 200, body: (r.body ? JSON.parse(r.body) : null) as T };
  };
}

/**
 * `apiClient` whose every answer is checked for store bookkeeping (it must hold none) and against
 * docs/openapi.yaml (its documented shape for that route and status), for tests that go through
 * many routes.
 */
export function checkedApiClient(handler: ApiHandler): ReturnType<typeof apiClient> {
  const api = apiClient(handler);
  const documented = documentedResponses();
  return (async (...args: Parameters<typeof api>) => {
    const r = await api(...args);
    expect(forbiddenKeys(r.body)).toEqual([]);
    expect((await documented).problems(args[0], args[1], r.status, r.body)).toEqual([]);
    return r;
  }) as typeof api;
}

/** Bookkeeping a store keeps for itself; never part of an answer. */
const FORBIDDEN = /^(PK|SK|gsi\d.*|version|inboundIds|recentInbound|lastMessageId|first|type)$/;

export function forbiddenKeys(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenKeys(v, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(FORBIDDEN.test(k) ? [`${at}.${k}`] : []),
    ...forbiddenKeys(v, `${at}.${k}`),
  ]);
}
