/**
 * The intake use case: a triaged human complaint becomes a new ticket, joins the participant's
 * open ticket (dedupe), or threads into the ticket it replies to. Written against TicketStore so
 * the same rule runs on DynamoDB (Lambda) and in memory (CLI, tests).
 *
 * Exactly-once effect: the new ticket's reference derives from the inbound id, the store's writes
 * are conditional and idempotent per inbound id, and the reply job id derives from the inbound id,
 * so a redelivered mail changes nothing and queues the same job id again (the mailer sends once).
 */
import type { ReplyDecision } from './decide.ts';
import { dueAt, type SlaHours } from './sla.ts';
import {
  canReopen,
  fillGaps,
  intakeStatus,
  isOpen,
  missingFields,
  type ParticipantKey,
  participantKeys,
  type Ticket,
  ticketRefFor,
} from './ticket.ts';
import type { Triage } from './triage.ts';
import type { Category, Evidence, Fields, Priority, RequiredField } from './types.ts';

/** One inbound mail as stored on its ticket. Text is bounded and has the NIK masked. */
export interface TicketMessage {
  inboundId: string;
  messageId: string | null;
  receivedAt: string;
  from: string | null;
  subject: string;
  text: string;
  rawKey: string | null;
  fields: Fields;
  evidence: Evidence[];
  category: Category;
  flags: string[];
}

export type CreateOutcome =
  | { kind: 'created' }
  | { kind: 'exists'; ticket: Ticket }
  | { kind: 'joined'; ref: string }
  /** The reference belongs to a ticket another inbound mail opened (40-bit hash collision). */
  | { kind: 'collision' };

export interface TicketStore {
  get(ref: string): Promise<Ticket | null>;
  /** The open ticket of this category linked to any of the participant's keys, if any. */
  findOpenByParticipant(keys: readonly ParticipantKey[], category: Category): Promise<string | null>;
  /**
   * Creates the ticket with its first message and links the participant's keys to it for its
   * category. If another open ticket won a key meanwhile, nothing is created: `joined` names it.
   * If a ticket opened by the same inbound id exists (redelivery), `exists` returns it; if the
   * reference is taken by another inbound mail, `collision` (the caller tries the next reference).
   */
  create(ticket: Ticket, keys: readonly ParticipantKey[], message: TicketMessage): Promise<CreateOutcome>;
  /**
   * Adds a message and applies the update computed from the ticket as it is at write time (the
   * store retries on a concurrent change); a message already on the ticket changes nothing.
   */
  append(ref: string, message: TicketMessage, update: (current: Ticket) => TicketUpdate): Promise<Ticket>;
}

export interface TicketUpdate {
  fields: Fields;
  missing: RequiredField[];
  status: Ticket['status'];
  priority: Priority;
  keys: ParticipantKey[];
  updatedAt: string;
  readyAt: string | null;
  dueAt: string | null;
}

/** Service-level clock: starts when a ticket first becomes ready. */
function slaClock(
  status: Ticket['status'],
  current: Pick<Ticket, 'readyAt' | 'dueAt'> | null,
  category: Category,
  at: string,
  sla: SlaHours,
) {
  if (current?.readyAt) return { readyAt: current.readyAt, dueAt: current.dueAt ?? null };
  if (status !== 'ready') return { readyAt: null, dueAt: null };
  return { readyAt: at, dueAt: dueAt(category, at, sla) };
}

export interface InboundComplaint {
  inboundId: string;
  receivedAt: string;
  rawKey: string | null;
  from: string | null;
  subject: string;
  text: string;
  triage: Triage;
  /** Set when receipt verdicts forbid answering (spam). */
  suppressReply?: boolean;
  flags?: string[];
}

export type IntakeOutcome = 'created' | 'merged' | 'threaded' | 'reopened';

export interface ReplyJob {
  /** Deterministic: the mailer sends each job id once. */
  jobId: string;
  kind: 'ask_missing' | 'acknowledge' | 'agent_reply';
  ticketRef: string;
  to: string;
  category: Category;
  missing: RequiredField[];
  name: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The agent's text, for agent replies. */
  body?: string;
}

export interface IntakeResult {
  outcome: IntakeOutcome;
  ticket: Ticket;
  /** True when this mail joined an existing ticket without being a reply to it (a duplicate). */
  duplicate: boolean;
  reply: ReplyDecision;
  job: ReplyJob | null;
}

const MAX_STORED_TEXT = 8000;
const MAX_REF_ATTEMPTS = 5;

export function maskNik(text: string, nik: string | null): string {
  if (!nik) return text;
  // The NIK may be written grouped or dashed: match its digits with optional separators.
  const pattern = new RegExp(nik.split('').join('[ .-]?'), 'g');
  return text.replace(pattern, `${nik.slice(0, 4)}************`);
}

