/**
 * The agent API answers in the shapes docs/openapi.yaml documents, built from domain values: every
 * route's body has exactly the documented properties, and no store bookkeeping (PK, SK, gsi*,
 * version, recentInbound...) appears anywhere in any response.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { mailReply } from '#app/mailer.ts';
import { CATEGORIES } from '#core/types.ts';
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import {
  AuditView,
  CannedResponseView,
  ClaimView,
  CsatFiguresView,
  DeadLetterView,
  IncidentExampleView,
  IncidentTicketView,
  IncidentView,
  MessageView,
  MeView,
  NoteView,
  QueueStatsView,
  RESPONSES,
  RelatedView,
  ReplyView,
  SetAsideView,
  StatusView,
  TicketSummaryView,
  TicketView,
} from '#handlers/api-views.ts';
import { buildAgentApiDeps, buildMailerDeps } from '#lambdas/wiring.ts';
import * as z from '#lambdas/zod.ts';
import { seedTicket } from '#local/seed-tickets.ts';
import { apiClient, forbiddenKeys } from '../support/agent-api.ts';
import { AGENT_API_CONFIG, MAILER_CONFIG } from '../support/configs.ts';
import { documentedResponses } from '../support/openapi.ts';

const keys = (shape: z.ZodMiniObject) => Object.keys(shape.shape).sort();

/** Each documented response schema and the view the handler parses its answer with. */
const PAIRS: [string, z.ZodMiniObject][] = [
  ['Ticket', TicketView],
  ['Message', MessageView],
  ['Reply', ReplyView],
  ['Note', NoteView],
  ['AuditEntry', AuditView],
  ['Related', RelatedView],
  ['QueueStats', QueueStatsView],
  ['SetAside', SetAsideView],
  ['Status', StatusView],
  ['QueueList', RESPONSES.QueueList],
  ['TicketEnvelope', RESPONSES.TicketEnvelope],
  ['TicketDetail', RESPONSES.TicketDetail],
  ['SetAsideList', RESPONSES.SetAsideList],
  ['DeadLetter', DeadLetterView],
  ['DeadLetterList', RESPONSES.DeadLetterList],
  ['RetriageResult', RESPONSES.Retriaged],
  ['Redriven', RESPONSES.Redriven],
  ['Incident', IncidentView],
  ['IncidentExample', IncidentExampleView],
  ['IncidentTicket', IncidentTicketView],
  ['IncidentList', RESPONSES.IncidentList],
  ['IncidentEnvelope', RESPONSES.IncidentEnvelope],
  ['IncidentDetail', RESPONSES.IncidentDetail],
  ['IncidentTicketPage', RESPONSES.IncidentTicketPage],
  ['Me', MeView],
  ['TicketSummary', TicketSummaryView],
  ['TicketSummaryList', RESPONSES.TicketSummaryList],
  ['Claim', ClaimView],
  ['ClaimList', RESPONSES.ClaimList],
  ['CannedResponse', CannedResponseView],
  ['CannedResponseList', RESPONSES.CannedResponseList],
  ['CsatReport', RESPONSES.CsatReport],
  ['CsatFigures', CsatFiguresView],
];

type Shape = { type?: string; nullable?: boolean; enum?: unknown[]; properties?: Record<string, Shape>; items?: Shape };
type JsonSchema = Shape & { allOf?: JsonSchema[]; required?: string[] } & Record<string, unknown>;

/**
 * What a schema says a value is, and nothing else (no descriptions, formats, limits): type (an
 * integer is a number), nullability, enum values, properties and items, allOf merged.
 */
function shapeOf(schema: JsonSchema): Shape {
  const merged: JsonSchema = { ...schema };
  for (const part of schema.allOf ?? []) {
    const p = shapeOf(part);
    merged.type ??= p.type;
    merged.properties = { ...merged.properties, ...p.properties };
  }
  const out: Shape = { type: merged.type === 'integer' ? 'number' : merged.type, nullable: merged.nullable === true };
  if (merged.enum) out.enum = [...merged.enum].sort();
  if (merged.properties)
    out.properties = Object.fromEntries(
      Object.entries(merged.properties).map(([k, v]) => [k, shapeOf(v as JsonSchema)]),
    );
  if (merged.items) out.items = shapeOf(merged.items as JsonSchema);
  return out;
}

