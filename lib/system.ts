/**
 * Wires the stacks with explicit props and applies cdk-nag (AwsSolutions) to all of them.
 * Shared by bin/app.ts and the infra tests, so tests check what is deployed.
 */
import { type App, Aws, Duration, type Environment, Token, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { CATEGORIES } from '#core/types.ts';
import { acknowledgeNagFindings } from './nag.ts';
import { PipelineStack } from './pipeline-stack.ts';
import { StorageStack } from './storage-stack.ts';

const Parameters = z.object({
  prefix: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,30}$/),
  domain: z.string().min(3),
  recipient: z.email(),
  rawMailRetentionDays: z.coerce.number().int().min(1),
  alarmEmail: z.email().optional(),
  logRetentionDays: z.coerce.number().int().min(1),
});
export type SystemParameters = z.infer<typeof Parameters>;

export function systemParametersFromContext(app: App): SystemParameters {
  const get = (k: string) => app.node.tryGetContext(k);
  const r = Parameters.safeParse({
    prefix: get('prefix'),
    domain: get('domain'),
    recipient: get('recipient'),
    rawMailRetentionDays: get('rawMailRetentionDays'),
    alarmEmail: get('alarmEmail') || undefined,
    logRetentionDays: get('logRetentionDays'),
  });
  if (!r.success) throw new Error(`bad CDK context (set with -c key=value): ${z.prettifyError(r.error)}`);
  return r.data;
}

const RETENTION: Record<number, RetentionDays> = {
  30: RetentionDays.ONE_MONTH,
  90: RetentionDays.THREE_MONTHS,
  180: RetentionDays.SIX_MONTHS,
  365: RetentionDays.ONE_YEAR,
};

export function buildSystem(app: App, p: SystemParameters, options: { env?: Environment } = {}) {
  const names = {
    receiptRuleSetName: `${p.prefix}-receiving`,
    receiptRuleName: `${p.prefix}-complaints`,
    inboundPrefix: 'inbound/',
    // Tokens, resolved per stack: bucket names are global, so account and region make it unique.
    mailBucketName: `${p.prefix}-mail-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
  };
  const storage = new StorageStack(app, `${p.prefix}-storage`, {
    env: options.env,
    description: 'Prakerja mail triage: raw mail, tickets, keys (stateful)',
    rawMailRetentionDays: p.rawMailRetentionDays,
    categories: CATEGORIES,
    ...names,
  });
  const pipeline = new PipelineStack(app, `${p.prefix}-pipeline`, {
    env: options.env,
    description: 'Prakerja mail triage: SES receiving, queues, functions, alarms (stateless)',
    domain: p.domain,
    recipient: p.recipient,
    alarmEmail: p.alarmEmail,
    logRetention: RETENTION[p.logRetentionDays] ?? RetentionDays.THREE_MONTHS,
    maxInboundAge: Duration.minutes(15),
    ...names,
    storage,
  });
  // How cdk-nag prints the ARN: the partition is a literal once the region is known (enablePartitionLiterals).
  const partition = Token.isUnresolved(pipeline.partition) ? '<AWS::Partition>' : pipeline.partition;
  const mailObjects = `arn:${partition}:s3:::${p.prefix}-mail-<AWS::AccountId>-<AWS::Region>/${names.inboundPrefix}*`;
  pipeline.addStackDependency(storage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeNagFindings({ pipeline, mailObjects });
  return { storage, pipeline };
}
