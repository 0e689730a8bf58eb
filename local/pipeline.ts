/**
 * The deployed pipeline's wiring, on local endpoints: each function's configuration loaded from
 * the environment CDK gives it, its dependencies built by the same builders as its Lambda entry
 * (lambdas/wiring.ts over awsAdapters), real SDK clients pointed at the emulators, and pollers
 * playing the event source mappings.
 */
import { awsAdapters, awsClients } from '#adapters/aws.ts';
import type { AwsClients, Endpoints, SdkClient } from '#adapters/clients.ts';
import { DEV_SURVEY_KEY, FixedKeyRing } from '#adapters/fixed-keys.ts';
import type { SurgeRun } from '#app/surge.ts';
import type { SweepResult } from '#app/sweeper.ts';
import type { SurgeSettings } from '#core/surge/model.ts';
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import { makeMailerHandler } from '#handlers/mailer-handler.ts';
import { makeSendingEventsHandler } from '#handlers/sending-events-handler.ts';
import { makeSurgeHandler } from '#handlers/surge-handler.ts';
import { makeSurveyHandler } from '#handlers/survey-handler.ts';
import { makeSweeperHandler } from '#handlers/sweeper-handler.ts';
import { makeTriageHandler } from '#handlers/triage-handler.ts';
import {
  loadAgentApiConfig,
  loadMailerConfig,
  loadSendingEventsConfig,
  loadSurgeConfig,
  loadSurveyConfig,
  loadSweeperConfig,
  loadTriageConfig,
} from '#lambdas/config.ts';
import {
  buildAgentApiDeps,
  buildMailerDeps,
  buildSendingEventsDeps,
  buildSurgeDeps,
  buildSurveyDeps,
  buildSweeperDeps,
  buildTriageDeps,
} from '#lambdas/wiring.ts';
import {
  LEASE_SECONDS,
  MAX_AUTO_REPLIES_PER_DAY,
  RAW_MAIL_RETENTION_DAYS,
  SLA_HOURS,
  STATUS_REQUESTS_PER_MINUTE,
  SURGE_SETTINGS,
  SURVEY_DELAY_MINUTES,
  TICKET_RETENTION_DAYS,
  WAITING,
} from '#lib/settings.ts';
import type { ApiHandler } from './agent-server.ts';
import type { CallCounter } from './call-count.ts';
import type { QueueJournal } from './durable-state.ts';
import type { Emulators } from './emulators.ts';
import { lambdaContext } from './lambda-context.ts';
import type { Provisioned } from './provision.ts';
import { LOCAL_ONLY_KEYS } from './site.ts';
import { type PollerOptions, type SqsHandler, SqsPoller } from './sqs-poller.ts';

export const LOCAL_REGION = 'ap-southeast-1';
/** The local agent API's address on its default port (npm start passes the port it got). */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Who makes an AWS call: one of our functions, or AWS on our behalf (SES receiving, the event source mappings). */
export type CallerRole =
  | 'triage'
  | 'mailer'
  | 'agentApi'
  | 'sweeper'
  | 'surge'
  | 'sendingEvents'
  | 'survey'
  | 'receiving'
  | 'pollers'
  | 'setup';

export function localEndpoints(e: Emulators['endpoints']): Endpoints {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: e.dynamodb,
    AWS_ENDPOINT_URL_S3: e.s3,
    AWS_ENDPOINT_URL_SQS: e.sqs,
    AWS_ENDPOINT_URL_SES: e.ses,
  };
}

/**
 * SDK clients for one caller on the emulators (calls counted when a counter is given; queue
 * sends and deletes journaled when a journal is given, npm start --data).
 */
export function localClients(
  endpoints: Endpoints,
  role: CallerRole,
  calls?: CallCounter,
  journal?: QueueJournal,
): AwsClients {
  const count = calls?.instrument(role);
  const instrument =
    count && journal
      ? <C extends SdkClient>(client: C): C => journal.instrument(count(client))
      : (count ?? journal?.instrument);
  return awsClients(endpoints, { credentials: LOCAL_CREDENTIALS, instrument });
}

