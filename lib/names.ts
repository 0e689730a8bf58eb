/**
 * Names of everything found by name rather than by reference: the stacks, the resources one stack
 * uses from the other (so no CloudFormation export ties them together), the retained resources a
 * redeploy adopts, and what SES and the runbook refer to. All derive from one prefix, which is
 * checked here against the strictest rule any of them must obey, so a bad prefix fails at synth
 * instead of half-way through a deploy.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { z } from 'zod';

/**
 * The longest AWS region name (e.g. ap-southeast-1, ap-northeast-3): 14 characters. With it the
 * mail bucket name fits S3's 63 in every region, whichever the deployer picks.
 */
export const LONGEST_REGION_NAME = 14;
const ACCOUNT_ID_LENGTH = 12;
const S3_BUCKET_NAME_MAX = 63;
/** `<prefix>-mail-<account>-<region>` and `<prefix>-logs-<account>-<region>`: 6 + 12 + 1 + region. */
const BUCKET_SUFFIX_MAX = '-mail-'.length + ACCOUNT_ID_LENGTH + 1 + LONGEST_REGION_NAME;
export const PREFIX_MAX_LENGTH = S3_BUCKET_NAME_MAX - BUCKET_SUFFIX_MAX;

/**
 * Lower case letters, digits and single hyphens, starting with a letter (S3 bucket names, Cognito
 * domain prefixes, SES rule and configuration set names all accept that); not `xn--` or `sthree-`
 * (reserved bucket prefixes), nor `aws`, `amazon` or `cognito` (refused in a Cognito domain).
 */
export const Prefix = z
  .string()
  .min(3)
  .max(PREFIX_MAX_LENGTH, `at most ${PREFIX_MAX_LENGTH} characters, so bucket names fit 63 in every region`)
  .regex(/^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/, 'lower case letters, digits and single hyphens, starting with a letter')
  .refine((p) => !p.startsWith('sthree-'), 'S3 reserves bucket names starting with sthree-')
  .refine((p) => !/aws|amazon|cognito/.test(p), 'Cognito refuses domain prefixes containing aws, amazon or cognito');

export interface SystemNames {
  storageStack: string;
  pipelineStack: string;
  /** Raw mail (SES writes it here); account and region make the name globally unique. */
  mailBucket: string;
  /** S3 server access logs of the mail bucket. */
  accessLogBucket: string;
  ticketsTable: string;
  receiptRuleSet: string;
  receiptRule: string;
  /** Prefix under which SES writes raw mail. */
  inboundPrefix: string;
  /** SES configuration set every reply is sent with. */
  configurationSet: string;
  /** SNS topic SES notifies for each stored mail. */
  mailReceivedTopic: string;
  /** SNS topic the configuration set publishes bounces, complaints, rejects and delays to. */
  sendingEventsTopic: string;
  /** Domain prefix of the agents' Cognito managed login (global per region, hence the account). */
  agentsDomainPrefix: string;
  /** Secrets Manager secrets holding HMAC keys, one per purpose. */
  secrets: { nikHashKey: string };
  /** Secrets Manager secret holding the key that signs the survey links. */
  surveyKeySecret: string;
  /** SSM parameters the storage stack writes and the pipeline stack reads at deploy time. */
  parameters: {
    dataKeyArn: string;
    agentsUserPoolId: string;
    /** ARN of the secret holding the NIK hash key (its name gets a random suffix in the ARN). */
    nikHashKeySecretArn: string;
  };
}

/**
 * The names for a prefix in one account and region. Without an account (an environment-agnostic
 * synth), names that need it carry the deploy-time account id.
 */
export function systemNames(prefix: string, where: { region: string; account?: string }): SystemNames {
  const account = where.account ?? Aws.ACCOUNT_ID;
  const unique = `${account}-${where.region}`;
  return {
    storageStack: `${prefix}-storage`,
    pipelineStack: `${prefix}-pipeline`,
    mailBucket: `${prefix}-mail-${unique}`,
    accessLogBucket: `${prefix}-logs-${unique}`,
    ticketsTable: `${prefix}-tickets`,
    receiptRuleSet: `${prefix}-receiving`,
    receiptRule: `${prefix}-complaints`,
    inboundPrefix: 'inbound/',
    configurationSet: `${prefix}-replies`,
    mailReceivedTopic: `${prefix}-mail-received`,
    sendingEventsTopic: `${prefix}-sending-events`,
    agentsDomainPrefix: `${prefix}-agents-${account}`,
    secrets: { nikHashKey: `${prefix}/nik-hash-key` },
    surveyKeySecret: `${prefix}/survey-key`,
    parameters: {
      dataKeyArn: `/${prefix}/storage/data-key-arn`,
      agentsUserPoolId: `/${prefix}/storage/agents-user-pool-id`,
      nikHashKeySecretArn: `/${prefix}/storage/nik-hash-key-secret-arn`,
    },
  };
}

/** The ARN of our receipt rule (CloudFormation exposes none): bucket, key and topic policies name it. */
export function receiptRuleArn(scope: IConstruct, names: Pick<SystemNames, 'receiptRuleSet' | 'receiptRule'>): string {
  const { partition, region, account } = Stack.of(scope);
  return `arn:${partition}:ses:${region}:${account}:receipt-rule-set/${names.receiptRuleSet}:receipt-rule/${names.receiptRule}`;
}
