/**
 * Configuration from the environment, parsed once per cold start with zod. A missing or bad
 * variable fails the init with a message naming it, not a request half-way.
 *
 * Each schema is built by a function, when its loader runs: a function's bundle then builds (and
 * keeps) only its own, where module-level schemas would all be built at every cold start.
 */

import { DEFAULT_SETTINGS, type SurgeSettings } from '#core/surge/model.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import * as z from './zod.ts';

const optionalUrl = () => z.optional(z.url());

const nonEmpty = () => z.string().check(z.minLength(1));

const common = () =>
  z.object({
    AWS_REGION: nonEmpty(),
    TABLE_NAME: nonEmpty(),
    /** Local emulators: one endpoint for every service (fauxqs, dynalite, ses-local run on loopback). */
    AWS_ENDPOINT_URL_DYNAMODB: optionalUrl(),
    AWS_ENDPOINT_URL_S3: optionalUrl(),
    AWS_ENDPOINT_URL_SQS: optionalUrl(),
    AWS_ENDPOINT_URL_SES: optionalUrl(),
  });

/** Service-level targets in service hours per category, as JSON: {"fraud":4,"incentive":24,...}. */
const slaHoursJson = () =>
  z.jsonString(
    z.object(
      Object.fromEntries(CATEGORIES.map((c) => [c, z.number().check(z.positive())])) as Record<
        Category,
        z.ZodMiniNumber
      >,
    ),
  );

/** Our own addresses (comma-separated): text quoted from them is never the participant's. */
const complaintAddresses = () =>
  z.pipe(
    z.string().check(z.minLength(3)),
    z.transform((s) =>
      s
        .split(',')
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    ),
  );

/**
 * The surge detector's settings where they differ from its defaults (core/surge/model.ts), as
 * JSON: {"bucketMinutes":1,"windowMinutes":5,"minBaselineParticipants":300} on a fresh local
 * stack. Triage, the agent API and the evaluation must be given the same.
 */
const surgeSettingsJson = () =>
  z.pipe(
    z
      .jsonString(
        z.partial(
          z.strictObject(
            Object.fromEntries(
              Object.keys(DEFAULT_SETTINGS).map((k) => [k, z.number().check(z.nonnegative())]),
            ) as Record<keyof SurgeSettings, z.ZodMiniNumber>,
          ),
        ),
      )
      .check(
        z.refine((s) => s.bucketMinutes === undefined || (Number.isInteger(s.bucketMinutes) && s.bucketMinutes > 0), {
          message: 'bucketMinutes must be a whole number of minutes',
        }),
      ),
    z.transform((s): SurgeSettings => ({ ...DEFAULT_SETTINGS, ...s })),
  );

const surgeEnv = () => ({ SURGE_SETTINGS: z.optional(surgeSettingsJson()) });

/** A count from an environment variable: a whole number of at least `min`. */
const count = (min: number) => z.coerce.number().check(z.whole, z.gte(min));
const optionalName = () => z.optional(nonEmpty());

const triageEnv = () =>
  z.extend(common(), {
    ...surgeEnv(),
    /** How long a triage function reuses the list of open incidents it read (every new ticket is matched against it). */
    SURGE_INCIDENTS_CACHE_SECONDS: z._default(count(0), 30),
    SLA_HOURS: slaHoursJson(),
    /** The Secrets Manager secret holding the NIK hash key (the local stack passes a local key instead). */
    NIK_HASH_KEY_SECRET_ARN: optionalName(),
    OUTBOUND_QUEUE_URL: z.url(),
    /** Mail that can never be triaged goes here at once, with why. */
    INBOUND_DLQ_URL: z.url(),
    COMPLAINT_ADDRESSES: complaintAddresses(),
    /** Days raw mail is kept after receipt (the bucket's lifecycle rule): records of mail set aside expire with it. */
    RAW_MAIL_RETENTION_DAYS: count(1),
  });

const mailerEnv = () =>
  z.extend(common(), {
    FROM_ADDRESS: z.email(),
    /** The public API's address: every reply links to the ticket's status page under it (`<base>/cek/<ref>`). */
    STATUS_BASE_URL: z.url({ protocol: /^https?$/ }),
    /** RFC 3834 etiquette and abuse guard: auto-replies per sender address per day. */
    MAX_AUTO_REPLIES_PER_DAY: count(1),
    SES_CONFIGURATION_SET: optionalName(),
    /** This instance's share of the send-rate ceiling. */
    MAX_SENDS_PER_SECOND: z.coerce.number().check(z.positive()),
    /** Throttled jobs go back on the outbound queue with a delay. */
    OUTBOUND_QUEUE_URL: z.url(),
    /** Jobs that can never be sent go here at once, with why. */
    OUTBOUND_DLQ_URL: z.url(),
  });

