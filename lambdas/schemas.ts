/**
 * Wire formats the handlers accept, validated with zod (Powertools parser's SNS-in-SQS schema
 * and JSON helper for the envelope, our own schema for the SES receipt notification, whose S3
 * action shape Powertools does not model).
 */
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SnsSqsNotificationSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import { z } from 'zod';
import { sesRecipient } from '#core/address.ts';
import type { ReplyProgress } from '#core/status.ts';
import { REPLY_KINDS } from '#core/templates.ts';
import { TICKET_REF, TICKET_STATUSES } from '#core/ticket.ts';
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

/** Where the ticket stood when its reply was queued: the reply says from it when to expect an answer. */
const ReplyProgressSchema = z.object({
  status: z.enum(TICKET_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  readyAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** The category's service-level target, in service hours. */
  serviceHours: z.number().positive(),
}) satisfies z.ZodType<ReplyProgress>;

/** A reply for the mailer to send: written by triage and the agent API, read by the mailer. */
export const ReplyJobSchema = z.object({
  /** Deterministic (derived from the inbound id, or the ticket's version for an agent's reply): the mailer sends each job id once. */
  jobId: z.string().min(1),
  kind: z.enum(REPLY_KINDS),
  ticketRef: z.string().regex(TICKET_REF),
  /** An address SES sends to (core/address.ts): anything else is refused before it is queued. */
  to: z.string().superRefine((to, ctx) => {
    const verdict = sesRecipient(to);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', message: `not an address SES sends to (${verdict.reason})` });
  }),
  category: z.enum(CATEGORIES),
  missing: z.array(z.enum(REQUIRED_FIELDS)),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  /** The agent's text, for agent replies. */
  body: z.string().optional(),
  /** Times the job was put back on the queue because SES throttled it (each waits longer). */
  deferrals: z.number().int().min(0).optional(),
  /**
   * For a request for data: what the mail's numbers were read as, masked (core/extract.ts
   * numbersReadBack). Never a number in clear: a line with 7 digits in a row is refused.
   */
  readBack: z
    .array(
      z
        .string()
        .max(200)
        .refine((line) => !/\d{7}/.test(line), 'a read-back line holds a number in clear'),
    )
    .max(10)
    .optional(),
  /** Absent on an agent's reply (it is the answer), and on jobs queued before replies said when to expect one. */
  progress: ReplyProgressSchema.optional(),
  /** For the satisfaction survey: the signed link of each rating, 1 to 5, and when they expire. */
  survey: z.object({ links: z.array(z.url()).length(5), expiresAt: z.iso.datetime() }).optional(),
  /** For a waiting reminder: when the ticket closes unanswered. */
  closesAt: z.iso.datetime().optional(),
});
export type ReplyJob = z.infer<typeof ReplyJobSchema>;

/**
 * One SES event-publishing record, as the configuration set's topic delivers it raw into the
 * sending events queue (docs/architecture.md, "SES sending events"); only what we read.
 */
const Recipients = z.array(z.object({ emailAddress: z.string().min(3) }).loose());

export const SesSendingEvent = z.object({
  eventType: z.string().min(1),
  mail: z
    .object({
      timestamp: z.string(),
      messageId: z.string().min(1),
      /** Our EmailTags, each a list of values. */
      tags: z.record(z.string(), z.array(z.string())).optional(),
    })
    .loose(),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: Recipients }).loose().optional(),
  complaint: z.object({ complainedRecipients: Recipients }).loose().optional(),
});
export type SesSendingEvent = z.infer<typeof SesSendingEvent>;

export function parseSendingEvent(body: string): SesSendingEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new InvalidRecord('sending event is not JSON');
  }
  const r = SesSendingEvent.safeParse(payload);
  if (!r.success) throw new InvalidRecord(`not an SES sending event: ${r.error.issues[0]?.message}`);
  return r.data;
}

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

export function parseReplyJob(body: string): ReplyJob {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new InvalidRecord('reply job is not JSON');
  }
  const r = ReplyJobSchema.safeParse(payload);
  if (!r.success) throw new InvalidRecord(`not a reply job: ${r.error.issues[0]?.message}`);
  return r.data;
}
