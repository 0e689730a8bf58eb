/**
 * Wire formats the handlers accept, validated with zod (Powertools parser's SNS-in-SQS schema
 * and JSON helper for the envelope, our own schema for the SES receipt notification, whose S3
 * action shape Powertools does not model).
 */
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SnsSqsNotificationSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import { z } from 'zod';
import { CATEGORIES, REQUIRED_FIELDS } from '#core/types.ts';

const Verdict = z.object({ status: z.string() });

/** SES "Received" notification for a receipt rule whose S3 action publishes to SNS. */
export const SesReceivedNotification = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    timestamp: z.string(),
    source: z.string(),
    messageId: z.string().min(1),
    destination: z.array(z.string()),
    commonHeaders: z.object({ subject: z.string().optional(), messageId: z.string().optional() }).loose().optional(),
  }),
  receipt: z.object({
    timestamp: z.string(),
    recipients: z.array(z.string()),
    spamVerdict: Verdict,
    virusVerdict: Verdict,
    spfVerdict: Verdict,
    dkimVerdict: Verdict,
    dmarcVerdict: Verdict.optional(),
    action: z.object({
      type: z.literal('S3'),
      bucketName: z.string().min(1),
      objectKey: z.string().min(1),
      objectKeyPrefix: z.string().optional(),
      topicArn: z.string().optional(),
    }),
  }),
});
export type SesReceivedNotification = z.infer<typeof SesReceivedNotification>;

/** The SQS body: SNS's envelope around the notification, or the notification itself (raw delivery). */
export const InboundBody = z.union([
  JSONStringified(SnsSqsNotificationSchema.extend({ Message: JSONStringified(SesReceivedNotification) })).transform(
    (e) => e.Message,
  ),
  JSONStringified(SesReceivedNotification),
]);

export const ReplyJobSchema = z.object({
  jobId: z.string().min(1),
  kind: z.enum(['ask_missing', 'acknowledge', 'agent_reply']),
  ticketRef: z.string().regex(/^PRK-[0-9A-HJKMNP-TV-Z]{8}$/),
  to: z.email(),
  category: z.enum(CATEGORIES),
  missing: z.array(z.enum(REQUIRED_FIELDS)),
  name: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  body: z.string().optional(),
});

export class InvalidRecord extends Error {
  override name = 'InvalidRecord';
}

export function parseInboundBody(body: string): SesReceivedNotification {
  const r = InboundBody.safeParse(body);
  if (!r.success) {
    throw new InvalidRecord(
      `not an SES receipt notification: ${z.prettifyError(r.error).replace(/\s+/g, ' ').slice(0, 200)}`,
    );
  }
  return r.data;
}