describe('agent API responses', () => {
  it('document exactly the properties the API answers with, each one required', async () => {
    const { schemas } = await documentedResponses();
    for (const [name, shape] of PAIRS) {
      const schema = schemas[name] as { properties?: object; required?: string[] } | undefined;
      const documented = {
        name,
        keys: Object.keys(schema?.properties ?? {}).sort(),
        required: schema?.required?.sort(),
      };
      expect(documented).toEqual({ name, keys: keys(shape), required: keys(shape) });
    }
  });

  it('document the types, nullability and enum values the API answers with', async () => {
    // Prepare
    const { schemas } = await documentedResponses();

    // Act
    const compared = PAIRS.map(([name, view]) => ({
      name,
      documented: shapeOf(schemas[name] as JsonSchema),
      answered: shapeOf(z.toJSONSchema(view, { target: 'openapi-3.0' }) as JsonSchema),
    }));

    // Assess
    expect(compared.map(({ name, documented }) => ({ name, ...documented }))).toEqual(
      compared.map(({ name, answered }) => ({ name, ...answered })),
    );
  });

  it('refuse a property the document does not name, in a row made of several schemas (allOf) too', async () => {
    const check = await documentedResponses();
    const figures = {
      sent: 4,
      answered: 2,
      ratings: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
      csatPercent: 100,
      responseRatePercent: 50,
    };
    const report = {
      from: '2024-05-01',
      to: '2024-05-31',
      total: figures,
      byCategory: [{ ...figures, category: 'incentive' }],
      byAgent: [],
      byDay: [],
    };
    expect(check.problems('GET', '/reports/csat', 200, report)).toEqual([]);
    const extra = { ...report, byCategory: [{ ...figures, category: 'incentive', agentEmail: 'rina@example.id' }] };
    expect(check.problems('GET', '/reports/csat', 200, extra).join('\n')).toMatch(/agentEmail|additional/);
  });

  it('answer every route in its documented shape and carry no store bookkeeping', async () => {
    const memory = new MemoryAdapters();
    const clock = () => new Date('2024-05-20T03:00:00.000Z');
    const check = await documentedResponses();
    const undocumented: string[] = [];
    const api = apiClient(makeAgentApiHandler(buildAgentApiDeps(AGENT_API_CONFIG, memory, clock)));
    const call = async (method: string, url: string, opts?: Parameters<typeof api>[2]) => {
      const r = await api(method, url, opts);
      undocumented.push(...check.problems(method, url, r.status, r.body));
      return r;
    };
    const sup = { agent: 'rina', queues: [...CATEGORIES], supervisor: true };
    const t = await seedTicket(memory.tickets, 1, { category: 'incentive', email: 'maya@surel.example' });
    const other = await seedTicket(memory.tickets, 2, { category: 'incentive' });
    await memory.inbound.record({
      inboundId: 'promo',
      receivedAt: '2024-05-20T01:00:00.000Z',
      outcome: 'automated',
      rawKey: 's3://mail/inbound/promo',
      reason: 'precedence',
      sender: 'ka***@toko-kursus.example',
      flags: [],
      failures: 0,
      ticketRef: null,
    });
    await memory.dead.put(
      'outbound',
      JSON.stringify({ jobId: 'x' }),
      'InvalidRecord: not a reply job',
      '2024-05-20T02:00:00.000Z',
    );
    const job = {
      jobId: 'j1',
      kind: 'acknowledge' as const,
      ticketRef: t.ref,
      to: 'maya@surel.example',
      category: 'incentive' as const,
      missing: [],
      inReplyTo: null,
      references: [],
    };
    await mailReply(job, buildMailerDeps(MAILER_CONFIG, memory, clock));

    const bodies = [
      await call('GET', '/queues', { as: sup }),
      await call('POST', '/queues/incentive/claim', { as: sup }),
      await call('POST', `/tickets/${t.ref}/note`, { as: sup, body: { text: 'catatan' } }),
      await call('GET', `/tickets/${t.ref}`, { as: sup }),
      await call('POST', `/tickets/${t.ref}/extend`, { as: sup }),
      await call('POST', `/tickets/${t.ref}/release`, { as: sup }),
      await call('POST', `/tickets/${t.ref}/reassign`, { as: sup, body: { category: 'certificate' } }),
      await call('POST', '/queues/certificate/claim', { as: sup }),
      await call('POST', `/tickets/${t.ref}/resolve`, { as: sup, body: { reply: 'selesai' } }),
      await call('GET', '/ops/automated', { as: sup }),
      await call('GET', '/ops/dead-letters', { as: sup }),
      await call('POST', '/ops/promo/retriage', { as: sup, body: { person: true } }),
      await call('POST', '/ops/dead-letters/redrive', { as: sup, body: { queue: 'inbound' } }),
      await call('GET', `/status/${t.ref}?contact=maya@surel.example`),
      await call('GET', '/me', { as: sup }),
      await call('POST', '/work/next', { as: sup }),
      await call('POST', `/tickets/${other.ref}/ask`, { as: sup, body: { message: 'Bank apa?' } }),
      await call('GET', '/participants/tickets?email=maya@surel.example', { as: sup }),
      await call('GET', '/supervisor/claims', { as: sup }),
      await call('GET', '/supervisor/overdue', { as: sup }),
      await call('GET', `/search?q=${t.ref}`, { as: sup }),
      await call('POST', '/canned-responses', { as: sup, body: { title: 'Salam', body: 'Halo {nama}' } }),
      await call('GET', '/canned-responses', { as: sup }),
      await call('GET', '/reports/csat?from=2024-05-20&to=2024-05-20', { as: sup }),
    ];
    expect(bodies.map((b) => b.status)).toEqual([
      200, 200, 201, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 200,
      200,
    ]);
    const detail = bodies[3]?.body as { messages: unknown[]; replies: unknown[]; notes: unknown[] };
    expect([detail.messages.length, detail.replies.length, detail.notes.length]).toEqual([1, 1, 1]);
    expect(bodies.flatMap((b) => forbiddenKeys(b.body))).toEqual([]);
    expect(undocumented).toEqual([]);
  });
});