export interface PipelineOptions {
  complaintAddress: string;
  retryDelaySeconds?: number;
  concurrency?: { inbound: number; outbound: number };
  now?: () => Date;
  leaseSeconds?: number;
  /** The mailer's send-rate share (MAX_SENDS_PER_SECOND). */
  maxSendsPerSecond?: number;
  /** The surge detector's settings where they differ from its defaults (as CDK's SURGE_SETTINGS). */
  surgeSettings?: Partial<SurgeSettings>;
  /** How long triage reuses the list of open incidents (default 30 s, as on AWS). */
  surgeIncidentsCacheSeconds?: number;
  /** The public status route's per-client limit (requests a minute). */
  statusRequestsPerMinute?: number;
  /** After a resolution, when its survey is due (default SURVEY_DELAY_MINUTES). */
  surveyDelayMinutes?: number;
  /** The local API server's address: the replies' status page links and the survey links point under it. */
  publicBaseUrl?: string;
  calls?: CallCounter;
  /** Journals every queue send and delete (npm start --data), so a restart can refill the queues. */
  journal?: QueueJournal;
  onError?: (err: unknown) => void;
  onInboundBatch?: PollerOptions['onBatch'];
}

export interface LocalPipeline {
  triage: SqsHandler;
  mailer: SqsHandler;
  inbound: SqsPoller;
  outbound: SqsPoller;
  /** SES bounces and complaints → the suppression list (the sending-events Lambda). */
  sendingEvents: SqsPoller;
  agentApi: ApiHandler;
  /** The public survey pages' Lambda. */
  survey: ApiHandler;
  /** The scheduled sweeper Lambda, invoked on demand. */
  sweep: () => Promise<SweepResult>;
  /** The scheduled surge evaluation Lambda, invoked on demand. */
  evaluateSurges: () => Promise<SurgeRun>;
  stop(): Promise<void>;
}

/** The environment the CDK stacks give the functions (lib/pipeline-stack.ts), on the emulators. */
function lambdaEnvironment(endpoints: Endpoints, p: Provisioned, o: PipelineOptions): NodeJS.ProcessEnv {
  return {
    ...endpoints,
    TABLE_NAME: p.names.table,
    INBOUND_QUEUE_URL: p.inbound.url,
    INBOUND_DLQ_URL: p.inbound.dlqUrl,
    OUTBOUND_QUEUE_URL: p.outbound.url,
    OUTBOUND_DLQ_URL: p.outbound.dlqUrl,
    // aws-ses-v2-local has no send-rate quota: the local mailer keeps to a ceiling far above any account's.
    MAX_SENDS_PER_SECOND: String(o.maxSendsPerSecond ?? 200),
    COMPLAINT_ADDRESSES: o.complaintAddress,
    SLA_HOURS: JSON.stringify(SLA_HOURS),
    FROM_ADDRESS: o.complaintAddress,
    STATUS_BASE_URL: o.publicBaseUrl ?? 'http://127.0.0.1:3000',
    MAX_AUTO_REPLIES_PER_DAY: String(MAX_AUTO_REPLIES_PER_DAY),
    LEASE_SECONDS: String(o.leaseSeconds ?? LEASE_SECONDS),
    SURGE_SETTINGS: JSON.stringify(o.surgeSettings ?? SURGE_SETTINGS),
    ...(o.surgeIncidentsCacheSeconds === undefined
      ? {}
      : { SURGE_INCIDENTS_CACHE_SECONDS: String(o.surgeIncidentsCacheSeconds) }),
    STATUS_REQUESTS_PER_MINUTE: String(o.statusRequestsPerMinute ?? STATUS_REQUESTS_PER_MINUTE),
    SURVEY_REQUESTS_PER_MINUTE: String(o.statusRequestsPerMinute ?? STATUS_REQUESTS_PER_MINUTE),
    SURVEY_DELAY_MINUTES: String(o.surveyDelayMinutes ?? SURVEY_DELAY_MINUTES),
    SURVEY_BASE_URL: o.publicBaseUrl ?? 'http://127.0.0.1:3000',
    TICKET_RETENTION_DAYS: String(TICKET_RETENTION_DAYS),
    RAW_MAIL_RETENTION_DAYS: String(RAW_MAIL_RETENTION_DAYS),
    WAITING_REMIND_AFTER_SERVICE_DAYS: String(WAITING.remindAfterServiceDays),
    WAITING_CLOSE_AFTER_SERVICE_DAYS: String(WAITING.closeAfterServiceDays),
    // No Secrets Manager locally: a fixed development key where CDK names the key's secret.
    DEV_SURVEY_KEY,
  };
}

