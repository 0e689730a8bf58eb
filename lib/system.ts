/**
 * The deployment's parameters (CDK context, validated before anything is built) and the wiring
 * of the two stacks, with cdk-nag (AwsSolutions) on both. Shared by bin/app.ts and the infra
 * tests, so tests check what is deployed.
 */
import path from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { CATEGORIES } from '#core/types.ts';
import { MIN_RETENTION_DAYS } from '#lambdas/config.ts';
import { acknowledgeAdoptionTemplate, acknowledgeNagFindings, acknowledgeStorageFindings } from './nag.ts';
import { Prefix, systemNames } from './names.ts';
import { PipelineStack } from './pipeline-stack.ts';
import {
  QUEUES,
  RAW_MAIL_RETENTION_DAYS,
  SENDING,
  SURVEY_DELAY_MINUTES,
  TICKET_RETENTION_DAYS,
  WAITING,
} from './settings.ts';
import { StorageStack } from './storage-stack.ts';

/** Names the context parameter a missing value is given with. */
const required = (hint: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `required: -c ${hint}` : undefined),
});

/** A flag given as -c name=true (a string) or in cdk.json (a boolean). */
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]).default(false);

const ParameterFields = z.object({
  prefix: Prefix,
  /** Explicit: the CLI would otherwise fall back to us-east-1 and bake it into ARNs and the token issuer. */
  region: z
    .string(required('region=ap-southeast-1 (a region with SES email receiving)'))
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name, e.g. ap-southeast-1')
    // At the time of writing SES offers no email receiving in Jakarta (see the SES endpoints page).
    .refine((r) => r !== 'ap-southeast-3', 'SES email receiving is not offered in Jakarta (ap-southeast-3)'),
  /** Optional: pins the account, so a deploy with another account's credentials fails. */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  domain: z.string(required('domain=<the SES-verified domain>')).min(3),
  recipient: z.email(required('recipient=<the complaint address, on domain>')),
  /** Every alarm notifies it: required, so no alarm goes to a topic nobody reads. */
  alarmEmail: z.email(required('alarmEmail=<who is on call> (then confirm the subscription mail)')),
  rawMailRetentionDays: z.coerce.number().int().min(1).default(RAW_MAIL_RETENTION_DAYS),
  /** Resolved and closed tickets are deleted this many days after they ended. */
  ticketRetentionDays: z.coerce.number().int().min(MIN_RETENTION_DAYS).default(TICKET_RETENTION_DAYS),
  logRetentionDays: z.coerce.number().int().min(1),
  maxSendsPerSecond: z.coerce.number().int().min(QUEUES.outbound.maxConcurrency).default(SENDING.maxSendsPerSecond),
  replaceActiveRuleSet: Flag,
  adoptRetained: Flag,
  /** After a resolution, when the participant gets the satisfaction survey. */
  surveyDelayMinutes: z.coerce.number().int().min(0).default(SURVEY_DELAY_MINUTES),
  /** Service days a ticket waits for the participant before the one reminder. */
  waitingRemindAfterServiceDays: z.coerce.number().int().min(1).default(WAITING.remindAfterServiceDays),
  /** Service days after the reminder before a ticket still unanswered is closed. */
  waitingCloseAfterServiceDays: z.coerce.number().int().min(1).default(WAITING.closeAfterServiceDays),
  /** Where survey links point, when the public API is served under a domain of its own (https only). */
  surveyBaseUrl: z.url({ protocol: /^https$/ }).optional(),
});
const Parameters = ParameterFields.refine((p) => p.recipient.toLowerCase().endsWith(`@${p.domain.toLowerCase()}`), {
  message: 'recipient must be an address on domain (replies are sent from it, as the domain identity)',
  path: ['recipient'],
}).refine((p) => systemNames(p.prefix, { region: p.region, account: '123456789012' }).mailBucket.length <= 63, {
  message: 'prefix too long for this region: the mail bucket name would pass 63 characters',
  path: ['prefix'],
});
export type SystemParameters = z.input<typeof Parameters>;
type Parsed = z.output<typeof Parameters>;

const KEYS = Object.keys(ParameterFields.shape) as (keyof Parsed)[];

export function systemParametersFromContext(app: App): Parsed {
  const raw = Object.fromEntries(KEYS.map((k) => [k, app.node.tryGetContext(k) ?? undefined]));
  return parseParameters(raw);
}

export function parseParameters(raw: Record<string, unknown>): Parsed {
  const r = Parameters.safeParse(raw);
  if (!r.success) throw new Error(`bad CDK context (set with -c key=value): ${z.prettifyError(r.error)}`);
  return r.data;
}

const RETENTION: Record<number, RetentionDays> = {
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  180: RetentionDays.SIX_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

/** The console as `npm run build:web` builds it. */
export const CONSOLE_DIST = path.join(import.meta.dirname, '..', 'web', 'dist');

export function buildSystem(app: App, input: SystemParameters, build: { siteDirectory?: string } = {}) {
  const p = parseParameters(input as Record<string, unknown>);
  const env = { account: p.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: p.region };
  const names = systemNames(p.prefix, { region: p.region, account: env.account });
  const storage = new StorageStack(app, names.storageStack, {
    env,
    description: 'Prakerja mail triage: raw mail, tickets, keys, agents (stateful, retained)',
    names,
    rawMailRetentionDays: p.rawMailRetentionDays,
    categories: CATEGORIES,
    domain: p.domain,
    adoptRetained: p.adoptRetained,
  });
  const pipeline = new PipelineStack(app, names.pipelineStack, {
    env,
    description: 'Prakerja mail triage: SES receiving and sending, queues, functions, API, alarms (stateless)',
    prefix: p.prefix,
    names,
    domain: p.domain,
    recipient: p.recipient,
    alarmEmail: p.alarmEmail,
    logRetention: RETENTION[p.logRetentionDays] ?? RetentionDays.THREE_MONTHS,
    maxSendsPerSecond: p.maxSendsPerSecond,
    replaceActiveRuleSet: p.replaceActiveRuleSet,
    siteDirectory: build.siteDirectory ?? CONSOLE_DIST,
    surveyDelayMinutes: p.surveyDelayMinutes,
    surveyBaseUrl: p.surveyBaseUrl,
    ticketRetentionDays: p.ticketRetentionDays,
    rawMailRetentionDays: p.rawMailRetentionDays,
    waiting: {
      remindAfterServiceDays: p.waitingRemindAfterServiceDays,
      closeAfterServiceDays: p.waitingCloseAfterServiceDays,
    },
  });
  // Deploy order only (storage first): no reference crosses the stacks.
  pipeline.addStackDependency(storage, 'the pipeline reads the storage stack’s SSM parameters at deploy time');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeNagFindings(pipeline, p.prefix);
  acknowledgeStorageFindings(storage);
  if (p.adoptRetained) acknowledgeAdoptionTemplate(storage);
  return { storage, pipeline };
}
