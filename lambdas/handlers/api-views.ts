/**
 * The agent API's response shapes (docs/openapi.yaml documents the same), built from the domain
 * values the use cases return. Each is a zod object: parsing keeps exactly its keys, so nothing
 * a store keeps for itself (keys, index attributes, versions) can reach a response, and a domain
 * value that lost a documented field fails loudly instead of answering without it.
 */
import type { Me, PublicStatus, QueueView } from '#app/agent-api.ts';
import type { IncidentExample } from '#app/incidents.ts';
import type { DeadLetterView as DeadLetterItem, RetriageResult } from '#app/ops.ts';
import { AUDIT_ACTIONS } from '#core/agent-actions.ts';
import { INCIDENT_STATUSES, type Incident } from '#core/surge/model.ts';
import type { CsatFigures, CsatReport } from '#core/survey-report.ts';
import { REPLY_KINDS } from '#core/templates.ts';
import { INTAKE_OUTCOMES, RELATED_REASONS, TICKET_STATUSES, type TicketMessage } from '#core/ticket.ts';
import { CATEGORIES, PRIORITIES, REQUIRED_FIELDS } from '#core/types.ts';
import * as z from '#lambdas/zod.ts';
import {
  type AuditEntry,
  type CannedResponse,
  type Claim,
  type IncidentTicket,
  LOGGED_OUTCOMES,
  type Note,
  REPLY_STATUSES,
  type RelatedTicket,
  type ReplyRecord,
  SET_ASIDE_OUTCOMES,
  type SetAsideRecord,
  type StoredTicket,
  WORK_QUEUES,
} from '#ports';

const text = z.string();
const maybe = z.nullable(z.string());
const category = z.enum(CATEGORIES);

const Fields = z.object({ cardNumber: maybe, phone: maybe, email: maybe, name: maybe, nik: maybe });

export const TicketView = z.object({
  ref: text,
  status: z.enum(TICKET_STATUSES),
  category,
  priority: z.enum(PRIORITIES),
  fields: Fields,
  missing: z.array(z.enum(REQUIRED_FIELDS)),
  replyTo: maybe,
  senderVerified: z.boolean(),
  messageCount: z.number(),
  createdAt: text,
  updatedAt: text,
  resolvedAt: maybe,
  linkedTo: maybe,
  heldBehind: maybe,
  readyAt: maybe,
  dueAt: maybe,
  claimedBy: maybe,
  leaseExpiresAt: maybe,
  firstActionAt: maybe,
  waitingSince: maybe,
  remindedAt: maybe,
  overdue: z.boolean(),
}) satisfies z.ZodMiniType<
  Omit<StoredTicket, 'version' | 'outbox' | 'lastAgentReply' | 'participants' | 'openedBy' | 'nikHash'>
>;

/** A ticket in a list (a participant's tickets, the overdue list, search results). */
export const TicketSummaryView = z.pick(TicketView, {
  ref: true,
  status: true,
  category: true,
  priority: true,
  createdAt: true,
  updatedAt: true,
  dueAt: true,
  overdue: true,
  claimedBy: true,
});

export const MeView = z.object({
  agent: text,
  queues: z.array(category),
  supervisor: z.boolean(),
}) satisfies z.ZodMiniType<Me>;

export const ClaimView = z.object({
  ref: text,
  category,
  claimedBy: text,
  since: text,
  leaseExpiresAt: text,
}) satisfies z.ZodMiniType<Claim>;

export const CannedResponseView = z.object({
  id: text,
  title: text,
  body: text,
  updatedAt: text,
  updatedBy: text,
}) satisfies z.ZodMiniType<CannedResponse>;

export const MessageView = z.object({
  inboundId: text,
  messageId: maybe,
  receivedAt: text,
  from: maybe,
  subject: text,
  text,
  rawKey: maybe,
  fields: Fields,
  evidence: z.array(z.object({ field: text, source: text, detail: text })),
  category,
  flags: z.array(text),
  outcome: z.enum(INTAKE_OUTCOMES),
}) satisfies z.ZodMiniType<Omit<TicketMessage, 'evidence'>>;

export const ReplyView = z.object({
  jobId: text,
  ticketRef: text,
  kind: z.enum(REPLY_KINDS),
  to: text,
  status: z.enum(REPLY_STATUSES),
  at: text,
  subject: maybe,
  messageId: maybe,
  providerId: maybe,
  sentAt: maybe,
  reason: maybe,
}) satisfies z.ZodMiniType<ReplyRecord>;

export const NoteView = z.object({ id: text, author: text, text, at: text }) satisfies z.ZodMiniType<Note>;

export const AuditView = z.object({
  id: text,
  at: text,
  agent: text,
  action: z.enum(AUDIT_ACTIONS),
  detail: maybe,
}) satisfies z.ZodMiniType<AuditEntry>;

export const RelatedView = z.object({
  ref: text,
  status: z.enum(TICKET_STATUSES),
  category,
  reason: z.enum(RELATED_REASONS),
}) satisfies z.ZodMiniType<RelatedTicket>;

export const QueueStatsView = z.object({
  category,
  ready: z.number(),
  claimed: z.number(),
  waitingParticipant: z.number(),
  overdue: z.number(),
  oldestReadyAt: maybe,
  oldestReadyAgeSeconds: z.nullable(z.number()),
}) satisfies z.ZodMiniType<QueueView>;