export function buildPipeline(endpoints: Endpoints, p: Provisioned, o: PipelineOptions): LocalPipeline {
  const now = o.now ?? (() => new Date());
  const env = lambdaEnvironment(endpoints, p, o);
  const client = (role: CallerRole) => localClients(endpoints, role, o.calls, o.journal);
  const clients = {
    triage: client('triage'),
    mailer: client('mailer'),
    agentApi: client('agentApi'),
    sweeper: client('sweeper'),
    surge: client('surge'),
    sendingEvents: client('sendingEvents'),
    survey: client('survey'),
    pollers: client('pollers'),
  };

  const triageConfig = loadTriageConfig(env);
  // Secrets Manager has no local emulator: the local stack passes its local-only keys through the same port.
  const keyRing = () => new FixedKeyRing(LOCAL_ONLY_KEYS);
  const triage = makeTriageHandler(
    buildTriageDeps(triageConfig, { ...awsAdapters(triageConfig, clients.triage, now), keyRing }, now),
  );
  const mailerConfig = loadMailerConfig(env);
  const mailer = makeMailerHandler(buildMailerDeps(mailerConfig, awsAdapters(mailerConfig, clients.mailer, now), now));
  const apiConfig = loadAgentApiConfig(env);
  const agentApi = makeAgentApiHandler(
    // Supervisors' re-triage files mail as triage does, with the same local-only keys.
    buildAgentApiDeps(apiConfig, { ...awsAdapters(apiConfig, clients.agentApi, now), keyRing }, now),
  );
  const sweeperConfig = loadSweeperConfig(env);
  const sweeper = makeSweeperHandler(
    buildSweeperDeps(sweeperConfig, awsAdapters(sweeperConfig, clients.sweeper, now), now),
  );
  const surgeConfig = loadSurgeConfig(env);
  const surge = makeSurgeHandler(buildSurgeDeps(surgeConfig, awsAdapters(surgeConfig, clients.surge, now), now));

  const sendingEvents = makeSendingEventsHandler(
    buildSendingEventsDeps(awsAdapters(loadSendingEventsConfig(env), clients.sendingEvents, now), now),
  );
  const surveyConfig = loadSurveyConfig(env);
  const survey = makeSurveyHandler(buildSurveyDeps(surveyConfig, awsAdapters(surveyConfig, clients.survey, now), now));

  const poller = (name: string, handler: SqsHandler, q: Provisioned['inbound'], concurrency: number) =>
    new SqsPoller(clients.pollers.sqs, handler, {
      name,
      queueUrl: q.url,
      queueArn: q.arn,
      region: endpoints.AWS_REGION,
      batchSize: q.settings.batchSize,
      concurrency,
      retryDelaySeconds: o.retryDelaySeconds ?? 1,
      onError: o.onError,
      onBatch: name === 'triage' ? o.onInboundBatch : undefined,
    });
  const inbound = poller('triage', triage, p.inbound, o.concurrency?.inbound ?? 2);
  const outbound = poller('mailer', mailer, p.outbound, o.concurrency?.outbound ?? 1);
  const events = poller('sending-events', sendingEvents, p.sendingEvents, 1);
  return {
    triage,
    mailer,
    agentApi,
    survey: survey as ApiHandler,
    sweep: () => sweeper({ source: 'local.timer' }, lambdaContext('sweeper')),
    evaluateSurges: () => surge({ source: 'local.timer' }, lambdaContext('surge')),
    inbound,
    outbound,
    sendingEvents: events,
    async stop() {
      await inbound.stop();
      await outbound.stop();
      await events.stop();
      for (const c of Object.values(clients)) c.destroy();
    },
  };
}
