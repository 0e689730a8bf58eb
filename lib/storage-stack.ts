/**
 * Stateful resources: they hold participants' data and must never be replaced by a deploy.
 * KMS key (rotated), the raw-mail bucket (SSE-KMS, TLS-only, no public access, access-logged,
 * raw mail expiring after the retention), the tickets table and the idempotency table.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AgentDirectory } from './constructs/agent-directory.ts';
import { IDEMPOTENCY_TABLE, TABLE } from './settings.ts';

export interface StorageStackProps extends StackProps {
  /** Days raw mail is kept before the lifecycle rule deletes it. */
  rawMailRetentionDays: number;
  /** SES receipt rule set and rule names: the bucket and key grant SES access for this rule only. */
  receiptRuleSetName: string;
  receiptRuleName: string;
  /** Prefix under which SES writes raw mail. */
  inboundPrefix: string;
  /** Globally unique: derive it from the prefix, account and region (see system.ts). */
  mailBucketName: string;
  /** Work lists agents can be given (one Cognito group each). */
  categories: readonly string[];
}

export class StorageStack extends Stack {
  readonly key: Key;
  readonly mailBucket: Bucket;
  readonly table: Table;
  readonly idempotencyTable: Table;
  readonly agents: AgentDirectory;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const ruleArn = `arn:${this.partition}:ses:${this.region}:${this.account}:receipt-rule-set/${props.receiptRuleSetName}:receipt-rule/${props.receiptRuleName}`;
    const fromOurRule = { StringEquals: { 'aws:SourceAccount': this.account, 'aws:SourceArn': ruleArn } };

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

    const accessLogs = new Bucket(this, 'AccessLogs', {
      // S3 server access logs can only be delivered to an SSE-S3 bucket.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.rawMailRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.mailBucket = new Bucket(this, 'MailBucket', {
      bucketName: props.mailBucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'mail-bucket/',
      lifecycleRules: [
        { id: 'expire-raw-mail', prefix: props.inboundPrefix, expiration: Duration.days(props.rawMailRetentionDays) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.mailBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToStoreRawMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.mailBucket.arnForObjects(`${props.inboundPrefix}*`)],
        conditions: fromOurRule,
      }),
    );

    const tableCommon = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.table = new Table(this, 'Tickets', {
      ...tableCommon,
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TABLE.ttlAttribute,
    });
    for (const ix of [TABLE.queueIndex, TABLE.listIndex]) {
      this.table.addGlobalSecondaryIndex({
        indexName: ix.name,
        partitionKey: { name: ix.partitionKey, type: AttributeType.STRING },
        sortKey: { name: ix.sortKey, type: AttributeType.STRING },
      });
    }
    this.idempotencyTable = new Table(this, 'Idempotency', {
      ...tableCommon,
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
    });
    this.agents = new AgentDirectory(this, 'AgentDirectory', { categories: props.categories });
  }
}
