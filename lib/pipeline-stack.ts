/**
 * Stateless resources: SES receiving, the inbound/outbound queues, the triage and mailer
 * functions, alarms. Replaceable at any deploy; data lives in the storage stack.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { AgentApi } from './constructs/agent-api.ts';
import type { AgentDirectory } from './constructs/agent-directory.ts';
import { grantItems, grantObjectRead, grantQueueSend } from './constructs/grants.ts';
import { HandlerFunction } from './constructs/handler-function.ts';
import { QueueWithDlq } from './constructs/queue-with-dlq.ts';
import { SesReceiving } from './constructs/ses-receiving.ts';
import { MAX_AUTO_REPLIES_PER_DAY, QUEUES, type QueueSettings, SLA_HOURS } from './settings.ts';

export interface PipelineStackProps extends StackProps {
  /** Verified SES domain; replies are sent from `recipient`, which must be on it. */
  domain: string;
  /** The complaint address participants write to. */
  recipient: string;
  receiptRuleSetName: string;
  receiptRuleName: string;
  inboundPrefix: string;
  mailBucketName: string;
  alarmEmail?: string;
  logRetention: RetentionDays;
  /** Alarm when the oldest inbound mail waits longer than this. */
  maxInboundAge: Duration;
  storage: { key: IKey; mailBucket: Bucket; table: Table; idempotencyTable: Table; agents: AgentDirectory };
}

export class PipelineStack extends Stack {
  readonly alarmTopic: Topic;
  readonly inbound: QueueWithDlq;
  readonly outbound: QueueWithDlq;
  readonly triage: HandlerFunction;
  readonly mailer: HandlerFunction;
  readonly messagingKey: Key;
  readonly agentApi: AgentApi;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { storage } = props;
    const ruleArn = `arn:${this.partition}:ses:${this.region}:${this.account}:receipt-rule-set/${props.receiptRuleSetName}:receipt-rule/${props.receiptRuleName}`;
    const fromOurRule = { StringEquals: { 'aws:SourceAccount': this.account, 'aws:SourceArn': ruleArn } };

    this.messagingKey = new Key(this, 'MessagingKey', {
      description: 'Prakerja triage: SNS topics and SQS queues',
      enableKeyRotation: true,
    });
    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: 'Prakerja triage alarms',
      masterKey: this.messagingKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    // CloudWatch publishes alarms to the encrypted topic.
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    const queue = (name: string, settings: QueueSettings) =>
      new QueueWithDlq(this, name, { settings, key: this.messagingKey, alarmTopic: this.alarmTopic });
    this.inbound = queue('Inbound', QUEUES.inbound);
    this.outbound = queue('Outbound', QUEUES.outbound);

