/**
 * Stateless resources, replaceable at any deploy: SES receiving, the queues, the triage and
 * mailer functions, the agent API and the sweeper, the agents' console (site, app client and
 * managed login domain), SES sending reputation, alarms and the dashboard. Data lives in the
 * storage stack, found here by name and through SSM parameters read at deploy time: no
 * CloudFormation export ties the two stacks.
 *
 * The console is here, not in a stack of its own, because it and the API need each other: the
 * API's JWT audience is the console's app client and its CORS origin the console's distribution,
 * and the console's config.json names the API's URL. In one stack CloudFormation orders them
 * (distribution, client, API, config.json); in two, each would wait for the other.
 */
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { type ITable, Table } from 'aws-cdk-lib/aws-dynamodb';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { AgentApi } from './constructs/agent-api.ts';
import { ConsoleSite } from './constructs/console-site.ts';
import { MailReceiving } from './constructs/mail-receiving.ts';
import { Mailer } from './constructs/mailer.ts';
import { Messaging } from './constructs/messaging.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { QueueWithDlq } from './constructs/queue-with-dlq.ts';
import { SendingEvents } from './constructs/sending-events.ts';
import { SendingReputation } from './constructs/sending-reputation.ts';
import { SurgeEvaluation } from './constructs/surge.ts';
import { SurveyPages } from './constructs/survey-pages.ts';
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
  /** The built console (web/dist). */
  siteDirectory: string;
  /** After a resolution, when its satisfaction survey is sent. */
  surveyDelayMinutes: number;
  /** Days an ended ticket is kept before the sweeper deletes it. */
  ticketRetentionDays: number;
  /** Days raw mail is kept (the storage stack's lifecycle rule): the records of mail set aside expire with it. */
  rawMailRetentionDays: number;
  /** When a ticket waiting for the participant is reminded, and then closed unanswered (service days). */
  waiting: { remindAfterServiceDays: number; closeAfterServiceDays: number };
  /** Where the survey links point; the HTTP API's own URL when not given (e.g. a custom domain). */
  surveyBaseUrl?: string;
}

/** The storage stack's resources, by name and SSM parameter. */
interface StorageRefs {
  dataKey: IKey;
  table: ITable;
  mailObjectsArn: string;
  userPoolId: string;
  nikHashKeySecretArn: string;
}

