/**
 * What guards the account's SES sending reputation: the configuration set every reply is sent
 * with (reputation metrics on, the account's suppression list for bounces and complaints), its
 * bounce, complaint, reject and delivery-delay events published to a topic that delivers them,
 * as raw SES event JSON, into a queue for the suppression-list consumer, and alarms on the
 * account's bounce and complaint rates well before SES reviews the account.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { ComparisonOperator, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailSendingEvent, EventDestination, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { QUEUES } from '../settings.ts';
import type { Messaging } from './messaging.ts';
import { QueueSubscription } from './queue-subscription.ts';
import { QueueWithDlq } from './queue-with-dlq.ts';

/**
 * SES puts an account under review at about 5% bounces or 0.1% complaints (and may pause sending
 * at 10% / 0.5%): alarm at half the review levels. Account-wide metrics, as SES judges the account.
 */
export const REPUTATION_ALARMS = { bounceRate: 0.025, complaintRate: 0.0005 };
export const SENDING_EVENTS = [
  // SES's own word that it accepted a reply: the mailer's second witness of a send.
  EmailSendingEvent.SEND,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
];

export interface SendingReputationProps {
  configurationSetName: string;
  topicName: string;
  messaging: Messaging;
}

export class SendingReputation extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** Bounce, complaint, reject and delivery-delay events (the SQS body is SES's event JSON). */
  readonly events: QueueWithDlq;
  readonly subscription: QueueSubscription;

  constructor(scope: Construct, id: string, props: SendingReputationProps) {
    super(scope, id);
    const { messaging } = props;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.events = new QueueWithDlq(this, 'Events', {
      name: 'sending-events',
      deadLetter: 'SES sending events the suppression-list consumer',
      settings: QUEUES.sendingEvents,
      key: messaging.key,
      alerting: messaging.alerting,
    });
    this.subscription = this.publishEvents(props);
    this.alarmOnReputation(messaging);
  }

  private publishEvents(props: SendingReputationProps): QueueSubscription {
    const { messaging } = props;
    const { partition, region, account } = Stack.of(this);
    const fromOurConfigurationSet = {
      StringEquals: {
        'aws:SourceAccount': account,
        'aws:SourceArn': `arn:${partition}:ses:${region}:${account}:configuration-set/${props.configurationSetName}`,
      },
    };
    const topic = new Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'SES: bounces, complaints, rejects, delivery delays of our replies',
      masterKey: messaging.key,
      enforceSSL: true,
    });
    const topicPolicy = topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesConfigurationSetToPublish',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: fromOurConfigurationSet,
      }),
    );
    messaging.allowService('AllowSesConfigurationSetToUseTopicKey', 'ses.amazonaws.com', fromOurConfigurationSet);
    messaging.allowService('AllowSnsToDeliverSendingEvents', 'sns.amazonaws.com', {
      ArnEquals: { 'aws:SourceArn': messaging.topicArn(props.topicName) },
    });
    const subscription = new QueueSubscription(this, 'ToQueue', {
      name: 'sending-events',
      topic,
      queue: this.events.queue,
      key: messaging.key,
      rawMessageDelivery: true,
      alerting: messaging.alerting,
    });
    const destination = this.configurationSet.addEventDestination('ToTopic', {
      destination: EventDestination.snsTopic(topic),
      events: SENDING_EVENTS,
    });
    if (topicPolicy.policyDependable) destination.node.addDependency(topicPolicy.policyDependable);
    destination.node.addDependency(messaging.key);
    return subscription;
  }

  private alarmOnReputation(messaging: Messaging): void {
    const rate = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
    messaging.alerting.alarm(this, 'BounceRate', {
      name: 'ses-bounce-rate',
      description: `The account's SES bounce rate reached ${percent(REPUTATION_ALARMS.bounceRate)} (SES reviews accounts at about 5%).`,
      metric: rate('Reputation.BounceRate'),
      threshold: REPUTATION_ALARMS.bounceRate,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    messaging.alerting.alarm(this, 'ComplaintRate', {
      name: 'ses-complaint-rate',
      description: `The account's SES complaint rate reached ${percent(REPUTATION_ALARMS.complaintRate)} (SES reviews accounts at about 0.1%).`,
      metric: rate('Reputation.ComplaintRate'),
      threshold: REPUTATION_ALARMS.complaintRate,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
}
