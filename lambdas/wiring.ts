/**
 * The one wiring: each flow's use-case dependencies from its configuration and a source of its
 * ports. The Lambda entries pass adapters over AWS, the local stack the same over the emulators,
 * the CLI and the use-case tests adapters in memory; nothing else differs.
 */
import { randomUUID } from 'node:crypto';
import { pacer, sleep } from '#adapters/pacer.ts';
import type { AgentApiDeps } from '#app/agent-api.ts';
import type { CannedResponsesDeps } from '#app/canned-responses.ts';
import type { IncidentDeskDeps } from '#app/incidents.ts';
import type { MailerDeps } from '#app/mailer.ts';
import type { SendingEventsDeps } from '#app/sending-events.ts';
import { type SurgeDeps, type SurgeIntake, withCachedLiveIncidents } from '#app/surge.ts';
import type { SurveyAnswerDeps } from '#app/survey.ts';
import type { SweeperDeps } from '#app/sweeper.ts';
import type { TriageDeps } from '#app/triage.ts';
import { SurgeDetector } from '#core/surge/detector.ts';
import { DEFAULT_SETTINGS, type SurgeSettings } from '#core/surge/model.ts';
import type {
  AgentApiPorts,
  MailerPorts,
  SendingEventsPorts,
  SurgePorts,
  SurveyPorts,
  SweeperPorts,
  TriagePorts,
} from '#ports';
import type { AgentApiConfig, MailerConfig, SurveyConfig, SweeperConfig, TriageConfig } from './config.ts';

type Clock = () => Date;
const systemClock: Clock = () => new Date();

/** Member tickets the broadcast answers per evaluation (a minute): ~6 AWS calls each. */
export const ANSWERS_PER_RUN = 250;

type SurgeConfigPart = { SURGE_SETTINGS?: SurgeSettings };

function detector(config: SurgeConfigPart, ports: Pick<SurgePorts, 'surgeStore'>) {
  const settings = config.SURGE_SETTINGS ?? DEFAULT_SETTINGS;
  const store = ports.surgeStore(settings);
  return { settings, store, detector: new SurgeDetector(store, settings) };
}

export function buildTriageDeps(
  config: Pick<TriageConfig, 'COMPLAINT_ADDRESSES' | 'SLA_HOURS'> &
    Partial<Pick<TriageConfig, 'SURGE_SETTINGS' | 'SURGE_INCIDENTS_CACHE_SECONDS'>>,
  adapters: TriagePorts,
  now: Clock = systemClock,
): TriageDeps {
  const settings = config.SURGE_SETTINGS ?? DEFAULT_SETTINGS;
  const store = withCachedLiveIncidents(
    adapters.surgeStore(settings),
    config.SURGE_INCIDENTS_CACHE_SECONDS ?? 30,
    systemClock,
  );
  const surge: SurgeIntake = { detector: new SurgeDetector(store, settings), store, work: adapters.workList(), now };
  return {
    mail: adapters.mailStore(),
    tickets: adapters.ticketStore(),
    setAside: adapters.inboundLog(),
    replies: adapters.replyQueue(),
    deadLetters: adapters.deadLetters(),
    keys: adapters.keyRing(),
    ownAddresses: config.COMPLAINT_ADDRESSES,
    sla: config.SLA_HOURS,
    surge,
    now,
  };
}

export function buildMailerDeps(
  config: Pick<MailerConfig, 'FROM_ADDRESS' | 'MAX_AUTO_REPLIES_PER_DAY' | 'MAX_SENDS_PER_SECOND' | 'STATUS_BASE_URL'>,
  adapters: MailerPorts,
  now: Clock = systemClock,
): MailerDeps {
  return {
    mailer: adapters.mailer(),
    replies: adapters.replyLog(),
    requeue: adapters.replyQueue(),
    suppressed: adapters.suppressionList(),
    from: config.FROM_ADDRESS,
    statusBaseUrl: config.STATUS_BASE_URL,
    maxAutoRepliesPerDay: config.MAX_AUTO_REPLIES_PER_DAY,
    now,
    pace: pacer(config.MAX_SENDS_PER_SECOND),
    sleep,
    deadLetters: adapters.deadLetters(),
  };
}