    // SES (S3 action) → SNS topic → SQS inbound
    // Named, so the key policy can name its ARN without referencing the topic (which uses the key: a cycle).
    const receiptsTopicName = `${this.stackName}-mail-received`;
    const receiptsTopicArn = `arn:${this.partition}:sns:${this.region}:${this.account}:${receiptsTopicName}`;
    const receipts = new Topic(this, 'MailReceived', {
      topicName: receiptsTopicName,
      displayName: 'SES: complaint mail stored',
      masterKey: this.messagingKey,
      enforceSSL: true,
    });
    const topicPolicy = receipts.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToPublish',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [receipts.topicArn],
        conditions: fromOurRule,
      }),
    );
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToUseTopicKey',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: fromOurRule,
      }),
    );
    this.messagingKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSnsToDeliverToEncryptedQueue',
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': receiptsTopicArn } },
      }),
    );
    // Written out instead of SqsSubscription: with the restrictSqsDescryption flag it adds a key
    // statement naming the topic by Ref, and the topic is encrypted with the same key (a cycle).
    // AllowSnsToDeliverToEncryptedQueue above is that statement, with the topic's ARN by name.
    const queuePolicy = this.inbound.queue.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        resources: [this.inbound.queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': receipts.topicArn } },
      }),
    );
    const subscription = new Subscription(this, 'InboundSubscription', {
      topic: receipts,
      protocol: SubscriptionProtocol.SQS,
      endpoint: this.inbound.queue.queueArn,
    });
    if (queuePolicy.policyDependable) subscription.node.addDependency(queuePolicy.policyDependable);

    const receiving = new SesReceiving(this, 'Receiving', {
      ruleSetName: props.receiptRuleSetName,
      ruleName: props.receiptRuleName,
      recipients: [props.recipient],
      bucket: storage.mailBucket,
      objectKeyPrefix: props.inboundPrefix,
      topic: receipts,
      logRetention: props.logRetention,
      dependsOn: topicPolicy.policyDependable ? [topicPolicy.policyDependable] : [],
    });
    receiving.node.addDependency(this.messagingKey);

    const common = { logRetention: props.logRetention, alarmTopic: this.alarmTopic };
    this.triage = new HandlerFunction(this, 'Triage', {
      ...common,
      entry: 'triage.ts',
      serviceName: 'triage',
      description: 'Triage inbound complaint mail: parse, extract, classify, file tickets, queue replies',
      timeout: Duration.seconds(QUEUES.inbound.functionTimeoutSeconds),
      memorySize: 1024,
      environment: {
        TABLE_NAME: storage.table.tableName,
        OUTBOUND_QUEUE_URL: this.outbound.queue.queueUrl,
        COMPLAINT_ADDRESSES: props.recipient,
        SLA_HOURS: JSON.stringify(SLA_HOURS),
      },
    });
    grantObjectRead(
      this.triage.fn,
      `arn:${this.partition}:s3:::${props.mailBucketName}/${props.inboundPrefix}*`,
      storage.key,
    );
    grantItems(this.triage.fn, storage.table, storage.key, [
      'GetItem',
      'BatchGetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
    ]);
    grantQueueSend(this.triage.fn, this.outbound.queue, this.messagingKey);
    this.triage.fn.addEventSource(eventSource(this.inbound.queue, QUEUES.inbound));

    this.mailer = new HandlerFunction(this, 'Mailer', {
      ...common,
      entry: 'mailer.ts',
      serviceName: 'mailer',
      description: 'Send threaded Indonesian auto-replies and agent replies through SES',
      timeout: Duration.seconds(QUEUES.outbound.functionTimeoutSeconds),
      environment: {
        TABLE_NAME: storage.table.tableName,
        IDEMPOTENCY_TABLE_NAME: storage.idempotencyTable.tableName,
        FROM_ADDRESS: props.recipient,
        MAX_AUTO_REPLIES_PER_DAY: String(MAX_AUTO_REPLIES_PER_DAY),
      },
    });
    grantItems(this.mailer.fn, storage.table, storage.key, ['PutItem', 'UpdateItem']);
    // Powertools idempotency: conditional put, get on conflict, update on success, delete on failure
    grantItems(this.mailer.fn, storage.idempotencyTable, storage.key, [
      'GetItem',
      'PutItem',
      'UpdateItem',
      'DeleteItem',
    ]);
    this.mailer.fn.addToRolePolicy(
      new PolicyStatement({
        sid: 'SendFromTheComplaintDomainOnly',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/${props.domain}`],
        conditions: { StringEquals: { 'ses:FromAddress': props.recipient } },
      }),
    );
    this.mailer.fn.addEventSource(eventSource(this.outbound.queue, QUEUES.outbound));

    this.agentApi = new AgentApi(this, 'AgentApi', {
      userPool: storage.agents.userPool,
      client: storage.agents.client,
      table: storage.table,
      dataKey: storage.key,
      outbound: this.outbound.queue,
      messagingKey: this.messagingKey,
      logRetention: props.logRetention,
      alarmTopic: this.alarmTopic,
      statusThrottle: { rate: 10, burst: 20 },
    });
    new CfnOutput(this, 'AgentApiUrl', { value: this.agentApi.api.apiEndpoint });

    new Alarm(this, 'InboundBacklog', {
      alarmDescription: `inbound mail waiting longer than ${props.maxInboundAge.toHumanString()}`,
      metric: this.inbound.queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: props.maxInboundAge.toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(this.alarmTopic));
  }
}

function eventSource(queue: QueueWithDlq['queue'], s: QueueSettings): SqsEventSource {
  return new SqsEventSource(queue, {
    batchSize: s.batchSize,
    maxBatchingWindow: Duration.seconds(s.maxBatchingWindowSeconds),
    reportBatchItemFailures: true,
    maxConcurrency: s.maxConcurrency,
  });
}
