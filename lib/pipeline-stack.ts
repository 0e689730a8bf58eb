/**
 * Stateless resources, replaceable at any deploy: SES receiving, the queues, the triage and
 * mailer functions, the agent API and the sweeper, SES sending reputation, alarms and the
 * dashboard. Data lives in the storage stack, found here by name and through SSM parameters
 * read at deploy time: no CloudFormation export ties the two stacks.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { AgentApi } from './constructs/agent-api.ts';
import { MailReceiving } from './constructs/mail-receiving.ts';
import { Mailer } from './constructs/mailer.ts';
import { Messaging } from './constructs/messaging.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { DeadLetterQueue, QueueWithDlq } from './constructs/queue-with-dlq.ts';
import { SendingReputation } from './constructs/sending-reputation.ts';
import { Sweeper } from './constructs/sweeper.ts';
import { Triage } from './constructs/triage.ts';
import type { SystemNames } from './names.ts';
import { QUEUES, type QueueSettings } from './settings.ts';

export interface PipelineStackProps extends StackProps {
  prefix: string;
  names: SystemNames;
  /** Verified SES domain; replies are sent from `recipient`, which must be on it. */
  domain: string;
  /** The complaint address participants write to. */
  recipient: string;
  alarmEmail: string;
  logRetention: RetentionDays;
  /** Ceiling on SES sends per second for all replies together. */
  maxSendsPerSecond: number;
  /** Activate our receipt rule set even when another one is active (it then stops receiving). */
  replaceActiveRuleSet: boolean;
}

/** The storage stack's resources, by name and SSM parameter. */
interface StorageRefs {
  dataKey: IKey;
  table: ITable;
  idempotencyTable: ITable;
  mailObjectsArn: string;
  userPoolId: string;
  consoleClientId: string;
}

export class PipelineStack extends Stack {
  readonly messaging: Messaging;
  readonly receiving: MailReceiving;
  readonly triage: Triage;
  readonly mailer: Mailer;
  readonly agentApi: AgentApi;
  readonly sweeper: Sweeper;
  /** Dead-letter queue of the SNS→SQS subscriptions. */
  readonly undeliverable: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { names } = props;
    const storage = this.storageRefs(names);
    this.messaging = new Messaging(this, 'Messaging', { prefix: props.prefix, alarmEmail: props.alarmEmail });
    const { alerting, key: messagingKey } = this.messaging;
    const queue = (id: string, name: string, settings: QueueSettings, deadLetter: string) =>
      new QueueWithDlq(this, id, { name, settings, deadLetter, key: messagingKey, alerting });
    const inbound = queue('Inbound', 'inbound', QUEUES.inbound, 'inbound mails');
    const outbound = queue('Outbound', 'outbound', QUEUES.outbound, 'reply jobs');
    this.undeliverable = new DeadLetterQueue(this, 'Undeliverable', {
      name: 'notifications',
      holds: 'SNS notifications (mail stored, sending events) that could not be delivered to their queue',
      key: messagingKey,
      alerting,
    });
    const undeliverable = this.undeliverable.queue;

    this.receiving = new MailReceiving(this, 'Receiving', {
      ruleSetName: names.receiptRuleSet,
      ruleName: names.receiptRule,
      recipients: [props.recipient],
      bucketName: names.mailBucket,
      objectKeyPrefix: names.inboundPrefix,
      topicName: names.mailReceivedTopic,
      messaging: this.messaging,
      inbound: inbound.queue,
      undeliverable,
      replaceActiveRuleSet: props.replaceActiveRuleSet,
      logRetention: props.logRetention,
    });
    const reputation = new SendingReputation(this, 'SendingReputation', {
      configurationSetName: names.configurationSet,
      topicName: names.sendingEventsTopic,
      messaging: this.messaging,
      undeliverable,
    });
    const common = { ...storage, messagingKey, logRetention: props.logRetention, alerting };
    this.triage = new Triage(this, 'Triage', { ...common, complaintAddresses: [props.recipient], inbound, outbound });
    this.mailer = new Mailer(this, 'Mailer', {
      ...common,
      domain: props.domain,
      fromAddress: props.recipient,
      configurationSetName: names.configurationSet,
      maxSendsPerSecond: props.maxSendsPerSecond,
      outbound,
    });
    this.agentApi = new AgentApi(this, 'AgentApi', {
      ...common,
      outbound: outbound.queue,
      statusThrottle: { rate: 10, burst: 20 },
    });
    this.sweeper = new Sweeper(this, 'Sweeper', common);

    new Monitoring(this, 'Monitoring', {
      dashboardName: props.prefix,
      alerting,
      tableNames: [names.ticketsTable, names.idempotencyTable],
      queues: { inbound: inbound.queue, outbound: outbound.queue, sendingEvents: reputation.events.queue },
      deadLetterQueues: {
        inbound: inbound.dlq,
        outbound: outbound.dlq,
        notifications: undeliverable,
        sendingEvents: reputation.events.dlq,
      },
      functions: {
        triage: this.triage.handler,
        mailer: this.mailer.handler,
        agentApi: this.agentApi.handler,
        sweeper: this.sweeper.handler,
      },
      api: this.agentApi.api,
    });
    new CfnOutput(this, 'AgentApiUrl', { value: this.agentApi.api.apiEndpoint });
    new CfnOutput(this, 'ActiveReceiptRuleSet', { value: this.receiving.activation.activeRuleSet });
    new CfnOutput(this, 'SendingEventsQueueUrl', { value: reputation.events.queue.queueUrl });
  }

  private storageRefs(names: SystemNames): StorageRefs {
    const parameter = (name: string) => StringParameter.valueForStringParameter(this, name);
    const dataKey = Key.fromKeyArn(this, 'DataKey', parameter(names.parameters.dataKeyArn));
    const table = (id: string, tableName: string) =>
      Table.fromTableAttributes(this, id, { tableName, encryptionKey: dataKey });
    return {
      dataKey,
      table: table('Tickets', names.ticketsTable),
      idempotencyTable: table('Idempotency', names.idempotencyTable),
      mailObjectsArn: `arn:${this.partition}:s3:::${names.mailBucket}/${names.inboundPrefix}*`,
      userPoolId: parameter(names.parameters.agentsUserPoolId),
      consoleClientId: parameter(names.parameters.agentsConsoleClientId),
    };
  }
}
