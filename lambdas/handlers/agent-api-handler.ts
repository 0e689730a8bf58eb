/**
 * The agent API Lambda's handler: routes (Powertools event-handler HTTP router) over the AgentApi
 * use cases. Agent routes read the caller from the JWT claims API Gateway's authorizer verified
 * (Cognito on AWS; the local server verifies its own tokens and fills the same place). Errors map
 * to 4xx JSON bodies `{error, message}`; bad input is never a 500.
 */
import { MethodNotAllowedError, NotFoundError, Router } from '@aws-lambda-powertools/event-handler/http';
import type { RequestContext } from '@aws-lambda-powertools/event-handler/types';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { z } from 'zod';
import { type Agent, AgentApi, type AgentApiDeps } from '#app/agent-api.ts';
import { AppError, type AppErrorKind } from '#app/errors.ts';
import { isTicketRef } from '#core/ticket.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import { RESPONSES } from './api-views.ts';
import { instrument, logger, metrics } from './observability.ts';

/** HTTP status and error name per use-case error kind. */
const HTTP_ERRORS: Record<AppErrorKind, [number, string]> = {
  InvalidInput: [400, 'BadRequest'],
  Unauthenticated: [401, 'Unauthorized'],
  Forbidden: [403, 'Forbidden'],
  NotFound: [404, 'NotFound'],
  Conflict: [409, 'Conflict'],
};

const SUPERVISOR_GROUP = 'supervisor';
const QUEUE_GROUP_PREFIX = 'queue-';

/** Cognito puts groups in `cognito:groups`; API Gateway flattens arrays to "[a b]". */
export function groupsFromClaim(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function agentFromClaims(claims: Record<string, unknown> | undefined): Agent {
  const id = claims?.['cognito:username'] ?? claims?.username ?? claims?.sub;
  if (!claims || typeof id !== 'string' || !id) throw new AppError('Unauthenticated', 'missing or invalid token');
  const groups = groupsFromClaim(claims['cognito:groups']);
  const queues = groups
    .filter((g) => g.startsWith(QUEUE_GROUP_PREFIX))
    .map((g) => g.slice(QUEUE_GROUP_PREFIX.length))
    .filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c));
  return { id, queues, supervisor: groups.includes(SUPERVISOR_GROUP) };
}

const CategoryParam = z.enum(CATEGORIES);
const ResolveBody = z.object({ reply: z.string().trim().min(1).max(10_000) });
/** Why, for the audit trail: optional, short. */
const Reason = z.string().trim().min(1).max(500).optional();
const ReassignBody = z.object({ category: z.enum(CATEGORIES), reason: Reason });
const ReleaseBody = z.object({ reason: Reason });
/** The fields an agent may correct: at least one. */
const FieldsBody = z
  .object({ cardNumber: z.string().max(40).optional(), phone: z.string().max(40).optional() })
  .strict()
  .refine((b) => b.cardNumber !== undefined || b.phone !== undefined, 'give cardNumber or phone');
const NoteBody = z.object({ text: z.string().trim().min(1).max(5_000) });

function json(status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** 200 with the body in its documented shape (see api-views.ts). */
const ok = <S extends z.ZodType>(shape: S, body: z.input<S>) => json(200, shape.parse(body));

async function bodyOf<T extends z.ZodType>(
  reqCtx: RequestContext,
  schema: T,
  { optional = false } = {},
): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    const text = await reqCtx.req.text();
    raw = optional && text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('InvalidInput', 'body must be JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new AppError('InvalidInput', z.prettifyError(r.error).replace(/\s+/g, ' '));
  return r.data;
}

function refParam(reqCtx: RequestContext): string {
  const ref = (reqCtx.params.ref ?? '').toUpperCase();
  if (!isTicketRef(ref)) throw new AppError('InvalidInput', 'ticket reference must look like PRK-XXXXXXXX');
  return ref;
}

function agentOf(reqCtx: RequestContext): Agent {
  const event = reqCtx.event as APIGatewayProxyEventV2WithJWTAuthorizer;
  return agentFromClaims(event.requestContext?.authorizer?.jwt?.claims as Record<string, unknown> | undefined);
}

/** Work lists: overview and claiming. */
function queueRoutes(app: Router, service: AgentApi): void {
  app.get('/queues', async (reqCtx) => ok(RESPONSES.QueueList, { queues: await service.queues(agentOf(reqCtx)) }));

  app.post('/queues/:category/claim', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const category = CategoryParam.safeParse(reqCtx.params.category);
    if (!category.success) throw new AppError('InvalidInput', `unknown category; one of ${CATEGORIES.join(', ')}`);
    const ticket = await service.claim(agent, category.data);
    metrics.addMetric(ticket ? 'TicketsClaimed' : 'ClaimsEmpty', MetricUnit.Count, 1);
    return ticket ? ok(RESPONSES.TicketEnvelope, { ticket }) : json(204, null);
  });
}

