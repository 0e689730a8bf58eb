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
import { type Agent, AgentApi, type AgentApiDeps } from '#app/agent-api.ts';
import { CannedResponsesApi, type CannedResponsesDeps } from '#app/canned-responses.ts';
import { AppError, type AppErrorKind } from '#app/errors.ts';
import { IncidentDesk } from '#app/incidents.ts';
import { Ops } from '#app/ops.ts';
import { isTicketRef } from '#core/ticket.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import * as z from '#lambdas/zod.ts';
import { WORK_QUEUES } from '#ports';
import { RESPONSES } from './api-views.ts';
import { clientOf } from './client-ip.ts';
import { instrument, logger, metrics } from './observability.ts';
import { statusPageRoutes } from './public-pages.ts';

/** HTTP status and error name per use-case error kind. */
const HTTP_ERRORS: Record<AppErrorKind, [number, string]> = {
  InvalidInput: [400, 'BadRequest'],
  Unauthenticated: [401, 'Unauthorized'],
  Forbidden: [403, 'Forbidden'],
  NotFound: [404, 'NotFound'],
  Conflict: [409, 'Conflict'],
  Unprocessable: [422, 'Unprocessable'],
  TooManyRequests: [429, 'TooManyRequests'],
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

/** Text an agent typed: trimmed, not empty, at most `max` characters. */
const typed = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

const CategoryParam = z.enum(CATEGORIES);
const ResolveBody = z.object({ reply: typed(10_000) });
/** Why, for the audit trail: optional, short. */
const Reason = z.optional(typed(500));
const ReassignBody = z.object({ category: z.enum(CATEGORIES), reason: Reason });
const ReleaseBody = z.object({ reason: Reason });
/** The fields an agent may correct: at least one. */
const FieldsBody = z
  .strictObject({
    cardNumber: z.optional(z.string().check(z.maxLength(40))),
    phone: z.optional(z.string().check(z.maxLength(40))),
  })
  .check(z.refine((b) => b.cardNumber !== undefined || b.phone !== undefined, 'give cardNumber or phone'));
const NoteBody = z.object({ text: typed(5_000) });
const AcceptBody = z.object({
  reply: typed(10_000),
  afterwards: z.enum(['resolve', 'wait']),
});
const INCIDENT_ID = /^SRG-[0-9A-Z]{1,16}$/;
const AskBody = z.object({ message: typed(10_000) });
const CannedBody = z.object({ title: typed(120), body: typed(10_000) });
const CANNED_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PARTICIPANT_KEYS = ['card', 'phone', 'email'] as const;

function json(status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** 200 with the body in its documented shape (see api-views.ts). */
const ok = <S extends z.ZodMiniType>(shape: S, body: z.input<S>) => json(200, shape.parse(body));

async function bodyOf<T extends z.ZodMiniType>(
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

function query(reqCtx: RequestContext): URLSearchParams {
  return new URL(reqCtx.req.url).searchParams;
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

const QueueParam = z.enum(WORK_QUEUES);
const RedriveBody = z.object({
  queue: QueueParam,
  ids: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(1000))),
});
const RetriageBody = z.object({ person: z._default(z.boolean(), false) });
const LimitParam = z._default(z.coerce.number().check(z.whole, z.gte(1), z.lte(100)), 50);

/** The console: who is signed in, get next over all queues, ask, the participant's other tickets. */
function consoleRoutes(app: Router, service: AgentApi): void {
  app.get('/me', async (reqCtx) => ok(RESPONSES.Me, service.me(agentOf(reqCtx))));

  app.post('/work/next', async (reqCtx) => {
    const ticket = await service.next(agentOf(reqCtx));
    metrics.addMetric(ticket ? 'TicketsClaimed' : 'ClaimsEmpty', MetricUnit.Count, 1);
    return ticket ? ok(RESPONSES.TicketEnvelope, { ticket }) : json(204, null);
  });

  app.post('/tickets/:ref/ask', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const ref = refParam(reqCtx);
    const { message } = await bodyOf(reqCtx, AskBody);
    return ok(RESPONSES.TicketEnvelope, { ticket: await service.ask(agent, ref, message) });
  });

  app.get('/participants/tickets', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const q = query(reqCtx);
    const given = PARTICIPANT_KEYS.filter((k) => q.has(k));
    const kind = given[0];
    if (given.length !== 1 || !kind) throw new AppError('InvalidInput', 'give exactly one of card, phone or email');
    const items = await service.participantTickets(agent, kind, q.get(kind) ?? '');
    return ok(RESPONSES.TicketSummaryList, { items });
  });
}

