/**
 * Every port in memory, over one shared state: the CLI's engine and the use-case tests run the
 * Lambdas' use cases on these (lambdas/wiring.ts builds them the same way over either).
 */
import type { Adapters, SurgeStoreSettings } from '#ports';
import { DEV_SURVEY_KEY, FixedKeys } from '../fixed-keys.ts';
import { MemoryCannedResponses } from './canned-responses.ts';
import { FixedKeyRing } from './key-ring.ts';
import { MemoryMailer, MemoryMailStore, MemoryReplyQueue } from './messaging.ts';
import { MemoryInboundLog, MemoryReplyLog, MemoryRequestQuota, MemorySuppressionList } from './records.ts';
import { MemoryState } from './state.ts';
import { MemorySurgeState } from './surge-state.ts';
import { MemorySurveyStore } from './surveys.ts';
import { MemoryTicketStore } from './ticket-store.ts';
import { MemoryWorkList } from './work-list.ts';

export { FixedKeyRing, MemoryMailer, MemoryMailStore, MemoryReplyQueue, MemoryState, MemorySurgeState };

/** Keys for tests and the CLI: anything works where nothing is kept. */
const MEMORY_KEYS = { nik: 'memory-adapters-nik-key-not-a-secret', csat: 'memory-adapters-csat-key-not-a-secret' };

export class MemoryAdapters implements Adapters {
  readonly state = new MemoryState();
  readonly mail = new MemoryMailStore();
  readonly queue = new MemoryReplyQueue();
  readonly outbox = new MemoryMailer();
  readonly tickets = new MemoryTicketStore(this.state);
  readonly work = new MemoryWorkList(this.state);
  readonly inbound = new MemoryInboundLog(this.state);
  readonly replies = new MemoryReplyLog(this.state);
  readonly hmacKeys = new FixedKeyRing(MEMORY_KEYS);
  readonly canned = new MemoryCannedResponses(this.state);
  readonly quota = new MemoryRequestQuota(this.state);
  readonly suppressed = new MemorySuppressionList(this.state);
  readonly surveys = new MemorySurveyStore(this.state);
  readonly fixedKeys = new FixedKeys({ survey: DEV_SURVEY_KEY });

  mailStore = () => this.mail;
  ticketStore = () => this.tickets;
  inboundLog = () => this.inbound;
  replyQueue = () => this.queue;
  mailer = () => this.outbox;
  replyLog = () => this.replies;
  workList = () => this.work;
  keyRing = () => this.hmacKeys;
  cannedResponses = () => this.canned;
  requestQuota = () => this.quota;
  suppressionList = () => this.suppressed;
  surveyStore = () => this.surveys;
  keys = () => this.fixedKeys;

  private surge: MemorySurgeState | null = null;
  /** One surge store for every flow, as they share one table on AWS. */
  surgeStore = (settings: SurgeStoreSettings): MemorySurgeState => {
    this.surge ??= new MemorySurgeState(settings);
    if (this.surge.settings.bucketMinutes !== settings.bucketMinutes)
      throw new Error('every flow must bucket surge observations alike');
    return this.surge;
  };
}
