/**
 * cdk-nag (AwsSolutions) findings we accept, each on the construct it concerns, with the reason.
 * Everything else is fixed in the stacks (own roles instead of managed policies, grants written
 * out without wildcards, TLS-only queues/topics/buckets, access logs, PITR, key rotation).
 */
import { type CfnElement, Token, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import type { HandlerFunction } from './constructs/handler-function.ts';
import { systemNames } from './names.ts';
import type { PipelineStack } from './pipeline-stack.ts';
import type { StorageStack } from './storage-stack.ts';

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

function defaultPolicy(scope: IConstruct, role: IConstruct | undefined): IConstruct {
  const policy = role?.node.tryFindChild('DefaultPolicy');
  if (!policy) throw new Error(`${scope.node.path}: no default policy to acknowledge findings on`);
  return policy;
}

const handlerPolicy = (f: HandlerFunction) => defaultPolicy(f, f.fn.role);

export function acknowledgeNagFindings(pipeline: PipelineStack, prefix: string): void {
  const activation = pipeline.receiving.activation;
  const handlers = [
    pipeline.triage,
    pipeline.mailer,
    pipeline.agentApi,
    pipeline.sweeper,
    pipeline.surge,
    pipeline.sendingEvents,
    pipeline.surveyPages,
  ].map((c) => c.handler);
  for (const f of handlers) {
    ack(
      handlerPolicy(f),
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource-level permissions.',
    );
  }
  // How cdk-nag prints the ARN: tokens as <AWS::…>; the partition is a literal once the region is known.
  const printed = (v: string, token: string) => (Token.isUnresolved(v) ? `<AWS::${token}>` : v);
  const { region, partition, account } = pipeline;
  const names = systemNames(prefix, { region: printed(region, 'Region'), account: printed(account, 'AccountId') });
  const rawMail = `AwsSolutions-IAM5[Resource::arn:${printed(partition, 'Partition')}:s3:::${names.mailBucket}/${names.inboundPrefix}*]`;
  ack(
    handlerPolicy(pipeline.triage.handler),
    rawMail,
    'Triage reads raw mail objects; their keys are SES message ids, known only at run time. Scoped to the inbound/ prefix, s3:GetObject only.',
  );
  ack(
    handlerPolicy(pipeline.agentApi.handler),
    rawMail,
    'Supervisors have mail set aside triaged again from its raw object, whose key is known only at run time. Scoped to the inbound/ prefix, s3:GetObject only.',
  );
  const publicRoute = (path: string) => {
    const route = pipeline.agentApi.api.node.findAll().find((c) => c.node.path.endsWith(path));
    if (!route) throw new Error(`public route ${path} not found: cannot acknowledge its public access`);
    return route;
  };
  ack(
    publicRoute('GET--status--{ref}'),
    'AwsSolutions-APIG4',
    'Public by design: participants check their ticket status without an account. It answers only when the contact matches, reveals nothing otherwise, and is throttled.',
  );
  for (const route of ['GET--cek--{ref}', 'POST--cek--{ref}'])
    ack(
      publicRoute(route),
      'AwsSolutions-APIG4',
      "Public by design: the participants' status page, linked from every reply. GET shows only a form; POST shows the status only when the email or phone matches the ticket, the same page otherwise; throttled like the status route.",
    );
  const surveyRoutes = pipeline.agentApi.api.node.findAll().filter((c) => /(GET|POST)--survey$/.test(c.node.path));
  if (surveyRoutes.length !== 2) throw new Error('survey routes not found: cannot acknowledge their public access');
  for (const route of surveyRoutes)
    ack(
      route,
      'AwsSolutions-APIG4',
      'Public by design: the satisfaction survey pages a participant opens from our mail. Only a link signed with the survey key (HMAC, 14 days) shows or records anything; throttled.',
    );
  ack(
    handlerPolicy(activation.handler),
    'AwsSolutions-IAM5[Resource::*]',
    'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet, like X-Ray tracing, support no resource-level permissions; the function runs only at deploy time.',
  );
  const provider = activation.node.findChild('ProviderRole');
  ack(
    defaultPolicy(activation, provider),
    `AwsSolutions-IAM5[Resource::<${pipeline.getLogicalId(activation.handler.fn.node.defaultChild as CfnElement)}.Arn>:*]`,
    'The CDK Provider framework invokes its handler by ARN, versions included (:*); one function, deploy time only.',
  );
  for (const { subscription } of [pipeline.receiving, pipeline.reputation]) {
    ack(
      subscription.undelivered.queue,
      'AwsSolutions-SQS3',
      'It is a dead-letter queue: of an SNS subscription (its RedrivePolicy), which cdk-nag does not recognise as one.',
    );
  }
}

/** The storage stack's own findings. */
export function acknowledgeStorageFindings(storage: StorageStack): void {
  ack(
    storage.surveyKey,
    'AwsSolutions-SMG4',
    'The survey key signs links that stay valid for 14 days: a scheduled rotation would void every survey link in flight. It is rotated by hand when needed (docs/runbook.md, "Rotate the survey key").',
  );
}

/** The template `cdk import` adopts: bare on purpose, the next full deploy adds logging and TLS-only policies. */
export function acknowledgeAdoptionTemplate(storage: StorageStack): void {
  for (const bucket of storage.node.findAll().filter((c) => c instanceof Bucket)) {
    for (const id of ['AwsSolutions-S1', 'AwsSolutions-S10']) {
      ack(
        bucket,
        id,
        'Only in the template cdk import uses to adopt retained resources after a destroy: the next full deploy adds access logging and the TLS-only bucket policy.',
      );
    }
  }
}
