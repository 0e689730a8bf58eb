/**
 * The table's items and the domain values they hold. Reads build domain values field by field
 * from a list of their keys (which the compiler checks is complete), so table bookkeeping
 * (keys, index attributes, versions) never leaks into what the use cases and the API see.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Survey } from '#core/survey.ts';
import { type Ticket, type TicketMessage, workListPosition } from '#core/ticket.ts';
import { waitStart } from '#core/waiting.ts';
import type {
  AgentReplyMark,
  AuditEntry,
  CannedResponse,
  Claim,
  Note,
  PendingReply,
  ReplyRecord,
  SetAsideRecord,
  StoredTicket,
} from '#ports';
import { HELD, queuePk, SURVEY_DUE_PK, statusPk } from './keys.ts';

export type Item = Record<string, unknown>;

export function isConditionFailure(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err as Error)?.name === 'ConditionalCheckFailedException';
}

/** Awaits a conditional write: true when it was made, false when its condition did not hold. */
export async function written(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** Every key of T, checked at compile time: a field added to T must be added here too. */
export function keysOf<T>() {
  return <const K extends readonly (keyof T)[]>(...keys: K & ([keyof T] extends [K[number]] ? unknown : never)) => keys;
}

/** The domain value in an item: its listed keys, an absent attribute read as null. */
export function picker<T>(keys: readonly (keyof T)[]) {
  return (item: Item): T => Object.fromEntries(keys.map((k) => [k, item[k as string] ?? null])) as T;
}

const TICKET_KEYS = keysOf<Ticket>()(
  'ref',
  'openedBy',
  'status',
  'category',
  'priority',
  'fields',
  'missing',
  'replyTo',
  'nikHash',
  'senderVerified',
  'participants',
  'messageCount',
  'createdAt',
  'updatedAt',
  'resolvedAt',
  'linkedTo',
  'heldBehind',
  'readyAt',
  'dueAt',
  'claimedBy',
  'leaseExpiresAt',
  'firstActionAt',
  'waitingSince',
  'remindedAt',
);
export const ticketFromItem = picker<Ticket>(TICKET_KEYS);

/** A ProjectionExpression for exactly these attributes (each by a name placeholder: some are reserved words). */
export function projection(attributes: readonly string[]) {
  return {
    ProjectionExpression: attributes.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#p${i}`, a])),
  };
}

/** A stored ticket's attributes, without its first message. */
export const STORED_TICKET_PROJECTION = projection([...TICKET_KEYS, 'version', 'overdue', 'outbox', 'lastAgentReply']);
export const CLAIM_PROJECTION = projection([
  'ref',
  'category',
  'claimedBy',
  'claimedAt',
  'firstActionAt',
  'updatedAt',
  'leaseExpiresAt',
]);

export function claimFromItem(item: Item): Claim {
  return {
    ref: item.ref as string,
    category: item.category as Claim['category'],
    claimedBy: (item.claimedBy as string | undefined) ?? '',
    // Tickets claimed before claimedAt was kept: their first claim.
    since: (item.claimedAt ?? item.firstActionAt ?? item.updatedAt) as string,
    leaseExpiresAt: (item.leaseExpiresAt as string | undefined) ?? '',
  };
}

export const cannedFromItem = picker<CannedResponse>(
  keysOf<CannedResponse>()('id', 'title', 'body', 'updatedAt', 'updatedBy'),
);

export function storedFromItem(item: Item): StoredTicket {
  return {
    ...ticketFromItem(item),
    version: item.version as number,
    overdue: item.overdue === true,
    outbox: (item.outbox as PendingReply[] | undefined) ?? [],
    lastAgentReply: (item.lastAgentReply as AgentReplyMark | undefined) ?? null,
  };
}

export const messageFromItem = picker<TicketMessage>(
  keysOf<TicketMessage>()(
    'inboundId',
    'messageId',
    'receivedAt',
    'from',
    'subject',
    'text',
    'rawKey',
    'fields',
    'evidence',
    'category',
    'flags',
    'outcome',
  ),
);

export const replyFromItem = picker<ReplyRecord>(
  keysOf<ReplyRecord>()(
    'jobId',
    'ticketRef',
    'kind',
    'to',
    'status',
    'at',
    'subject',
    'messageId',
    'providerId',
    'sentAt',
    'reason',
  ),
);

export const noteFromItem = picker<Note>(keysOf<Note>()('id', 'author', 'text', 'at'));

export const auditFromItem = picker<AuditEntry>(keysOf<AuditEntry>()('id', 'at', 'agent', 'action', 'detail'));

const setAsideFields = picker<SetAsideRecord>(
  keysOf<SetAsideRecord>()(
    'inboundId',
    'receivedAt',
    'outcome',
    'rawKey',
    'reason',
    'sender',
    'flags',
    'failures',
    'ticketRef',
    'verdicts',
  ),
);

/** A set-aside record (one written before it had flags and a failure count reads as having none). */
export const setAsideFromItem = (item: Item): SetAsideRecord => {
  const { verdicts, ...r } = setAsideFields(item);
  return { ...r, flags: r.flags ?? [], failures: r.failures ?? 0, ...(verdicts ? { verdicts } : {}) };
};

export const surveyFromItem = picker<Survey>(
  keysOf<Survey>()(
    'ref',
    'surveyId',
    'category',
    'agent',
    'resolvedAt',
    'sentAt',
    'day',
    'expiresAt',
    'rating',
    'comment',
    'ratedAt',
  ),
);

export interface ListKeys {
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

/**
 * Where an open ticket is listed: `ready` on its category's work list (GSI1, claimable) unless
 * held behind another, `waiting_participant`, `claimed` and held on the status lists (GSI2). A
 * resolved ticket waiting for its survey is on the survey list (GSI2, by due time); otherwise
 * resolved/closed: nowhere.
 *
 * A waiting ticket is keyed by the time its next step counts from (waitingKey), so the sweeper
 * reads exactly the tickets due; it leaves the list when it stops waiting, so the list (and its
 * count on `/queues`) holds only the tickets waiting now, at most the waiting period's intake.
 */
export function listKeys(
  t: Pick<
    Ticket,
    'status' | 'category' | 'priority' | 'createdAt' | 'readyAt' | 'ref' | 'heldBehind' | 'waitingSince' | 'remindedAt'
  >,
  overdue: boolean,
  releasedAt: string | null = null,
  surveyDueAt: string | null = null,
): ListKeys {
  if (t.status === 'ready' && t.heldBehind)
    return { gsi2pk: statusPk(t.category, HELD), gsi2sk: `${t.createdAt}#${t.ref}` };
  if (t.status === 'ready') return { gsi1pk: queuePk(t.category), gsi1sk: workListPosition(t, overdue, releasedAt) };
  if (t.status === 'waiting_participant') return { gsi2pk: statusPk(t.category, t.status), gsi2sk: waitingKey(t) };
  if (t.status === 'claimed') return { gsi2pk: statusPk(t.category, t.status), gsi2sk: `${t.createdAt}#${t.ref}` };
  if (t.status === 'resolved' && surveyDueAt) return { gsi2pk: SURVEY_DUE_PK, gsi2sk: `${surveyDueAt}#${t.ref}` };
  return {};
}

/** Reminded waits sort after every wait start (a digit): `r#<remindedAt>#<ref>`. */
export const REMINDED_PREFIX = 'r#';

/**
 * A waiting ticket's sort key on its status list: `<wait start>#<ref>` until it is reminded, then
 * `r#<remindedAt>#<ref>`. A ticket stored before waits were kept has `<createdAt>#<ref>`, which
 * is the same key with its opening as the wait start (core/waiting.ts waitStart).
 */
export function waitingKey(t: Pick<Ticket, 'ref' | 'createdAt' | 'waitingSince' | 'remindedAt'>): string {
  return t.remindedAt ? `${REMINDED_PREFIX}${t.remindedAt}#${t.ref}` : `${waitStart(t)}#${t.ref}`;
}

/** SET/REMOVE clauses that put a ticket on exactly the lists `listKeys` names. */
export function listKeyExpression(keys: ListKeys): { set: string[]; remove: string[]; values: Record<string, string> } {
  const set: string[] = [];
  const remove: string[] = [];
  const values: Record<string, string> = {};
  for (const k of ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const) {
    const v = keys[k];
    if (v) {
      set.push(`${k} = :${k}`);
      values[`:${k}`] = v;
    } else remove.push(k);
  }
  return { set, remove, values };
}

/** SET clauses, names and values for plain attribute assignments. */
export function assignments(values: Record<string, unknown>): {
  set: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
} {
  const out = { set: [] as string[], names: {} as Record<string, string>, values: {} as Record<string, unknown> };
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    out.set.push(`#${k} = :${k}`);
    out.names[`#${k}`] = k;
    out.values[`:${k}`] = v;
  }
  return out;
}
