/**
 * Every port in memory, over one shared state: the CLI's engine and the use-case tests run the
 * Lambdas' use cases on these (lambdas/wiring.ts builds them the same way over either).
 */
import type { Adapters, SurgeStoreSettings } from '#ports';
import { DEV_SURVEY_KEY, FixedKeyRing } from '../fixed-keys.ts';
import { MemoryCannedResponses } from './canned-responses.ts';
import { MemoryDeadLetters } from './dead-letters.ts';
import { MemoryMailer, MemoryMailStore, MemoryReplyQueue } from './messaging.ts';
import { MemoryQueues } from './queues.ts';
import { MemoryInboundLog, MemoryReplyLog, MemoryRequestQuota, MemorySuppressionList } from './records.ts';
import { MemoryTicketRetention } from './retention.ts';
import { MemoryState } from './state.ts';
import { MemorySurgeState } from './surge-state.ts';
import { MemorySurveyStore } from './surveys.ts';
import { MemoryTicketStore } from './ticket-store.ts';
import { MemoryOutbox, MemoryWorkList } from './work-list.ts';

export { FixedKeyRing, MemoryMailer, MemoryMailStore, MemoryQueues, MemoryReplyQueue, MemoryState, MemorySurgeState };

/** Keys for tests and the CLI: anything works where nothing is kept. */
const MEMORY_KEYS = { nik: 'memory-adapters-nik-key-not-a-secret', survey: DEV_SURVEY_KEY };

export class MemoryAdapters implements Adapters {
  readonly state: MemoryState;
  readonly mail = new MemoryMailStore();
  /** SQS: the work queues and their dead-letter queues. */
  readonly queues: MemoryQueues;
  readonly queue: MemoryReplyQueue;
  readonly dead: MemoryDeadLetters;
  /** What SES sent. */
  readonly ses = new MemoryMailer();
  readonly tickets: MemoryTicketStore;
  readonly work: MemoryWorkList;
  readonly inbound: MemoryInboundLog;
  readonly replies: MemoryReplyLog;
  readonly pendingReplies: MemoryOutbox;
  readonly canned: MemoryCannedResponses;
  readonly surveys: MemorySurveyStore;
  readonly quota: MemoryRequestQuota;
  readonly suppressed: MemorySuppressionList;
  readonly retention: MemoryTicketRetention;
  readonly keys = new FixedKeyRing(MEMORY_KEYS);

  /** `now`: the clock the stores read (when a link was claimed); the system clock unless given. */
  constructor(now: () => Date = () => new Date()) {
    this.state = new MemoryState(now);
    this.queues = new MemoryQueues(() => now().getTime());
    this.queue = new MemoryReplyQueue(this.queues.outbound);
    this.dead = new MemoryDeadLetters(this.queues);
    this.tickets = new MemoryTicketStore(this.state);
    this.work = new MemoryWorkList(this.state);
    this.inbound = new MemoryInboundLog(this.state);
    this.replies = new MemoryReplyLog(this.state);
    this.pendingReplies = new MemoryOutbox(this.state);
    this.canned = new MemoryCannedResponses(this.state);
    this.surveys = new MemorySurveyStore(this.state);
    this.quota = new MemoryRequestQuota(this.state);
    this.suppressed = new MemorySuppressionList(this.state);
    this.retention = new MemoryTicketRetention(this.state);
  }

  mailStore = () => this.mail;
  ticketStore = () => this.tickets;
  inboundLog = () => this.inbound;
  replyQueue = () => this.queue;
  mailer = () => this.ses;
  replyLog = () => this.replies;
  workList = () => this.work;
  outbox = () => this.pendingReplies;
  deadLetters = () => this.dead;
  keyRing = () => this.keys;
  cannedResponses = () => this.canned;
  requestQuota = () => this.quota;
  suppressionList = () => this.suppressed;
  surveyStore = () => this.surveys;
  ticketRetention = () => this.retention;

  private surge: MemorySurgeState | null = null;
  /** One surge store for every flow, as they share one table on AWS. */
  surgeStore = (settings: SurgeStoreSettings): MemorySurgeState => {
    this.surge ??= new MemorySurgeState(settings);
    if (this.surge.settings.bucketMinutes !== settings.bucketMinutes)
      throw new Error('every flow must bucket surge observations alike');
    return this.surge;
  };
}