export function buildIncidentDeskDeps(
  config: SurgeConfigPart,
  adapters: Pick<AgentApiPorts, 'surgeStore' | 'workList'>,
  now: Clock = systemClock,
): IncidentDeskDeps {
  return { ...detector(config, adapters), work: adapters.workList(), now };
}

export function buildAgentApiDeps(
  config: Pick<
    AgentApiConfig,
    'LEASE_SECONDS' | 'SLA_HOURS' | 'STATUS_REQUESTS_PER_MINUTE' | 'SURVEY_DELAY_MINUTES' | 'COMPLAINT_ADDRESSES'
  > &
    SurgeConfigPart,
  adapters: AgentApiPorts,
  now: Clock = systemClock,
  newId: () => string = randomUUID,
): AgentApiDeps & CannedResponsesDeps {
  const work = adapters.workList();
  return {
    work,
    replies: adapters.replyQueue(),
    outbox: adapters.outbox(),
    canned: adapters.cannedResponses(),
    surveys: adapters.surveyStore(),
    leaseSeconds: config.LEASE_SECONDS,
    sla: config.SLA_HOURS,
    quota: adapters.requestQuota(),
    statusRequestsPerMinute: config.STATUS_REQUESTS_PER_MINUTE,
    surveyDelayMs: config.SURVEY_DELAY_MINUTES * 60_000,
    now,
    incidents: buildIncidentDeskDeps(config, adapters, now),
    newId,
    ops: {
      setAside: adapters.inboundLog(),
      deadLetters: adapters.deadLetters(),
      work,
      // Mail triaged again is triaged as the triage Lambda does it.
      triage: buildTriageDeps(config, adapters, now),
    },
  };
}

export function buildSendingEventsDeps(adapters: SendingEventsPorts, now: Clock = systemClock): SendingEventsDeps {
  return { replies: adapters.replyLog(), suppressed: adapters.suppressionList(), now };
}

export function buildSweeperDeps(
  config: Pick<
    SweeperConfig,
    | 'SLA_HOURS'
    | 'SURVEY_BASE_URL'
    | 'WAITING_REMIND_AFTER_SERVICE_DAYS'
    | 'WAITING_CLOSE_AFTER_SERVICE_DAYS'
    | 'TICKET_RETENTION_DAYS'
  >,
  adapters: SweeperPorts,
  now: Clock = systemClock,
): SweeperDeps {
  return {
    work: adapters.workList(),
    outbox: adapters.outbox(),
    retention: { tickets: adapters.ticketRetention(), days: config.TICKET_RETENTION_DAYS },
    replies: adapters.replyQueue(),
    sla: config.SLA_HOURS,
    waiting: {
      remindAfterServiceDays: config.WAITING_REMIND_AFTER_SERVICE_DAYS,
      closeAfterServiceDays: config.WAITING_CLOSE_AFTER_SERVICE_DAYS,
    },
    surveys: {
      surveys: adapters.surveyStore(),
      replies: adapters.replyQueue(),
      keys: adapters.keyRing(),
      publicBaseUrl: config.SURVEY_BASE_URL,
      now,
    },
    now,
  };
}

export function buildSurveyDeps(
  config: Pick<SurveyConfig, 'SURVEY_REQUESTS_PER_MINUTE'>,
  adapters: SurveyPorts,
  now: Clock = systemClock,
): SurveyAnswerDeps {
  return {
    surveys: adapters.surveyStore(),
    keys: adapters.keyRing(),
    quota: adapters.requestQuota(),
    requestsPerMinute: config.SURVEY_REQUESTS_PER_MINUTE,
    now,
  };
}

export function buildSurgeDeps(config: SurgeConfigPart, adapters: SurgePorts, now: Clock = systemClock): SurgeDeps {
  const { store, detector: d } = detector(config, adapters);
  return {
    detector: d,
    store,
    work: adapters.workList(),
    replies: adapters.replyQueue(),
    now,
    answersPerRun: ANSWERS_PER_RUN,
  };
}
