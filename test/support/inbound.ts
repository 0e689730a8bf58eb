/** Builders for inbound SQS events around the sample SES notification (events/). */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { loadEvent } from './events.ts';

type Notification = Record<string, unknown> & {
  mail: Record<string, unknown> & { messageId: string };
  receipt: Record<string, unknown> & { action: Record<string, string> };
};

export function notification(
  over: {
    messageId?: string;
    verdicts?: Partial<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', string>>;
    key?: string;
    bucket?: string;
  } = {},
): Notification {
  const n = loadEvent<Notification>('ses/received-notification.json');
  const id = over.messageId ?? n.mail.messageId;
  n.mail.messageId = id;
  n.receipt.action.objectKey = over.key ?? `inbound/${id}`;
  if (over.bucket) n.receipt.action.bucketName = over.bucket;
  for (const [k, v] of Object.entries(over.verdicts ?? {}))
    (n.receipt as Record<string, unknown>)[`${k}Verdict`] = { status: v };
  return n;
}

export function snsEnvelope(n: Notification): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: `sns-${n.mail.messageId}`,
    TopicArn: 'arn:aws:sns:ap-southeast-1:123456789012:prakerja-inbound',
    Message: JSON.stringify(n),
    Timestamp: '2024-03-11T00:14:22.512Z',
  });
}

export function sqsRecord(body: string, id: string): SQSRecord {
  const base = loadEvent<SQSEvent>('sqs/inbound-ses-via-sns.json').Records[0] as SQSRecord;
  return { ...base, messageId: id, receiptHandle: `handle-${id}`, body };
}

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
