/**
 * Plays SES receiving: what a receipt rule with an S3 action + SNS topic does with one mail —
 * raw MIME to the bucket under `inbound/<messageId>`, then the "Received" notification, in its
 * SNS envelope, on the inbound queue (the SNS→SQS subscription).
 */
import { randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import PostalMime from 'postal-mime';
import { sqsJson } from '#adapters/sqs-json.ts';

export interface ReceivingTarget {
  s3: S3Client;
  sqs: SQSClient;
  bucket: string;
  inboundQueueUrl: string;
  region: string;
  /** Keeps each raw mail on disk before it is stored (npm start --data), so a restart can put it back. */
  archive?: { keep(key: string, raw: Uint8Array): void };
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
    const m = await PostalMime.parse(raw);
    const date = m.date ? new Date(m.date) : undefined;
    return {
      messageId: m.messageId,
      subject: m.subject,
      date: date && !Number.isNaN(date.getTime()) ? date.toUTCString() : undefined,
    };
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

/** Mail over this size goes to S3 in parts of this size (S3 parts are 5 MiB at least). */
const PART_BYTES = 8 * 1024 * 1024;

/**
 * Stores one raw mail. The local S3 (fauxqs) takes request bodies up to 11 MiB while SES takes
 * mail up to 40 MB, so larger mail is uploaded with S3's multipart API, as SES does for large
 * objects. Written by hand: @aws-sdk/lib-storage would add a dependency for these few calls.
 */
export async function putRawMail(s3: S3Client, bucket: string, key: string, raw: Uint8Array): Promise<void> {
  const object = { Bucket: bucket, Key: key };
  if (raw.byteLength <= PART_BYTES) {
    await s3.send(new PutObjectCommand({ ...object, Body: raw, ContentType: 'message/rfc822' }));
    return;
  }
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ ...object, ContentType: 'message/rfc822' }));
  try {
    const parts: { ETag?: string; PartNumber: number }[] = [];
    for (let start = 0, n = 1; start < raw.byteLength; start += PART_BYTES, n++) {
      const body = raw.subarray(start, start + PART_BYTES);
      const { ETag } = await s3.send(new UploadPartCommand({ ...object, UploadId, PartNumber: n, Body: body }));
      parts.push({ ETag, PartNumber: n });
    }
    await s3.send(new CompleteMultipartUploadCommand({ ...object, UploadId, MultipartUpload: { Parts: parts } }));
  } catch (err) {
    await s3.send(new AbortMultipartUploadCommand({ ...object, UploadId })).catch(() => undefined);
    throw err;
  }
}

export async function deliverToSes(d: Delivery, t: ReceivingTarget): Promise<string> {
  const messageId = d.messageId ?? sesMessageId();
  const at = d.at ?? new Date();
  t.archive?.keep(inboundObjectKey(messageId), d.raw);
  await putRawMail(t.s3, t.bucket, inboundObjectKey(messageId), d.raw);
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
