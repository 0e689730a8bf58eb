/**
 * Stateful resources: they hold participants' data and agents, and are never replaced by a
 * deploy: the data key (rotated), the raw-mail bucket, the tickets table, the HMAC keys, the survey
 * links' signing key, the agents' user pool. All retained on delete, with fixed names where the service allows one.
 *
 * The pipeline stack finds them by name, and the key and the agents' pool through SSM
 * parameters written here: no CloudFormation export ties the stacks, so either can change alone.
 * `adoptRetained` synthesizes only the retained resources, bare: the template `cdk import` uses
 * to adopt them after a `cdk destroy` (docs/runbook.md, "Redeploy after cdk destroy").
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { AgentDirectory } from './constructs/agent-directory.ts';
import { HashKeys } from './constructs/hash-keys.ts';
import { MailArchive } from './constructs/mail-archive.ts';
import { TicketTables } from './constructs/ticket-tables.ts';
import { receiptRuleArn, type SystemNames } from './names.ts';

export interface StorageStackProps extends StackProps {
  names: SystemNames;
  /** Days raw mail is kept before the lifecycle rule deletes it. */
  rawMailRetentionDays: number;
  /** Work lists agents can be given (one Cognito group each). */
  categories: readonly string[];
  /** Verified SES domain (Cognito mails agents from it). */
  domain: string;
  /** Only the retained resources, bare, for `cdk import`. */
  adoptRetained?: boolean;
}

export class StorageStack extends Stack {
  readonly key: Key;
  readonly mailBucket: Bucket;
  readonly tables: TicketTables;
  readonly agents: AgentDirectory;
  readonly hashKeys: HashKeys;
  readonly surveyKey: Secret;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { names } = props;
    const bare = props.adoptRetained === true;
    const fromOurRule = {
      StringEquals: {
        'aws:SourceAccount': this.account,
        'aws:SourceArn': receiptRuleArn(this, names),
      },
    };
    this.key = new Key(this, 'DataKey', {
      description: 'Prakerja triage: raw mail and tickets (personal data)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // SES writes raw mail into the SSE-KMS bucket: it needs a data key, for our rule only.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToEncryptRawMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: fromOurRule,
      }),
    );
    this.mailBucket = new MailArchive(this, 'MailArchive', {
      bucketName: names.mailBucket,
      accessLogBucketName: names.accessLogBucket,
      key: this.key,
      inboundPrefix: names.inboundPrefix,
      rawMailRetentionDays: props.rawMailRetentionDays,
      fromOurRule,
      bare,
    }).bucket;
    this.tables = new TicketTables(this, 'Tables', {
      ticketsTableName: names.ticketsTable,
      key: this.key,
    });
    this.hashKeys = new HashKeys(this, 'HashKeys', { nikHashKeyName: names.secrets.nikHashKey, key: this.key });
    // Signs the survey links (HMAC-SHA256). Retained: a new key would void every link in flight.
    this.surveyKey = new Secret(this, 'SurveyKey', {
      secretName: names.surveyKeySecret,
      description: 'Prakerja triage: the key that signs satisfaction survey links',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.agents = new AgentDirectory(this, 'AgentDirectory', {
      categories: props.categories,
      mailDomain: props.domain,
    });
    if (!bare) this.publish(names);
  }

  /** What the pipeline stack reads at deploy time, by parameter name. */
  private publish(names: SystemNames): void {
    const { userPool } = this.agents;
    const values: [keyof SystemNames['parameters'], string][] = [
      ['dataKeyArn', this.key.keyArn],
      ['agentsUserPoolId', userPool.userPoolId],
      ['nikHashKeySecretArn', this.hashKeys.nikHashKey.secretArn],
    ];
    for (const [id, value] of values) {
      new StringParameter(this, `Parameter-${id}`, { parameterName: names.parameters[id], stringValue: value });
    }
    new CfnOutput(this, 'AgentsUserPoolId', { value: userPool.userPoolId });
  }
}
