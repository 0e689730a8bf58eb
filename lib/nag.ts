/**
 * cdk-nag (AwsSolutions) findings we accept, each on the construct it concerns, with the reason.
 * Everything else is fixed in the stacks (own roles instead of managed policies, grants written
 * out without wildcards, TLS-only queues/topics/buckets, access logs, PITR, key rotation).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PipelineStack } from './pipeline-stack.ts';

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

function defaultPolicy(fn: PipelineStack['triage']): IConstruct {
  const policy = fn.fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) throw new Error(`${fn.node.path}: no default policy to acknowledge findings on`);
  return policy;
}

export function acknowledgeNagFindings({
  pipeline,
  mailObjects,
}: {
  pipeline: PipelineStack;
  mailObjects: string;
}): void {
  for (const f of [pipeline.triage, pipeline.mailer, pipeline.agentApi.handler, pipeline.agentApi.sweeper]) {
    ack(
      defaultPolicy(f),
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource-level permissions.',
    );
  }
  ack(
    defaultPolicy(pipeline.triage),
    `AwsSolutions-IAM5[Resource::${mailObjects}]`,
    'Triage reads raw mail objects; their keys are SES message ids, known only at run time. Scoped to the inbound/ prefix, s3:GetObject only.',
  );
  const statusRoute = pipeline.agentApi.api.node.findAll().find((c) => c.node.path.endsWith('GET--status--{ref}'));
  if (!statusRoute) throw new Error('status route not found: cannot acknowledge its public access');
  ack(
    statusRoute,
    'AwsSolutions-APIG4',
    'Public by design: participants check their ticket status without an account. It answers only when the contact matches, reveals nothing otherwise, and is throttled.',
  );
  const activation = pipeline.node
    .findAll()
    .find((c) => c.node.path.endsWith('Receiving/Activate/CustomResourcePolicy'));
  if (activation) {
    ack(
      activation,
      'AwsSolutions-IAM5[Resource::*]',
      'ses:SetActiveReceiptRuleSet supports no resource-level permissions; this role only activates our rule set.',
    );
  }
  // The AwsCustomResource provider is a CDK singleton function, created with the managed basic execution role.
  const provider = Stack.of(pipeline).node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (provider) {
    ack(
      provider,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK AwsCustomResource provider (runs only at deploy time to activate the receipt rule set); its role is not configurable.',
    );
  }
}
