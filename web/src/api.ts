/**
 * The one typed client for the agent API (docs/openapi.yaml). Every call the console makes is
 * here, so a renamed route or field is a change in one place. A route an older API does not have
 * answers 404; that becomes an error of kind `NotAvailable`, which pages show as "belum tersedia".
 */

import { categoryValues, type components, type paths } from './api-schema.ts';

// The API's shapes are generated from docs/openapi.yaml (web/src/api-schema.ts, `npm run
// gen:api-types`); the names below only give them the console's words. Never restate a shape here.
type Schemas = components['schemas'];
/** The JSON body a route takes. */
type JsonBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export const CATEGORIES = categoryValues;
export type Category = Schemas['Category'];
export type TicketStatus = Schemas['TicketStatus'];
export type Ticket = Schemas['Ticket'];
export type Priority = Ticket['priority'];
export type Fields = Schemas['Fields'];
export type FieldName = keyof Fields;
export type TicketMessage = Schemas['Message'];
export type Evidence = TicketMessage['evidence'][number];
export type SentReply = Schemas['Reply'];
export type Note = Schemas['Note'];
export type AuditEntry = Schemas['AuditEntry'];
/** What an agent did. */
export type AuditAction = AuditEntry['action'];
export type RelatedTicket = Schemas['Related'];
export type TicketDetail = Schemas['TicketDetail'];
export type QueueStats = Schemas['QueueStats'];
export type Me = Schemas['Me'];
export type TicketSummary = Schemas['TicketSummary'];
export type CannedResponse = Schemas['CannedResponse'];
export type CannedText = Schemas['CannedText'];
export type Claim = Schemas['Claim'];
export type SetAside = Schemas['SetAside'];
export type SetAsideKind = paths['/ops/{outcome}']['get']['parameters']['path']['outcome'];
/** A surge: many participants writing about one new problem, proposed as one incident (docs/surge.md). */
export type Incident = Schemas['Incident'];
export type IncidentStatus = Schemas['IncidentStatus'];
export type IncidentAfterwards = Schemas['IncidentAfterwards'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type IncidentTicket = Schemas['IncidentTicket'];
/** One dead letter (GET /ops/dead-letters): the mail or the reply job that failed, since when, why. */
export type DeadLetter = Schemas['DeadLetter'];
/** Figures of a group of surveys. */
export type CsatFigures = Schemas['CsatFigures'];
/** GET /reports/csat: days are WIB days (a survey counts on the day it was sent). */
export type CsatReport = Schemas['CsatReport'];
export type FieldCorrection = JsonBody<'/tickets/{ref}/fields', 'patch'>;
/**
 * Console-side: one row of the supervisors' list of mail that was not filed, built from a mail set
 * aside (SetAside) or from a dead letter (`deadLetterRow`), so both lists show in one table.
 */
export interface SetAsideMail {
  inboundId: string;
  receivedAt: string;
  outcome: string;
  rawKey?: string;
  ticketRef?: string | null;
  reason?: string | null;
  sender?: string | null;
  subject?: string | null;
}

/** A dead letter as a row of the supervisors' mail list: when it died, who it concerns, what it was. */
export function deadLetterRow(d: DeadLetter): SetAsideMail {
  return {
    inboundId: d.id,
    receivedAt: d.deadSince ?? d.receivedAt ?? '',
    outcome: d.queue,
    rawKey: d.rawKey ?? undefined,
    ticketRef: d.ticketRef,
    reason: d.reason,
    sender: d.sender ?? d.to,
    subject: d.jobId ? `balasan ${d.kind ?? ''} ${d.ticketRef ?? ''}`.trim() : null,
  };
}

export type ApiErrorKind =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'TooManyRequests'
  /** The route is not built yet (404 "no such route" locally, API Gateway's bare 404, or 405). */
  | 'NotAvailable'
  | 'Network'
  | 'Server';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'BadRequest',
  429: 'TooManyRequests',
};

/** How a failed response reads as an error value. Exported for tests. */
export function errorFrom(status: number, body: unknown): ApiError {
  const b = (body && typeof body === 'object' ? body : {}) as { error?: unknown; message?: unknown };
  const message = typeof b.message === 'string' ? b.message : `HTTP ${status}`;
  // The local router answers unknown routes `{error: NotFound, message: "no such route"}`; API Gateway
  // answers routes it does not have `{message: "Not Found"}` (no `error`). Either way: not built yet.
  const missingRoute = status === 404 && (message === 'no such route' || b.error === undefined);
  if (missingRoute || status === 405) return new ApiError('NotAvailable', message, status);
  return new ApiError(KIND_BY_STATUS[status] ?? 'Server', message, status);
}