/** Supervisors: who holds what, what is overdue, search. */
function supervisorRoutes(app: Router, service: AgentApi): void {
  app.get('/supervisor/claims', async (reqCtx) =>
    ok(RESPONSES.ClaimList, { items: await service.claims(agentOf(reqCtx)) }),
  );
  app.get('/supervisor/overdue', async (reqCtx) =>
    ok(RESPONSES.TicketSummaryList, { items: await service.overdue(agentOf(reqCtx)) }),
  );
  app.get('/search', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    return ok(RESPONSES.TicketSummaryList, { items: await service.search(agent, query(reqCtx).get('q') ?? '') });
  });
}

/** Canned responses: every agent reads them, supervisors write them. */
function cannedRoutes(app: Router, canned: CannedResponsesApi): void {
  const idParam = (reqCtx: RequestContext) => {
    const id = reqCtx.params.id ?? '';
    if (!CANNED_ID.test(id)) throw new AppError('InvalidInput', 'not a canned response id');
    return id;
  };
  app.get('/canned-responses', async (reqCtx) =>
    ok(RESPONSES.CannedResponseList, { items: await canned.list(agentOf(reqCtx)) }),
  );
  app.post('/canned-responses', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const text = await bodyOf(reqCtx, CannedBody);
    return json(201, RESPONSES.CannedResponse.parse(await canned.create(agent, text)));
  });
  app.put('/canned-responses/:id', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const id = idParam(reqCtx);
    const text = await bodyOf(reqCtx, CannedBody);
    return ok(RESPONSES.CannedResponse, await canned.update(agent, id, text));
  });
  app.delete('/canned-responses/:id', async (reqCtx) => {
    await canned.remove(agentOf(reqCtx), idParam(reqCtx));
    return json(204, null);
  });
}

function limitOf(reqCtx: RequestContext): number {
  const r = LimitParam.safeParse(query(reqCtx).get('limit') ?? undefined);
  if (!r.success) throw new AppError('InvalidInput', 'limit must be a whole number from 1 to 100');
  return r.data;
}

/** Supervisors: dead letters, and mail triage did not file (set aside or failed). */
function opsRoutes(app: Router, ops: Ops): void {
  app.get('/ops/dead-letters', async (reqCtx) => {
    const queue = query(reqCtx).get('queue');
    const q = queue === null ? null : QueueParam.safeParse(queue);
    if (q && !q.success) throw new AppError('InvalidInput', `queue must be one of ${WORK_QUEUES.join(', ')}`);
    return ok(RESPONSES.DeadLetterList, await ops.deadLetters(agentOf(reqCtx), q?.data ?? null, limitOf(reqCtx)));
  });
  app.post('/ops/dead-letters/redrive', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const { queue, ids } = await bodyOf(reqCtx, RedriveBody);
    return ok(RESPONSES.Redriven, await ops.redrive(agent, queue, ids));
  });
  app.get('/ops/:outcome', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const cursor = query(reqCtx).get('cursor');
    return ok(RESPONSES.SetAsideList, await ops.setAside(agent, reqCtx.params.outcome ?? '', limitOf(reqCtx), cursor));
  });
  app.post('/ops/:inboundId/retriage', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const { person } = await bodyOf(reqCtx, RetriageBody);
    return ok(RESPONSES.Retriaged, await ops.retriage(agent, reqCtx.params.inboundId ?? '', person));
  });
}

