/**
 * Single-table key design (see docs/architecture.md). Participant identifiers are hashed in keys:
 * keys show up in consoles, metrics and exports where attribute values do not.
 */
import { createHash } from 'node:crypto';
import type { ParticipantKey } from '#core/ticket.ts';

export const ticketKey = (ref: string) => ({ PK: `TICKET#${ref}`, SK: 'META' });
/** A ticket's follow-up messages (its first message is part of the ticket item), one per inbound mail. */
export const messageKey = (ref: string, inboundId: string) => ({ PK: ticketKey(ref).PK, SK: `MSG#${inboundId}` });
export const replyKey = (ref: string, jobId: string) => ({ PK: ticketKey(ref).PK, SK: `REPLY#${jobId}` });
export const noteKey = (ref: string, at: string, id: string) => ({ PK: ticketKey(ref).PK, SK: `NOTE#${at}#${id}` });
/** One agent action on the ticket (the audit trail), in time order. */
export const auditKey = (ref: string, at: string, id: string) => ({ PK: ticketKey(ref).PK, SK: `AUDIT#${at}#${id}` });
/** A link to another ticket, on this ticket's partition (the other carries one back). */
export const relatedKey = (ref: string, other: string) => ({ PK: ticketKey(ref).PK, SK: `RELATED#${other}` });
/** The ticket's one satisfaction survey. */
export const surveyKey = (ref: string) => ({ PK: ticketKey(ref).PK, SK: 'SURVEY' });
/** CSAT counters: one partition per month, one item per report day and category or agent. */
export const csatKey = (day: string, dimension: string, key: string) => ({
  PK: `CSAT#${day.slice(0, 7)}`,
  SK: `${day}#${dimension}#${key}`,
});
export const csatMonthPk = (month: string) => `CSAT#${month}`;

const hashed = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Everything kept under one participant key: its open-ticket links and the records of its other tickets. */
export const participantPk = (key: ParticipantKey) => `PARTICIPANT#${key.kind}#${hashed(`${key.kind}:${key.value}`)}`;
/** The key's one link item: an attribute per category naming that category's open ticket (links.ts). */
export const linksKey = (key: ParticipantKey) => ({ PK: participantPk(key), SK: 'LINKS' });
/** A ticket of the participant's whose link was freed (resolved) or never taken: found by participantTickets. */
export const participantTicketKey = (key: ParticipantKey, ref: string) => ({
  PK: participantPk(key),
  SK: `TICKET#${ref}`,
});
export const CANNED_PK = 'CANNED';
export const cannedKey = (id: string) => ({ PK: CANNED_PK, SK: `CANNED#${id}` });

export const inboundKey = (inboundId: string) => ({ PK: `INBOUND#${inboundId}`, SK: 'META' });
/**
 * An address our replies go to (hashed): whether it is suppressed (we no longer write to it) and
 * its auto-replies per day, on one item so one conditional write checks the one and spends the other.
 */
export const recipientKey = (address: string) => ({ PK: `RECIPIENT#${hashed(address.toLowerCase())}`, SK: 'META' });
/** The public status route's requests of one client (hashed IP) in one minute. */
export const clientWindowKey = (client: string, window: string) => ({
  PK: `CLIENT#${hashed(client)}`,
  SK: `STATUS#${window}`,
});

/** GSI1: claimable tickets per category (sparse: only `ready` tickets carry these). */
export const QUEUE_INDEX = 'queue';
export const queuePk = (category: string) => `QUEUE#${category}`;
/** GSI2: lists people look at: mail set aside by triage, and open tickets not on a work list. */
export const LIST_INDEX = 'lists';
export const opsPk = (outcome: string) => `OPS#${outcome}`;
/** GSI3 (keys only): tickets holding replies not yet confirmed queued, by when the first was written. */
export const OUTBOX_INDEX = 'outbox';
export const OUTBOX_PK = 'OUTBOX';
export const statusPk = (category: string, status: string) => `STATUS#${category}#${status}`;

/** Surge detection (docs/surge.md): observations per time bucket, the baseline, incidents and their members. */
export const surgeObservationKey = (bucket: number, at: string, ref: string) => ({
  PK: `SURGE#OBS#${bucket}`,
  SK: `${at}#${ref}`,
});
export const surgeBaselineKey = () => ({ PK: 'SURGE#BASELINE', SK: 'META' });
export const incidentPk = (id: string) => `SURGE#INCIDENT#${id}`;
export const incidentKey = (id: string) => ({ PK: incidentPk(id), SK: 'META' });
export const MEMBER_PREFIX = 'MEMBER#';
export const incidentMemberKey = (id: string, ref: string) => ({ PK: incidentPk(id), SK: `${MEMBER_PREFIX}${ref}` });
/** One per participant in an incident: its conditional put tells a new participant from a known one. */
export const incidentParticipantKey = (id: string, participant: string) => ({
  PK: incidentPk(id),
  SK: `PARTICIPANT#${participant}`,
});
/** GSI2: open and cooling incidents, then past ones; members of an incident not yet given its answer. */
export const LIVE_INCIDENTS_PK = 'SURGE#LIVE';
export const PAST_INCIDENTS_PK = 'SURGE#PAST';
export const unansweredPk = (id: string) => `SURGE#UNANSWERED#${id}`;
/** Tickets held behind another (probable duplicates), per category. */
export const HELD = 'held';
/** Resolved tickets waiting for their survey, by due time (`gsi2sk = <dueAt>#<ref>`). */
export const SURVEY_DUE_PK = 'SURVEYS#due';
/** Ended tickets by when they ended (`SK = <endedAt>#<ref>`): the retention list the sweeper purges from. */
export const RETENTION_PK = 'RETENTION';
export const retentionKey = (endedAt: string, ref: string) => ({ PK: RETENTION_PK, SK: `${endedAt}#${ref}` });