const agentApiEnv = () =>
  z.extend(common(), {
    ...surgeEnv(),
    OUTBOUND_QUEUE_URL: z.url(),
    /** The status page tells the service-level target; a reassigned ticket's due time follows its new category's. */
    SLA_HOURS: slaHoursJson(),
    /** How long a claim lasts without renewal. */
    LEASE_SECONDS: count(1),
    /** Supervisors list and redrive dead letters, and have mail set aside triaged again (as triage does). */
    INBOUND_QUEUE_URL: z.url(),
    INBOUND_DLQ_URL: z.url(),
    OUTBOUND_DLQ_URL: z.url(),
    COMPLAINT_ADDRESSES: complaintAddresses(),
    /** The NIK hash key's secret (re-triage files mail as triage does; the local stack passes a local key instead). */
    NIK_HASH_KEY_SECRET_ARN: optionalName(),
    /** Public status route: requests per client (IP address) per minute. */
    STATUS_REQUESTS_PER_MINUTE: count(1),
    /** Re-triage sets mail aside as triage does: its records expire with the raw mail. */
    RAW_MAIL_RETENTION_DAYS: count(1),
    /** How long after a resolution the satisfaction survey is sent (0: at the next sweep). */
    SURVEY_DELAY_MINUTES: count(0),
  });

/** The surge evaluation, every minute: the detector, and the broadcast's replies. */
const surgeFunctionEnv = () =>
  z.extend(common(), {
    ...surgeEnv(),
    OUTBOUND_QUEUE_URL: z.url(),
  });
/** SES sending events: the table the suppression list lives in. */
const sendingEventsEnv = common;

/** The survey key: its Secrets Manager secret when deployed, a fixed key on the local stack. */
const surveyKey = () => ({
  SURVEY_KEY_SECRET: optionalName(),
  DEV_SURVEY_KEY: z.optional(z.string().check(z.minLength(32))),
});
const oneSurveyKey = () =>
  z.refine<{ SURVEY_KEY_SECRET?: string; DEV_SURVEY_KEY?: string }>(
    (e) => Boolean(e.SURVEY_KEY_SECRET) !== Boolean(e.DEV_SURVEY_KEY),
    { message: 'exactly one of SURVEY_KEY_SECRET and DEV_SURVEY_KEY', path: ['SURVEY_KEY_SECRET'] },
  );

/** A ticket can reopen for a week after it ends (core/ticket.ts): it is kept at least that long, and then some. */
export const MIN_RETENTION_DAYS = 30;

const sweeperEnv = () =>
  z
    .extend(common(), {
      ...surveyKey(),
      /** Service levels start when a held ticket goes on its work list. */
      SLA_HOURS: slaHoursJson(),
      /** Survey mails go to the mailer through the outbound queue, and replies not confirmed queued by the request that wrote them are queued again there. */
      OUTBOUND_QUEUE_URL: z.url(),
      /** Where participants open the survey pages (the public API, or its custom domain). */
      SURVEY_BASE_URL: z.url(),
      /** Days an ended (resolved or closed) ticket is kept before it is deleted with all kept with it. */
      TICKET_RETENTION_DAYS: count(MIN_RETENTION_DAYS),
      /** Service days a ticket waits for the participant before the one reminder (core/waiting.ts). */
      WAITING_REMIND_AFTER_SERVICE_DAYS: count(1),
      /** Service days after the reminder before a ticket still unanswered is closed. */
      WAITING_CLOSE_AFTER_SERVICE_DAYS: count(1),
    })
    .check(oneSurveyKey());

const surveyEnv = () =>
  z
    .extend(common(), {
      ...surveyKey(),
      /** Survey requests per client (IP address) per minute, as on the status route. */
      SURVEY_REQUESTS_PER_MINUTE: count(1),
    })
    .check(oneSurveyKey());

export type TriageConfig = z.infer<ReturnType<typeof triageEnv>>;
export type SurgeConfig = z.infer<ReturnType<typeof surgeFunctionEnv>>;
export type SendingEventsConfig = z.infer<ReturnType<typeof sendingEventsEnv>>;
export type AgentApiConfig = z.infer<ReturnType<typeof agentApiEnv>>;
export type SweeperConfig = z.infer<ReturnType<typeof sweeperEnv>>;
export type SurveyConfig = z.infer<ReturnType<typeof surveyEnv>>;
export type MailerConfig = z.infer<ReturnType<typeof mailerEnv>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseEnv<T extends z.ZodMiniType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const r = schema.safeParse(env);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  return r.data;
}

export const loadTriageConfig = (env: NodeJS.ProcessEnv = process.env): TriageConfig => parseEnv(triageEnv(), env);
export const loadAgentApiConfig = (env: NodeJS.ProcessEnv = process.env): AgentApiConfig =>
  parseEnv(agentApiEnv(), env);
export const loadSweeperConfig = (env: NodeJS.ProcessEnv = process.env): SweeperConfig => parseEnv(sweeperEnv(), env);
export const loadSurgeConfig = (env: NodeJS.ProcessEnv = process.env): SurgeConfig => parseEnv(surgeFunctionEnv(), env);
export const loadSurveyConfig = (env: NodeJS.ProcessEnv = process.env): SurveyConfig => parseEnv(surveyEnv(), env);
export const loadMailerConfig = (env: NodeJS.ProcessEnv = process.env): MailerConfig => parseEnv(mailerEnv(), env);
export const loadSendingEventsConfig = (env: NodeJS.ProcessEnv = process.env): SendingEventsConfig =>
  parseEnv(sendingEventsEnv(), env);
