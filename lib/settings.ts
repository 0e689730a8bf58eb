import type { SlaHours } from '#core/sla.ts';
import type { SurgeSettings } from '#core/surge/model.ts';

/**
 * Resource settings shared by the CDK stacks and the local stack, so the local pollers retry and
 * dead-letter exactly as the deployed event source mappings do.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  /** Claimable tickets per category (sparse). */
  queueIndex: { name: 'queue', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * Lists people look at (sparse): mail set aside by triage per outcome (`OPS#<outcome>`), and
   * open tickets that are not claimable per category and status (`STATUS#<category>#<status>`).
   */
  listIndex: { name: 'lists', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /**
   * Tickets whose outbox holds replies not yet confirmed queued (sparse, keys only): the sweeper
   * queues those again.
   */
  outboxIndex: { name: 'outbox', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
} as const;

export interface QueueSettings {
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount: number;
  /** ≥ 6 × the function timeout, as AWS recommends for event source mappings. */
  visibilityTimeoutSeconds: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** Lambda concurrency cap for this queue's event source mapping. */
  maxConcurrency: number;
  functionTimeoutSeconds: number;
}

export const QUEUES: Record<'inbound' | 'outbound' | 'sendingEvents', QueueSettings> = {
  inbound: {
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    maxConcurrency: 20,
    functionTimeoutSeconds: 30,
  },
  // SES's sending rate is the bottleneck: as few concurrent mailers as Lambda allows (2), each
  // keeping to its share of the send-rate ceiling (SENDING), same retry budget.
  outbound: {
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 120,
    batchSize: 10,
    maxBatchingWindowSeconds: 1,
    maxConcurrency: 2,
    functionTimeoutSeconds: 20,
  },
  // SES bounces, complaints, rejects and delivery delays, for the suppression-list consumer.
  sendingEvents: {
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
    batchSize: 10,
    maxBatchingWindowSeconds: 5,
    maxConcurrency: 2,
    functionTimeoutSeconds: 30,
  },
};

/** Alarm when the oldest message of a work queue waits longer than this. */
export const QUEUE_AGE_ALARM_MINUTES = { inbound: 15, outbound: 30 };

/**
 * SES sending: the account's quota is per second and per account (a new production account often
 * gets 14/s), and a throttled send is not a failed reply. The mailer keeps to
 * `maxSendsPerSecond / QUEUES.outbound.maxConcurrency` per instance (MAX_SENDS_PER_SECOND).
 */
export const SENDING = {
  /** Default ceiling for this system's replies; a deploy can set it with -c maxSendsPerSecond=N. */
  maxSendsPerSecond: 10,
};

export const DLQ_RETENTION_DAYS = 14;
/** Work queues keep a message this long; a dead letter's 14 days count from when it entered one. */
export const QUEUE_RETENTION_DAYS = 4;
/**
 * Alarm when a dead letter is this old. SQS ages a dead letter from its move to the DLQ but expires
 * it 14 days after it entered the work queue, up to 4 days earlier: at 7 days at least 3 are left.
 */
export const DLQ_AGE_ALARM_DAYS = DLQ_RETENTION_DAYS - QUEUE_RETENTION_DAYS - 3;
export const MAX_AUTO_REPLIES_PER_DAY = 3;
/** How long a claimed ticket stays with its agent without a renewal. */
export const LEASE_SECONDS = 15 * 60;
/**
 * Public status check: requests per client (IP address) per minute, counted by the Lambda in the
 * table (HTTP APIs throttle per route, not per client). A participant needs one or two.
 */
export const STATUS_REQUESTS_PER_MINUTE = 10;
/** How long after a resolution the participant gets the satisfaction survey. */
export const SURVEY_DELAY_MINUTES = 60;
/**
 * Days a resolved or closed ticket is kept (with its messages, replies, notes, audit and survey)
 * before the sweeper deletes it: the `ticketRetentionDays` context. See docs/security.md, "Retention".
 */
export const TICKET_RETENTION_DAYS = 365;
/**
 * Days raw mail is kept after receipt (the bucket's lifecycle rule), and with it the records of
 * mail triage set aside: the `rawMailRetentionDays` context. See docs/security.md, "Retention".
 */
export const RAW_MAIL_RETENTION_DAYS = 180;
/**
 * Tickets waiting for the participant (core/waiting.ts): one reminder after this many service days
 * without an answer, closed this many service days after it. A deploy sets them with
 * -c waitingRemindAfterServiceDays=N and -c waitingCloseAfterServiceDays=N.
 */
export const WAITING = { remindAfterServiceDays: 3, closeAfterServiceDays: 7 };

/** Target time to first agent action, in service hours (08:00-20:00 WIB): fraud and money first. */
export const SLA_HOURS: SlaHours = {
  fraud: 4,
  incentive: 24,
  certificate: 48,
  training: 48,
  account: 48,
  registration: 48,
  general: 48,
};

/**
 * The surge detector's settings where they differ from its defaults (lambdas/core/surge/model.ts),
 * given as SURGE_SETTINGS to triage, the agent API and the surge evaluation alike: they must agree
 * (observations are stored per bucket). None on AWS; the local stack sets its own (local/stack.ts).
 */
export const SURGE_SETTINGS: Partial<SurgeSettings> = {};

/** The surge evaluation runs this often (its own function, one at a time). */
export const SURGE_EVALUATION_MINUTES = 1;
