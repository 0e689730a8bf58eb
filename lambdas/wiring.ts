/**
 * The one wiring: each flow's use-case dependencies from its configuration and a source of its
 * ports. The Lambda entries pass adapters over AWS, the local stack the same over the emulators,
 * the CLI and the use-case tests adapters in memory; nothing else differs.
 */
import { randomUUID } from 'node:crypto';
import type { AgentApiDeps } from '#app/agent-api.ts';
import type { CannedResponsesDeps } from '#app/canned-responses.ts';
import type { MailerDeps } from '#app/mailer.ts';
import type { SendingEventsDeps } from '#app/sending-events.ts';
import type { SurveyAnswerDeps } from '#app/survey.ts';
import type { SweeperDeps } from '#app/sweeper.ts';
import type { TriageDeps } from '#app/triage.ts';
import type { AgentApiPorts, MailerPorts, SendingEventsPorts, SurveyPorts, SweeperPorts, TriagePorts } from '#ports';
import type { AgentApiConfig, MailerConfig, SweeperConfig, TriageConfig } from './config.ts';

type Clock = () => Date;
const systemClock: Clock = () => new Date();

export function buildTriageDeps(
  config: Pick<TriageConfig, 'COMPLAINT_ADDRESSES' | 'SLA_HOURS'>,
  adapters: TriagePorts,
): TriageDeps {
  return {
    mail: adapters.mailStore(),
    tickets: adapters.ticketStore(),
    setAside: adapters.inboundLog(),
    replies: adapters.replyQueue(),
    keys: adapters.keyRing(),
    ownAddresses: config.COMPLAINT_ADDRESSES,
    sla: config.SLA_HOURS,
  };
}

export function buildMailerDeps(
  config: Pick<MailerConfig, 'FROM_ADDRESS' | 'MAX_AUTO_REPLIES_PER_DAY' | 'STATUS_BASE_URL'>,
  adapters: MailerPorts,
  now: Clock = systemClock,
): MailerDeps {
  return {
    mailer: adapters.mailer(),
    replies: adapters.replyLog(),
    suppressed: adapters.suppressionList(),
    from: config.FROM_ADDRESS,
    statusBaseUrl: config.STATUS_BASE_URL,
    maxAutoRepliesPerDay: config.MAX_AUTO_REPLIES_PER_DAY,
    now,
  };
}

export function buildAgentApiDeps(
  config: Pick<AgentApiConfig, 'LEASE_SECONDS' | 'SLA_HOURS' | 'STATUS_REQUESTS_PER_MINUTE' | 'SURVEY_DELAY_MINUTES'>,
  adapters: AgentApiPorts,
  now: Clock = systemClock,
  newId: () => string = randomUUID,
): AgentApiDeps & CannedResponsesDeps {
  return {
    work: adapters.workList(),
    setAside: adapters.inboundLog(),
    replies: adapters.replyQueue(),
    canned: adapters.cannedResponses(),
    surveys: adapters.surveyStore(),
    leaseSeconds: config.LEASE_SECONDS,
    sla: config.SLA_HOURS,
    quota: adapters.requestQuota(),
    statusRequestsPerMinute: config.STATUS_REQUESTS_PER_MINUTE,
    surveyDelayMs: config.SURVEY_DELAY_MINUTES * 60_000,
    now,
    newId,
  };
}

export function buildSendingEventsDeps(adapters: SendingEventsPorts, now: Clock = systemClock): SendingEventsDeps {
  return { suppressed: adapters.suppressionList(), now };
}

export function buildSweeperDeps(
  config: Pick<SweeperConfig, 'SLA_HOURS' | 'SURVEY_BASE_URL'>,
  adapters: SweeperPorts,
  now: Clock = systemClock,
): SweeperDeps {
  return {
    work: adapters.workList(),
    sla: config.SLA_HOURS,
    surveys: {
      surveys: adapters.surveyStore(),
      replies: adapters.replyQueue(),
      keys: adapters.keys(),
      publicBaseUrl: config.SURVEY_BASE_URL,
      now,
    },
    now,
  };
}

export function buildSurveyDeps(adapters: SurveyPorts, now: Clock = systemClock): SurveyAnswerDeps {
  return { surveys: adapters.surveyStore(), keys: adapters.keys(), now };
}