export interface ApiOptions {
  /** '' for the same origin (local), the API's URL when deployed. */
  baseUrl: string;
  token: () => Promise<string | null>;
  /** Called on 401 (expired or revoked token) before the error is thrown. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export type Api = ReturnType<typeof createApi>;

export function createApi(o: ApiOptions) {
  const doFetch =
    o.fetch ?? ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
    const token = await o.token();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(`${o.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError('Network', (err as Error).message || 'network error', 0);
    }
    const text = await res.text();
    let data: unknown = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    if (!res.ok) {
      if (res.status === 401) o.onUnauthorized?.();
      throw errorFrom(res.status, data);
    }
    return { status: res.status, data: data as T };
  }

  const get = async <T>(path: string) => (await call<T>('GET', path)).data;
  const enc = encodeURIComponent;
  const ticketPath = (ref: string, action?: string) => `/tickets/${enc(ref)}${action ? `/${action}` : ''}`;
  const ticketOrNull = async (method: string, path: string, body?: unknown) => {
    const r = await call<Schemas['TicketEnvelope'] | null>(method, path, body);
    return r.status === 204 || !r.data ? null : r.data.ticket;
  };

  return {
    me: () => get<Me>('/me'),
    queues: async () => (await get<Schemas['QueueList']>('/queues')).queues,
    /** "Get next": the most urgent ticket over all the caller's queues, claimed; null when none is ready. */
    next: () => ticketOrNull('POST', '/work/next'),
    claim: (category: Category) => ticketOrNull('POST', `/queues/${enc(category)}/claim`),
    ticket: (ref: string) => get<TicketDetail>(ticketPath(ref)),
    extend: async (ref: string) =>
      (await call<Schemas['TicketEnvelope']>('POST', ticketPath(ref, 'extend'))).data.ticket,
    release: async (ref: string, reason: string) =>
      (
        await call<Schemas['TicketEnvelope']>('POST', ticketPath(ref, 'release'), { reason } satisfies JsonBody<
          '/tickets/{ref}/release',
          'post'
        >)
      ).data.ticket,
    resolve: async (ref: string, reply: string) =>
      (
        await call<Schemas['TicketEnvelope']>('POST', ticketPath(ref, 'resolve'), { reply } satisfies JsonBody<
          '/tickets/{ref}/resolve',
          'post'
        >)
      ).data.ticket,
    reassign: async (ref: string, category: Category, reason: string) =>
      (
        await call<Schemas['TicketEnvelope']>('POST', ticketPath(ref, 'reassign'), {
          category,
          reason,
        } satisfies JsonBody<'/tickets/{ref}/reassign', 'post'>)
      ).data.ticket,
    /** Sends the message to the participant; the ticket then waits for their answer. */
    ask: async (ref: string, message: string) =>
      (
        await call<Schemas['TicketEnvelope']>('POST', ticketPath(ref, 'ask'), { message } satisfies JsonBody<
          '/tickets/{ref}/ask',
          'post'
        >)
      ).data.ticket,
    note: async (ref: string, text: string) => {
      await call('POST', ticketPath(ref, 'note'), { text } satisfies JsonBody<'/tickets/{ref}/note', 'post'>);
    },
    /** Contract: correct the card number or phone (the participant links follow). */
    correctFields: async (ref: string, change: FieldCorrection) =>
      (await call<Schemas['TicketEnvelope']>('PATCH', ticketPath(ref, 'fields'), change)).data.ticket,
    cannedResponses: async () => (await get<Schemas['CannedResponseList']>('/canned-responses')).items,
    createCanned: async (c: CannedText) => (await call<CannedResponse>('POST', '/canned-responses', c)).data,
    updateCanned: async (id: string, c: CannedText) =>
      (await call<CannedResponse>('PUT', `/canned-responses/${enc(id)}`, c)).data,
    deleteCanned: async (id: string) => {
      await call('DELETE', `/canned-responses/${enc(id)}`);
    },
    supervisorClaims: async () => (await get<Schemas['ClaimList']>('/supervisor/claims')).items,
    supervisorOverdue: async () => (await get<Schemas['TicketSummaryList']>('/supervisor/overdue')).items,
    search: async (q: string) => (await get<Schemas['TicketSummaryList']>(`/search?q=${enc(q)}`)).items,
    setAside: async (kind: SetAsideKind) => (await get<Schemas['SetAsideList']>(`/ops/${enc(kind)}`)).items,
    deadLetters: async () => (await get<Schemas['DeadLetterList']>('/ops/dead-letters')).items.map(deadLetterRow),
    /** Incidents: with no status, every open one and the latest past ones, newest first. */
    incidents: async () => (await get<Schemas['IncidentList']>('/incidents')).items,
    incident: (id: string) => get<IncidentDetail>(`/incidents/${enc(id)}`),
    incidentTickets: async (id: string) =>
      (await get<Schemas['IncidentTicketPage']>(`/incidents/${enc(id)}/tickets?limit=100`)).items,
    /** One answer for all its tickets, now and as new ones join, until it is closed. */
    acceptIncident: async (id: string, reply: string, afterwards: IncidentAfterwards) =>
      (
        await call<Schemas['IncidentEnvelope']>('POST', `/incidents/${enc(id)}/accept`, {
          reply,
          afterwards,
        } satisfies JsonBody<'/incidents/{id}/accept', 'post'>)
      ).data.incident,
    dismissIncident: async (id: string) =>
      (await call<Schemas['IncidentEnvelope']>('POST', `/incidents/${enc(id)}/dismiss`)).data.incident,
    closeIncident: async (id: string) =>
      (await call<Schemas['IncidentEnvelope']>('POST', `/incidents/${enc(id)}/close`)).data.incident,
    csat: (from: string, to: string) => get<CsatReport>(`/reports/csat?from=${enc(from)}&to=${enc(to)}`),
  };
}

/** The local stack's sign-in (local/console-token.ts): a development token for any agent. */
export async function localSignIn(
  baseUrl: string,
  request: { agent: string; queues: Category[]; supervisor: boolean },
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (err) {
    throw new ApiError('Network', (err as Error).message, 0);
  }
  const data = (await res.json().catch(() => null)) as { token?: string } | null;
  if (!res.ok || !data?.token) throw errorFrom(res.status, data);
  return data.token;
}
