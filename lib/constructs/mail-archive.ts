/**
 * Where SES stores raw mail: a bucket with a fixed name (so a redeploy can adopt it), SSE-KMS with
 * the data key (bucket key on), no public access, TLS only, access-logged (by bucket policy, not
 * ACL), raw mail expiring after the retention, and SES allowed to write for our receipt rule only.
 * Retained on delete, like its access-log bucket.
 *
 * `bare` leaves out everything that is not retained (policies, logging), for the template
 * `cdk import` adopts after a destroy; the next full deploy adds them back.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface MailArchiveProps {
  bucketName: string;
  accessLogBucketName: string;
  key: IKey;
  /** Prefix SES writes raw mail under; objects under it expire after the retention. */
  inboundPrefix: string;
  rawMailRetentionDays: number;
  /** Conditions naming our receipt rule (aws:SourceAccount, aws:SourceArn). */
  fromOurRule: Record<string, unknown>;
  bare: boolean;
}

export class MailArchive extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: MailArchiveProps) {
    super(scope, id);
    const retention = Duration.days(props.rawMailRetentionDays);
    const full = !props.bare;
    const accessLogs = new Bucket(this, 'AccessLogs', {
      bucketName: props.accessLogBucketName,
      // S3 server access logs can only be delivered to an SSE-S3 bucket.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: full,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: retention }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'MailBucket', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: full,
      versioned: false,
      ...(full ? { serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'mail-bucket/' } : {}),
      lifecycleRules: [{ id: 'expire-raw-mail', prefix: props.inboundPrefix, expiration: retention }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!full) return;
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowSesReceiptRuleToStoreRawMail',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${props.inboundPrefix}*`)],
        conditions: props.fromOurRule,
      }),
    );
  }
}
