/**
 * Plays SES receiving: what a receipt rule with an S3 action + SNS topic does with one mail —
 * raw MIME to the bucket under `inbound/<messageId>`, then the "Received" notification, in its
 * SNS envelope, on the inbound queue (the SNS→SQS subscription).
 */
import { randomBytes } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { simpleParser } from 'mailparser';
import { sqsJson } from '#adapters/sqs-json.ts';

export interface ReceivingTarget {
  s3: S3Client;
  sqs: SQSClient;
  bucket: string;
  inboundQueueUrl: string;
  region: string;
}

export type Verdicts = Partial<
  Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED'>
>;

export interface Delivery {
  raw: Uint8Array;
  /** Envelope sender (MAIL FROM). */
  source: string;
  /** Envelope recipients (RCPT TO). */
  recipients: string[];
  verdicts?: Verdicts;
  /** SES's message id; random when not given. */
  messageId?: string;
  at?: Date;
}

/** SES message ids are 40 lower-case base-36 characters. */
export function sesMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(40), (b) => alphabet[b % 36]).join('');
}

async function commonHeaders(raw: Uint8Array) {
  try {
    const m = await simpleParser(Buffer.from(raw), {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
    });
    return { messageId: m.messageId, subject: m.subject, date: m.date?.toUTCString() };
  } catch {
    return {}; // SES still delivers mail it cannot read; so do we
  }
}

/** Where SES's S3 action stores a mail. */
export const inboundObjectKey = (sesMessageId: string) => `inbound/${sesMessageId}`;

/** The "Received" notification SES publishes for a mail its S3 action stored (verdicts PASS unless given). */
export function receivedNotification(
  d: Omit<Delivery, 'raw'> & { messageId: string; at: Date },
  t: Pick<ReceivingTarget, 'bucket' | 'region'>,
  commonHeaders: Record<string, string | undefined> = {},
) {
  const at = d.at.toISOString();
  const v = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', ...d.verdicts };
  const topicArn = `arn:aws:sns:${t.region}:000000000000:prakerja-inbound`;
  return {
    notificationType: 'Received',
    mail: {
      timestamp: at,
      source: d.source,
      messageId: d.messageId,
      destination: d.recipients,
      headersTruncated: false,
      commonHeaders,
    },
    receipt: {
      timestamp: at,
      processingTimeMillis: 1,
      recipients: d.recipients,
      spamVerdict: { status: v.spam },
      virusVerdict: { status: v.virus },
      spfVerdict: { status: v.spf },
      dkimVerdict: { status: v.dkim },
      dmarcVerdict: { status: v.dmarc },
      action: {
        type: 'S3' as const,
        topicArn,
        bucketName: t.bucket,
        objectKeyPrefix: 'inbound/',
        objectKey: inboundObjectKey(d.messageId),
      },
    },
  };
}

export async function deliverToSes(d: Delivery, t: ReceivingTarget): Promise<string> {
  const messageId = d.messageId ?? sesMessageId();
  const at = d.at ?? new Date();
  await t.s3.send(
    new PutObjectCommand({
      Bucket: t.bucket,
      Key: inboundObjectKey(messageId),
      Body: d.raw,
      ContentType: 'message/rfc822',
    }),
  );
  const notification = receivedNotification({ ...d, messageId, at }, t, await commonHeaders(d.raw));
  const envelope = {
    Type: 'Notification',
    MessageId: sesMessageId(),
    TopicArn: notification.receipt.action.topicArn,
    Subject: 'Amazon SES Email Receipt Notification',
    Message: JSON.stringify(notification), // the outer sqsJson escapes it for SQS
    Timestamp: at.toISOString(),
  };
  await t.sqs.send(new SendMessageCommand({ QueueUrl: t.inboundQueueUrl, MessageBody: sqsJson(envelope) }));
  return messageId;
}