/** Public: the participant's "cek status". */
function statusRoutes(app: Router, service: AgentApi): void {
  // Same 404 for an unknown ref and a wrong contact.
  app.get('/status/:ref', async (reqCtx) => {
    const ref = (reqCtx.params.ref ?? '').toUpperCase();
    const contact = query(reqCtx).get('contact');
    if (!contact) throw new AppError('InvalidInput', 'contact (email or phone) is required');
    if (!isTicketRef(ref)) throw new AppError('NotFound', 'no ticket with that reference and contact');
    return ok(RESPONSES.Status, await service.publicStatus(ref, contact, clientOf(reqCtx)));
  });
}

function incidentId(reqCtx: RequestContext): string {
  const id = (reqCtx.params.id ?? '').toUpperCase();
  if (!INCIDENT_ID.test(id)) throw new AppError('InvalidInput', 'incident id must look like SRG-XXXXXXX');
  return id;
}

/** Supervisors: surge incidents, what they cover, and the decisions on them. */
function incidentRoutes(app: Router, desk: IncidentDesk): void {
  app.get('/incidents', async (reqCtx) => {
    const status = new URL(reqCtx.req.url).searchParams.get('status');
    return ok(RESPONSES.IncidentList, { items: await desk.list(agentOf(reqCtx), status || null) });
  });
  app.get('/incidents/:id', async (reqCtx) =>
    ok(RESPONSES.IncidentDetail, await desk.detail(agentOf(reqCtx), incidentId(reqCtx))),
  );
  app.get('/incidents/:id/tickets', async (reqCtx) => {
    const query = new URL(reqCtx.req.url).searchParams;
    const limit = Number(query.get('limit') ?? 50);
    const after = query.get('after');
    if (after !== null && !isTicketRef(after)) throw new AppError('InvalidInput', 'after must be a ticket reference');
    const page = await desk.tickets(agentOf(reqCtx), incidentId(reqCtx), limit, after);
    return ok(RESPONSES.IncidentTicketPage, { items: page.tickets, next: page.next });
  });
  app.post('/incidents/:id/accept', async (reqCtx) => {
    const agent = agentOf(reqCtx);
    const id = incidentId(reqCtx);
    const answer = await bodyOf(reqCtx, AcceptBody);
    const incident = await desk.accept(agent, id, answer);
    metrics.addMetric('SurgeIncidentsAccepted', MetricUnit.Count, 1);
    return ok(RESPONSES.IncidentEnvelope, { incident });
  });
  app.post('/incidents/:id/dismiss', async (reqCtx) =>
    ok(RESPONSES.IncidentEnvelope, { incident: await desk.dismiss(agentOf(reqCtx), incidentId(reqCtx)) }),
  );
  app.post('/incidents/:id/close', async (reqCtx) =>
    ok(RESPONSES.IncidentEnvelope, { incident: await desk.close(agentOf(reqCtx), incidentId(reqCtx)) }),
  );
}

/** Supervisors: the satisfaction report (CSAT and response rate per category, agent and day). */
function reportRoutes(app: Router, service: AgentApi): void {
  app.get('/reports/csat', async (reqCtx) => {
    const q = new URL(reqCtx.req.url).searchParams;
    return ok(RESPONSES.CsatReport, await service.csatReport(agentOf(reqCtx), q.get('from'), q.get('to')));
  });
}

export function makeAgentRouter(service: AgentApi, ops: Ops, canned: CannedResponsesApi, desk: IncidentDesk): Router {
  const app = new Router({ logger });
  queueRoutes(app, service);
  ticketRoutes(app, service);
  consoleRoutes(app, service);
  supervisorRoutes(app, service);
  cannedRoutes(app, canned);
  opsRoutes(app, ops);
  statusRoutes(app, service);
  statusPageRoutes(app, service);
  reportRoutes(app, service);
  incidentRoutes(app, desk);
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

export function makeAgentApiHandler(deps: AgentApiDeps & CannedResponsesDeps) {
  const app = makeAgentRouter(
    new AgentApi(deps),
    new Ops(deps.ops),
    new CannedResponsesApi(deps),
    new IncidentDesk(deps.incidents),
  );
  const resolve = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) =>
    app.resolve(event as never, context);
  return instrument(resolve);
}