export const SetAsideView = z.object({
  inboundId: text,
  receivedAt: text,
  outcome: z.enum(LOGGED_OUTCOMES),
  rawKey: text,
  reason: maybe,
  sender: text,
  flags: z.array(text),
  failures: z.number(),
  ticketRef: maybe,
}) satisfies z.ZodMiniType<SetAsideRecord>;

export const DeadLetterView = z.object({
  id: text,
  queue: z.enum(WORK_QUEUES),
  deadSince: maybe,
  reason: maybe,
  inboundId: maybe,
  receivedAt: maybe,
  rawKey: maybe,
  sender: maybe,
  jobId: maybe,
  ticketRef: maybe,
  kind: maybe,
  to: maybe,
}) satisfies z.ZodMiniType<DeadLetterItem>;

const RETRIAGE_OUTCOMES = [...INTAKE_OUTCOMES, ...SET_ASIDE_OUTCOMES, 'filed'] as const;
/**
 * The replies triage decides on (core/decide.ts), and an accepted incident's answer. The handler's
 * `ok(RESPONSES.Retriaged, ...)` takes only what this view accepts, so a value missing here fails the type-check.
 */
const RETRIAGE_REPLIES = ['none', 'ask_missing', 'acknowledge', 'status', 'survey', 'incident_reply'] as const;
export const RetriageView = z.object({
  inboundId: text,
  outcome: z.enum(RETRIAGE_OUTCOMES),
  ticketRef: maybe,
  reply: z.enum(RETRIAGE_REPLIES),
}) satisfies z.ZodMiniType<RetriageResult>;

export const StatusView = z.object({
  ref: text,
  status: z.enum(TICKET_STATUSES),
  updatedAt: text,
}) satisfies z.ZodMiniType<PublicStatus>;

/** An incident as supervisors see it: not its signature (the detector's), nor its store's version. */
export const IncidentView = z.object({
  id: text,
  status: z.enum(INCIDENT_STATUSES),
  category,
  topTerms: z.array(text),
  evidence: z.object({ seed: text, observed: z.number(), expected: z.number(), windowMinutes: z.number() }),
  proposedAt: text,
  firstTicketAt: text,
  lastTicketAt: text,
  tickets: z.number(),
  participants: z.number(),
  answer: z.nullable(z.object({ reply: text, afterwards: z.enum(['resolve', 'wait']) })),
  decidedBy: maybe,
  decidedAt: maybe,
  coolUntil: maybe,
}) satisfies z.ZodMiniType<Omit<Incident, 'signature' | 'timeline' | 'examples' | 'version'>>;

export const IncidentExampleView = z.object({
  ref: text,
  category,
  receivedAt: text,
  subject: text,
  excerpt: text,
}) satisfies z.ZodMiniType<IncidentExample>;

export const IncidentTicketView = z.object({
  ref: text,
  category,
  at: text,
  score: z.number(),
  matched: z.array(text),
  answeredAt: maybe,
}) satisfies z.ZodMiniType<Omit<IncidentTicket, 'participant' | 'minhash'>>;
const count = z.number().check(z.whole);
const percent = z.nullable(z.number());
const figures = {
  sent: count,
  answered: count,
  ratings: z.object({ 1: count, 2: count, 3: count, 4: count, 5: count }),
  csatPercent: percent,
  responseRatePercent: percent,
};
export const CsatFiguresView = z.object(figures) satisfies z.ZodMiniType<CsatFigures>;

export const CsatReportView = z.object({
  from: text,
  to: text,
  total: CsatFiguresView,
  byCategory: z.array(z.object({ category, ...figures })),
  byAgent: z.array(z.object({ agent: text, ...figures })),
  byDay: z.array(z.object({ day: text, ...figures })),
}) satisfies z.ZodMiniType<CsatReport>;

/** Response bodies per route, as documented (components/schemas in docs/openapi.yaml). */
export const RESPONSES = {
  QueueList: z.object({ queues: z.array(QueueStatsView) }),
  TicketEnvelope: z.object({ ticket: TicketView }),
  TicketDetail: z.object({
    ticket: TicketView,
    messages: z.array(MessageView),
    replies: z.array(ReplyView),
    notes: z.array(NoteView),
    related: z.array(RelatedView),
    audit: z.array(AuditView),
  }),
  SetAsideList: z.object({ items: z.array(SetAsideView), cursor: maybe }),
  DeadLetterList: z.object({ items: z.array(DeadLetterView), total: z.number() }),
  Redriven: z.object({ moved: z.number() }),
  Retriaged: RetriageView,
  Status: StatusView,
  IncidentList: z.object({ items: z.array(IncidentView) }),
  IncidentEnvelope: z.object({ incident: IncidentView }),
  IncidentDetail: z.object({
    incident: IncidentView,
    examples: z.array(IncidentExampleView),
    timeline: z.array(z.object({ at: text, tickets: z.number() })),
  }),
  IncidentTicketPage: z.object({ items: z.array(IncidentTicketView), next: maybe }),
  Me: MeView,
  TicketSummaryList: z.object({ items: z.array(TicketSummaryView) }),
  ClaimList: z.object({ items: z.array(ClaimView) }),
  CannedResponse: CannedResponseView,
  CannedResponseList: z.object({ items: z.array(CannedResponseView) }),
  CsatReport: CsatReportView,
} as const;