export class PipelineStack extends Stack {
  readonly messaging: Messaging;
  readonly inbound: QueueWithDlq;
  readonly outbound: QueueWithDlq;
  readonly receiving: MailReceiving;
  readonly reputation: SendingReputation;
  readonly triage: Triage;
  readonly mailer: Mailer;
  readonly agentApi: AgentApi;
  readonly sweeper: Sweeper;
  readonly surge: SurgeEvaluation;
  readonly sendingEvents: SendingEvents;
  readonly console: ConsoleSite;
  readonly surveyPages: SurveyPages;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { names } = props;
    this.messaging = new Messaging(this, 'Messaging', { prefix: props.prefix, alarmEmail: props.alarmEmail });
    const { alerting, key } = this.messaging;
    const queue = (id: string, name: string, settings: QueueSettings, deadLetter: string) =>
      new QueueWithDlq(this, id, { name, settings, deadLetter, key, alerting });
    this.inbound = queue('Inbound', 'inbound', QUEUES.inbound, 'inbound mails');
    this.outbound = queue('Outbound', 'outbound', QUEUES.outbound, 'reply jobs');
    this.receiving = new MailReceiving(this, 'Receiving', {
      ruleSetName: names.receiptRuleSet,
      ruleName: names.receiptRule,
      recipients: [props.recipient],
      bucketName: names.mailBucket,
      objectKeyPrefix: names.inboundPrefix,
      topicName: names.mailReceivedTopic,
      messaging: this.messaging,
      inbound: this.inbound.queue,
      replaceActiveRuleSet: props.replaceActiveRuleSet,
      logRetention: props.logRetention,
    });
    this.reputation = new SendingReputation(this, 'SendingReputation', {
      configurationSetName: names.configurationSet,
      topicName: names.sendingEventsTopic,
      messaging: this.messaging,
    });
    const handlers = this.functions(props);
    this.triage = handlers.triage;
    this.mailer = handlers.mailer;
    this.agentApi = handlers.agentApi;
    this.sweeper = handlers.sweeper;
    this.surge = handlers.surge;
    this.sendingEvents = handlers.sendingEvents;
    this.console = handlers.console;
    this.surveyPages = handlers.surveyPages;
    this.monitor(props);
  }

  /** The handlers, each with what it reads and writes, and the console in front of the agent API. */
  private functions(props: PipelineStackProps) {
    const { names } = props;
    const { alerting, key: messagingKey } = this.messaging;
    const common = { ...this.storageRefs(names), messagingKey, logRetention: props.logRetention, alerting };
    const { inbound, outbound } = this;
    // The console is made first: the API takes its client and origins; its config.json takes
    // the API's URL once the API exists (a lazy value, resolved at synth).
    const site: ConsoleSite = new ConsoleSite(this, 'Console', {
      siteDirectory: props.siteDirectory,
      apiUrl: Lazy.string({ produce: (): string => agentApi.api.apiEndpoint }),
      userPool: UserPool.fromUserPoolId(this, 'Agents', common.userPoolId),
      loginDomainPrefix: names.agentsDomainPrefix,
      logRetention: props.logRetention,
    });
    const agentApi: AgentApi = new AgentApi(this, 'AgentApi', {
      ...common,
      consoleClientId: site.client.userPoolClientId,
      consoleOrigins: site.origins,
      inbound,
      outbound,
      complaintAddresses: [props.recipient],
      publicThrottle: { rate: 10, burst: 20 },
      surveyDelayMinutes: props.surveyDelayMinutes,
      rawMailRetentionDays: props.rawMailRetentionDays,
    });
    new CfnOutput(this, 'AgentApiUrl', { value: agentApi.api.apiEndpoint });
    new CfnOutput(this, 'AgentsSignInUrl', { value: site.loginDomain.baseUrl() });
    new CfnOutput(this, 'AgentsConsoleClientId', { value: site.client.userPoolClientId });
    const surveyPages = new SurveyPages(this, 'SurveyPages', {
      ...common,
      api: agentApi,
      surveyKeySecret: names.surveyKeySecret,
    });
    return {
      console: site,
      surveyPages,
      triage: new Triage(this, 'Triage', {
        ...common,
        complaintAddresses: [props.recipient],
        inbound,
        outbound,
        rawMailRetentionDays: props.rawMailRetentionDays,
      }),
      mailer: new Mailer(this, 'Mailer', {
        ...common,
        domain: props.domain,
        fromAddress: props.recipient,
        configurationSetName: names.configurationSet,
        // The participants' status page is on the agent API's public URL (GET/POST /cek/{ref}).
        statusBaseUrl: agentApi.api.apiEndpoint,
        maxSendsPerSecond: props.maxSendsPerSecond,
        outbound,
      }),
      agentApi,
      sweeper: new Sweeper(this, 'Sweeper', {
        ...common,
        outbound: outbound.queue,
        surveyBaseUrl: props.surveyBaseUrl ?? agentApi.api.apiEndpoint,
        surveyKeySecret: names.surveyKeySecret,
        ticketRetentionDays: props.ticketRetentionDays,
        waiting: props.waiting,
      }),
      surge: new SurgeEvaluation(this, 'Surge', { ...common, outbound: outbound.queue }),
      sendingEvents: new SendingEvents(this, 'SendingEvents', { ...common, events: this.reputation.events }),
    };
  }

  /** Made last: the table throttle alarm, re-notification, the dashboard, and outputs for the runbook. */
  private monitor(props: PipelineStackProps): void {
    const { names } = props;
    const events = this.reputation.events;
    new Monitoring(this, 'Monitoring', {
      dashboardName: props.prefix,
      alerting: this.messaging.alerting,
      tableNames: [names.ticketsTable],
      queues: { inbound: this.inbound.queue, outbound: this.outbound.queue, sendingEvents: events.queue },
      deadLetterQueues: {
        inbound: this.inbound.dlq,
        outbound: this.outbound.dlq,
        sendingEvents: events.dlq,
        mailReceivedUndelivered: this.receiving.subscription.undelivered.queue,
        sendingEventsUndelivered: this.reputation.subscription.undelivered.queue,
      },
      functions: {
        triage: this.triage.handler,
        mailer: this.mailer.handler,
        agentApi: this.agentApi.handler,
        sweeper: this.sweeper.handler,
        sendingEvents: this.sendingEvents.handler,
        surge: this.surge.handler,
        survey: this.surveyPages.handler,
      },
      api: this.agentApi.api,
    });
    new CfnOutput(this, 'ActiveReceiptRuleSet', { value: this.receiving.activation.activeRuleSet });
    new CfnOutput(this, 'SendingEventsQueueUrl', { value: events.queue.queueUrl });
  }

  private storageRefs(names: SystemNames): StorageRefs {
    const parameter = (name: string) => StringParameter.valueForStringParameter(this, name);
    const dataKey = Key.fromKeyArn(this, 'DataKey', parameter(names.parameters.dataKeyArn));
    const table = (id: string, tableName: string) =>
      Table.fromTableAttributes(this, id, { tableName, encryptionKey: dataKey });
    return {
      dataKey,
      table: table('Tickets', names.ticketsTable),
      mailObjectsArn: `arn:${this.partition}:s3:::${names.mailBucket}/${names.inboundPrefix}*`,
      userPoolId: parameter(names.parameters.agentsUserPoolId),
      nikHashKeySecretArn: parameter(names.parameters.nikHashKeySecretArn),
    };
  }
}