/** Working one ticket: read, lease, resolve, move, annotate. */
function ticketRoutes(app: Router, service: AgentApi): void {
  app.get('/tickets/:ref', async (reqCtx) =>
    ok(RESPONSES.TicketDetail, await service.ticket(agentOf(reqCtx), refParam(reqCtx))),
  );
  app.post('/tickets/:ref/extend', async (reqCtx) =>
    ok(RESPONSES.TicketEnvelope, { ticket: await service.extend(agentOf(reqCtx), refParam(reqCtx)) }),
  );
  app.post('/tickets/:ref/release', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const ref = refParam(reqCtx);
    const { reason } = await bodyOf(reqCtx, ReleaseBody, { optional: true });
    return ok(RESPONSES.TicketEnvelope, { ticket: await service.release(agent, ref, reason ?? null) });
  });
  app.post('/tickets/:ref/resolve', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const ref = refParam(reqCtx);
    const { reply } = await bodyOf(reqCtx, ResolveBody);
    const ticket = await service.resolve(agent, ref, reply);
    metrics.addMetric('TicketsResolved', MetricUnit.Count, 1);
    return ok(RESPONSES.TicketEnvelope, { ticket });
  });
  app.post('/tickets/:ref/reassign', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const ref = refParam(reqCtx);
    const { category, reason } = await bodyOf(reqCtx, ReassignBody);
    return ok(RESPONSES.TicketEnvelope, { ticket: await service.reassign(agent, ref, category, reason ?? null) });
  });
  app.patch('/tickets/:ref/fields', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const ref = refParam(reqCtx);
    const correction = await bodyOf(reqCtx, FieldsBody);
    return ok(RESPONSES.TicketEnvelope, { ticket: await service.correctFields(agent, ref, correction) });
  });
  app.post('/tickets/:ref/note', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const ref = refParam(reqCtx);
    const { text } = await bodyOf(reqCtx, NoteBody);
    await service.note(agent, ref, text);
    return json(201, { ok: true });
  });
}

/** Supervisors: mail triage set aside. Public: the participant's "cek status". */
function opsAndStatusRoutes(app: Router, service: AgentApi): void {
  app.get('/ops/:outcome', async (reqCtx) =>
    ok(RESPONSES.SetAsideList, { items: await service.setAside(agentOf(reqCtx), reqCtx.params.outcome ?? '') }),
  );

  // Same 404 for an unknown ref and a wrong contact.
  app.get('/status/:ref', async (reqCtx) => {
    const ref = (reqCtx.params.ref ?? '').toUpperCase();
    const contact = new URL(reqCtx.req.url).searchParams.get('contact');
    if (!contact) throw new AppError('InvalidInput', 'contact (email or phone) is required');
    if (!isTicketRef(ref)) throw new AppError('NotFound', 'no ticket with that reference and contact');
    return ok(RESPONSES.Status, await service.publicStatus(ref, contact));
  });
}

export function makeAgentRouter(service: AgentApi): Router {
  const app = new Router({ logger });
  queueRoutes(app, service);
  ticketRoutes(app, service);
  opsAndStatusRoutes(app, service);
  app.errorHandler(AppError, async (err) => {
    const [status, error] = HTTP_ERRORS[err.kind];
    return json(status, { error, message: err.message });
  });
  app.errorHandler(NotFoundError, async () => json(404, { error: 'NotFound', message: 'no such route' }));
  app.errorHandler(MethodNotAllowedError, async () =>
    json(405, { error: 'MethodNotAllowed', message: 'method not allowed on this route' }),
  );
  return app;
}

export function makeAgentApiHandler(deps: AgentApiDeps) {
  const app = makeAgentRouter(new AgentApi(deps));
  const resolve = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) =>
    app.resolve(event as never, context);
  return instrument(resolve, { captureResponse: false });
}
