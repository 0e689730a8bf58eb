/**
 * The pipeline's messaging key (SNS topics and SQS queues, rotated) and the ops topic every alarm
 * notifies, with its e-mail subscription (required: alarms nobody reads are no alarms).
 *
 * Topics are named, so key statements name their ARNs as text: a Ref to a topic encrypted with
 * this key, written into this key's policy, would be a reference cycle.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { Alerting } from './alerting.ts';

export interface MessagingProps {
  /** Prefix of every alarm name. */
  prefix: string;
  alarmEmail: string;
}

export class Messaging extends Construct {
  readonly key: Key;
  readonly alerting: Alerting;

  constructor(scope: Construct, id: string, props: MessagingProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Prakerja triage: SNS topics and SQS queues',
      enableKeyRotation: true,
    });
    const alarmTopic = new Topic(this, 'Alarms', {
      displayName: 'Prakerja triage alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    // CloudWatch publishes alarms to the encrypted topic.
    this.allowService('AllowCloudWatchAlarmsToPublish', 'cloudwatch.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
    });
    this.alerting = new Alerting(alarmTopic, props.prefix);
  }

  /** ARN of a topic in this stack, from its name. */
  topicArn(name: string): string {
    const { partition, region, account } = Stack.of(this);
    return `arn:${partition}:sns:${region}:${account}:${name}`;
  }

  /** Lets a service principal encrypt and decrypt with the key, under the given conditions. */
  allowService(sid: string, service: string, conditions: Record<string, unknown>): void {
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid,
        principals: [new ServicePrincipal(service)],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions,
      }),
    );
  }
}
