/**
 * Single-table key design (see docs/architecture.md). Participant identifiers are hashed in keys:
 * keys show up in consoles, metrics and exports where attribute values do not.
 */
import { createHash } from 'node:crypto';
import type { ParticipantKey } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';

export const ticketKey = (ref: string) => ({ PK: `TICKET#${ref}`, SK: 'META' });
export const messageSk = (receivedAt: string, inboundId: string) => `MSG#${receivedAt}#${inboundId}`;
export const replySk = (sentAt: string, jobId: string) => `REPLY#${sentAt}#${jobId}`;
export const noteSk = (at: string, id: string) => `NOTE#${at}#${id}`;

export function participantHash(key: ParticipantKey): string {
  return createHash('sha256').update(`${key.kind}:${key.value}`).digest('hex').slice(0, 32);
}

export const linkKey = (key: ParticipantKey, category: Category) => ({
  PK: `PARTICIPANT#${key.kind}#${participantHash(key)}`,
  SK: `OPEN#${category}`,
});

export const inboundKey = (inboundId: string) => ({ PK: `INBOUND#${inboundId}`, SK: 'META' });
export const senderDayKey = (address: string, day: string) => ({
  PK: `SENDER#${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 32)}`,
  SK: `REPLIES#${day}`,
});

/** GSI1: claimable tickets per category (sparse: only `ready` tickets carry these). */
export const QUEUE_INDEX = 'queue';
export const queuePk = (category: string) => `QUEUE#${category}`;
/** GSI2: lists people look at: mail set aside by triage, and open tickets not on a work list. */
export const LIST_INDEX = 'lists';
export const opsPk = (outcome: string) => `OPS#${outcome}`;
export const statusPk = (category: string, status: string) => `STATUS#${category}#${status}`;
