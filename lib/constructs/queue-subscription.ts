/**
 * An SNS topic delivering into an SQS queue on the messaging key, with its own dead-letter queue
 * for what SNS cannot deliver (a client-side error such as a key or queue policy problem: SNS
 * does not retry those; redriving it into the queue resumes the flow) and an alarm on failed
 * deliveries.
 *
 * Written out instead of SqsSubscription: with the restrictSqsDescryption flag that adds a key
 * statement naming the topic by Ref to the key the topic is encrypted with (a cycle); the key
 * statement for SNS is made by the caller, naming the topic's ARN as text.
 */
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type ITopic, Subscription, SubscriptionProtocol } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alerting } from './alerting.ts';
import { DeadLetterQueue } from './queue-with-dlq.ts';

export interface QueueSubscriptionProps {
  /** Names the alarms: `<name>-delivery-failed`, `<name>-undelivered-not-empty`, `<name>-undelivered-ageing`. */
  name: string;
  topic: ITopic;
  queue: IQueue;
  key: IKey;
  /** Deliver the published message as the SQS body, without SNS's envelope. */
  rawMessageDelivery?: boolean;
  alerting: Alerting;
}

export class QueueSubscription extends Construct {
  /** What SNS could not deliver, exactly as it would have arrived in `queue`. */
  readonly undelivered: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: QueueSubscriptionProps) {
    super(scope, id);
    const { topic, queue } = props;
    this.undelivered = new DeadLetterQueue(this, 'Undelivered', {
      name: `${props.name}-undelivered`,
      holds: `${props.name} notifications SNS could not deliver to their queue`,
      key: props.key,
      alerting: props.alerting,
    });
    const queuePolicy = queue.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
    const subscription = new Subscription(this, 'Resource', {
      topic,
      protocol: SubscriptionProtocol.SQS,
      endpoint: queue.queueArn,
      rawMessageDelivery: props.rawMessageDelivery,
      deadLetterQueue: this.undelivered.queue,
    });
    if (queuePolicy.policyDependable) subscription.node.addDependency(queuePolicy.policyDependable);
    props.alerting.alarm(this, 'DeliveryFailed', {
      name: `${props.name}-delivery-failed`,
      description: `SNS could not deliver ${props.name} notifications to their queue.`,
      metric: topic.metricNumberOfNotificationsFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
    });
  }
}
