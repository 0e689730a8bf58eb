/**
 * SES receiving for the complaint address: a receipt rule set with one rule (spam/virus scanning
 * on, TLS required) whose S3 action stores the raw mail in the storage stack's bucket (by name)
 * and notifies a topic that delivers into the inbound queue. L1 receipt rule because the L2 S3
 * action writes a bucket policy without aws:SourceArn; the bucket, topic and key policies all
 * name our rule. The rule set is activated without taking another system's mail.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnReceiptRule, CfnReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { receiptRuleArn } from '../names.ts';
import type { Messaging } from './messaging.ts';
import { QueueSubscription } from './queue-subscription.ts';
import { ReceiptRuleSetActivation } from './receipt-rule-set-activation.ts';

export interface MailReceivingProps {
  ruleSetName: string;
  ruleName: string;
  recipients: string[];
  bucketName: string;
  objectKeyPrefix: string;
  topicName: string;
  messaging: Messaging;
  inbound: IQueue;
  replaceActiveRuleSet: boolean;
  logRetention: RetentionDays;
}

export class MailReceiving extends Construct {
  readonly rule: CfnReceiptRule;
  readonly subscription: QueueSubscription;
  readonly activation: ReceiptRuleSetActivation;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const { messaging } = props;
    const fromOurRule = {
      StringEquals: {
        'aws:SourceAccount': Stack.of(this).account,
        'aws:SourceArn': receiptRuleArn(this, { receiptRuleSet: props.ruleSetName, receiptRule: props.ruleName }),
      },
    };
    const topic = new Topic(this, 'MailReceived', {
      topicName: props.topicName,
      displayName: 'SES: complaint mail stored',
      masterKey: messaging.key,
      enforceSSL: true,
    });
    const topicPolicy = topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToPublish',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: fromOurRule,
      }),
    );
    messaging.allowService('AllowSesReceiptRuleToUseTopicKey', 'ses.amazonaws.com', fromOurRule);
    messaging.allowService('AllowSnsToDeliverMailReceived', 'sns.amazonaws.com', {
      ArnEquals: { 'aws:SourceArn': messaging.topicArn(props.topicName) },
    });
    this.subscription = new QueueSubscription(this, 'ToInbound', {
      name: 'mail-received',
      topic,
      queue: props.inbound,
      key: messaging.key,
      alerting: messaging.alerting,
    });

    this.rule = this.receiptRule(props, topic.topicArn);
    // SES checks its permissions when the rule is created: the policies must be in place first.
    if (topicPolicy.policyDependable) this.rule.node.addDependency(topicPolicy.policyDependable);
    this.rule.node.addDependency(messaging.key);

    this.activation = new ReceiptRuleSetActivation(this, 'Activation', {
      ruleSetName: props.ruleSetName,
      replaceActiveRuleSet: props.replaceActiveRuleSet,
      logRetention: props.logRetention,
    });
    this.activation.node.addDependency(this.rule);
  }

  private receiptRule(props: MailReceivingProps, topicArn: string): CfnReceiptRule {
    const ruleSet = new CfnReceiptRuleSet(this, 'RuleSet', { ruleSetName: props.ruleSetName });
    const rule = new CfnReceiptRule(this, 'Rule', {
      ruleSetName: props.ruleSetName,
      rule: {
        name: props.ruleName,
        enabled: true,
        recipients: props.recipients,
        scanEnabled: true,
        tlsPolicy: 'Require',
        actions: [{ s3Action: { bucketName: props.bucketName, objectKeyPrefix: props.objectKeyPrefix, topicArn } }],
      },
    });
    rule.addResourceDependency(ruleSet);
    return rule;
  }
}
