/**
 * SES receiving for the complaint address: a receipt rule set with one rule (spam/virus scanning
 * on, TLS required) whose S3 action stores the raw mail and notifies an SNS topic. L1 resources
 * because the L2 S3 action writes its own bucket policy without an aws:SourceArn condition.
 *
 * CloudFormation cannot make a rule set the active one, so an AwsCustomResource calls
 * SetActiveReceiptRuleSet on create/update and deactivates it on delete. Note: an account has one
 * active rule set per region; deploying this replaces whichever was active.
 */

import { RemovalPolicy } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CfnReceiptRule, CfnReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct, type IDependable } from 'constructs';

export interface SesReceivingProps {
  ruleSetName: string;
  ruleName: string;
  recipients: string[];
  bucket: IBucket;
  objectKeyPrefix: string;
  topic: ITopic;
  logRetention: RetentionDays;
  /** Policies SES needs in place before the rule is created (SES checks its permissions then). */
  dependsOn: IDependable[];
}

export class SesReceiving extends Construct {
  readonly rule: CfnReceiptRule;
  readonly activation: AwsCustomResource;

  constructor(scope: Construct, id: string, props: SesReceivingProps) {
    super(scope, id);
    const ruleSet = new CfnReceiptRuleSet(this, 'RuleSet', { ruleSetName: props.ruleSetName });
    this.rule = new CfnReceiptRule(this, 'Rule', {
      ruleSetName: props.ruleSetName,
      rule: {
        name: props.ruleName,
        enabled: true,
        recipients: props.recipients,
        scanEnabled: true,
        tlsPolicy: 'Require',
        actions: [
          {
            s3Action: {
              bucketName: props.bucket.bucketName,
              objectKeyPrefix: props.objectKeyPrefix,
              topicArn: props.topic.topicArn,
            },
          },
        ],
      },
    });
    this.rule.addResourceDependency(ruleSet);
    for (const d of props.dependsOn) this.rule.node.addDependency(d);

    const call = (parameters: Record<string, string>) => ({
      service: 'SES',
      action: 'SetActiveReceiptRuleSet',
      parameters,
      physicalResourceId: PhysicalResourceId.of(`active-${props.ruleSetName}`),
    });
    this.activation = new AwsCustomResource(this, 'Activate', {
      onCreate: call({ RuleSetName: props.ruleSetName }),
      onUpdate: call({ RuleSetName: props.ruleSetName }),
      onDelete: call({}), // no name: deactivates (SES then receives nothing for this account/region)
      // SetActiveReceiptRuleSet is not resource-scoped in IAM: it only accepts "*".
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'ActivationLogs', {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.activation.node.addDependency(this.rule);
  }
}