function toMessage(input: InboundComplaint, category: Category): TicketMessage {
  const t = input.triage;
  return {
    inboundId: input.inboundId,
    messageId: t.messageId,
    receivedAt: input.receivedAt,
    from: input.from,
    subject: input.subject,
    text: maskNik(input.text, t.fields.nik).slice(0, MAX_STORED_TEXT),
    rawKey: input.rawKey,
    fields: { ...t.fields, nik: t.fields.nik ? `${t.fields.nik.slice(0, 4)}************` : null },
    evidence: t.evidence,
    category,
    flags: input.flags ?? [],
  };
}

function replyJob(input: InboundComplaint, ticket: Ticket, reply: ReplyDecision): ReplyJob | null {
  if (reply === 'none' || !input.from) return null;
  return {
    jobId: `${input.inboundId}:${reply}`,
    kind: reply,
    ticketRef: ticket.ref,
    to: input.from,
    category: ticket.category,
    missing: ticket.missing,
    name: ticket.fields.name,
    inReplyTo: input.triage.messageId,
    references: input.triage.messageId ? [input.triage.messageId] : [],
  };
}

function decide(input: InboundComplaint, missing: readonly RequiredField[]): ReplyDecision {
  if (input.suppressReply) return 'none';
  return missing.length > 0 ? 'ask_missing' : 'acknowledge';
}

async function joinTicket(
  store: TicketStore,
  sla: SlaHours,
  input: InboundComplaint,
  ticket: Ticket,
  outcome: IntakeOutcome,
  category: Category,
): Promise<IntakeResult> {
  const reopening = outcome === 'reopened';
  const updated = await store.append(ticket.ref, toMessage(input, category), (current) => {
    const fields = fillGaps(current.fields, input.triage.fields);
    const missing = missingFields(fields);
    const status = intakeStatus(reopening ? null : current.status, missing);
    return {
      fields,
      missing,
      status,
      priority: current.priority,
      keys: participantKeys(fields),
      updatedAt: input.receivedAt,
      ...slaClock(status, reopening ? null : current, current.category, input.receivedAt, sla),
    };
  });
  const reply = decide(input, updated.missing);
  return { outcome, ticket: updated, duplicate: outcome === 'merged', reply, job: replyJob(input, updated, reply) };
}

export async function intakeComplaint(
  input: InboundComplaint,
  store: TicketStore,
  sla: SlaHours,
): Promise<IntakeResult> {
  const t = input.triage;
  if (t.automated || !t.category || !t.priority) throw new Error('intakeComplaint takes human complaints only');
  const category = t.category;
  let linkedTo: string | null = null;
  let fields = t.fields;

  if (t.referencedTicket) {
    const referenced = await store.get(t.referencedTicket);
    if (referenced && isOpen(referenced.status))
      return joinTicket(store, sla, input, referenced, 'threaded', referenced.category);
    if (referenced && canReopen(referenced, input.receivedAt)) {
      return joinTicket(store, sla, input, referenced, 'reopened', referenced.category);
    }
    if (referenced) {
      // Too late to reopen: a new ticket continues it, knowing what the old one knew.
      linkedTo = referenced.ref;
      fields = fillGaps(t.fields, referenced.fields);
    }
  }
  const missing = missingFields(fields);

  const keys = participantKeys(fields);
  // Same participant, same issue: the category we chose first, then close readings of it.
  for (const candidate of [category, ...t.alternativeCategories]) {
    const openRef = await store.findOpenByParticipant(keys, candidate);
    const open = openRef ? await store.get(openRef) : null;
    if (open) return joinTicket(store, sla, input, open, 'merged', open.category);
  }

  const base = {
    openedBy: input.inboundId,
    status: intakeStatus(null, missing),
    category,
    priority: t.priority,
    fields,
    missing,
    replyTo: input.from,
    messageCount: 1,
    createdAt: input.receivedAt,
    updatedAt: input.receivedAt,
    resolvedAt: null,
    linkedTo,
    ...slaClock(intakeStatus(null, missing), null, category, input.receivedAt, sla),
  };
  let ticket: Ticket = { ...base, ref: ticketRefFor(input.inboundId) };
  let created = await store.create(ticket, keys, toMessage(input, category));
  for (let attempt = 1; created.kind === 'collision' && attempt < MAX_REF_ATTEMPTS; attempt++) {
    ticket = { ...base, ref: ticketRefFor(input.inboundId, attempt) };
    created = await store.create(ticket, keys, toMessage(input, category));
  }
  if (created.kind === 'collision') throw new Error(`no free ticket reference for ${input.inboundId}`);
  if (created.kind === 'joined') {
    const open = await store.get(created.ref);
    if (open) return joinTicket(store, sla, input, open, 'merged', category);
  }
  const current = created.kind === 'exists' ? created.ticket : ticket;
  const reply = decide(input, current.missing);
  return { outcome: 'created', ticket: current, duplicate: false, reply, job: replyJob(input, current, reply) };
}
