/**
 * Wire formats the handlers accept, validated with zod (its mini build, lambdas/zod.ts): the
 * SNS-in-SQS envelope, the SES receipt notification, reply jobs and SES sending events.
 *
 * The envelope is our own small schema instead of Powertools parser's `SnsSqsNotificationSchema`
 * and `JSONStringified`: those are built on classic zod, so importing them put all of classic zod
 * (most of the triage bundle beside mailparser) into every cold start for the five fields read
 * here. It checks the same fields Powertools does for an SNS notification delivered to SQS.
 */
import { sesRecipient } from '#core/address.ts';
import type { ReplyProgress } from '#core/status.ts';
import { REPLY_KINDS } from '#core/templates.ts';
import { TICKET_REF, TICKET_STATUSES } from '#core/ticket.ts';
import { CATEGORIES, REQUIRED_FIELDS } from '#core/types.ts';
import * as z from './zod.ts';

const nonEmpty = () => z.string().check(z.minLength(1));

const Verdict = z.object({ status: z.string() });

/** SES "Received" notification for a receipt rule whose S3 action publishes to SNS. */
export const SesReceivedNotification = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    timestamp: z.string(),
    source: z.string(),
    messageId: nonEmpty(),
    destination: z.array(z.string()),
    commonHeaders: z.optional(z.looseObject({ subject: z.optional(z.string()), messageId: z.optional(z.string()) })),
  }),
  receipt: z.object({
    timestamp: z.string(),
    recipients: z.array(z.string()),
    spamVerdict: Verdict,
    virusVerdict: Verdict,
    spfVerdict: Verdict,
    dkimVerdict: Verdict,
    dmarcVerdict: z.optional(Verdict),
    action: z.object({
      type: z.literal('S3'),
      bucketName: nonEmpty(),
      objectKey: nonEmpty(),
      objectKeyPrefix: z.optional(z.string()),
      topicArn: z.optional(z.string()),
    }),
  }),
});
export type SesReceivedNotification = z.infer<typeof SesReceivedNotification>;

/** The SQS body: SNS's envelope around the notification, or the notification itself (raw delivery). */
export const InboundBody = z.union([
  z.pipe(
    z.jsonString(
      z.object({
        Type: z.literal('Notification'),
        MessageId: z.string(),
        TopicArn: z.string(),
        Subject: z.nullish(z.string()),
        Timestamp: z.iso.datetime(),
        Message: z.jsonString(SesReceivedNotification),
      }),
    ),
    z.transform((e) => e.Message),
  ),
  z.jsonString(SesReceivedNotification),
]);

/** Where the ticket stood when its reply was queued: the reply says from it when to expect an answer. */
const ReplyProgressSchema = z.object({
  status: z.enum(TICKET_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  readyAt: z.nullable(z.string()),
  dueAt: z.nullable(z.string()),
  resolvedAt: z.nullable(z.string()),
  /** The category's service-level target, in service hours. */
  serviceHours: z.number().check(z.positive()),
}) satisfies z.ZodMiniType<ReplyProgress>;

/** A reply for the mailer to send: written by triage and the agent API, read by the mailer. */
export const ReplyJobSchema = z.object({
  /** Deterministic (derived from the inbound id, or the ticket's version for an agent's reply): the mailer sends each job id once. */
  jobId: nonEmpty(),
  kind: z.enum(REPLY_KINDS),
  ticketRef: z.string().check(z.regex(TICKET_REF)),
  /** An address SES sends to (core/address.ts): anything else is refused before it is queued. */
  to: z.string().check(
    z.superRefine((to, ctx) => {
      const verdict = sesRecipient(to);
      if (!verdict.ok) ctx.addIssue({ code: 'custom', message: `not an address SES sends to (${verdict.reason})` });
    }),
  ),
  category: z.enum(CATEGORIES),
  missing: z.array(z.enum(REQUIRED_FIELDS)),
  inReplyTo: z.nullable(z.string()),
  references: z.array(z.string()),
  /** The agent's text, for agent replies. */
  body: z.optional(z.string()),
  /** Times the job was put back on the queue because SES throttled it (each waits longer). */
  deferrals: z.optional(z.number().check(z.whole, z.gte(0))),
  /**
   * For a request for data: what the mail's numbers were read as, masked (core/extract.ts
   * numbersReadBack). Never a number in clear: a line with 7 digits in a row is refused.
   */
  readBack: z.optional(
    z
      .array(
        z.string().check(
          z.maxLength(200),
          z.refine((line) => !/\d{7}/.test(line), 'a read-back line holds a number in clear'),
        ),
      )
      .check(z.maxLength(10)),
  ),
  /** Absent on an agent's reply (it is the answer), and on jobs queued before replies said when to expect one. */
  progress: z.optional(ReplyProgressSchema),
  /** For the satisfaction survey: the signed link of each rating, 1 to 5, and when they expire. */
  survey: z.optional(z.object({ links: z.array(z.url()).check(z.length(5)), expiresAt: z.iso.datetime() })),
  /** For a waiting reminder: when the ticket closes unanswered. */
  closesAt: z.optional(z.iso.datetime()),
});
export type ReplyJob = z.infer<typeof ReplyJobSchema>;

/**
 * One SES event-publishing record, as the configuration set's topic delivers it raw into the
 * sending events queue (docs/architecture.md, "SES sending events"); only what we read.
 */
const Recipients = z.array(z.looseObject({ emailAddress: z.string().check(z.minLength(3)) }));

export const SesSendingEvent = z.object({
  eventType: nonEmpty(),
  mail: z.looseObject({
    timestamp: z.string(),
    messageId: nonEmpty(),
    /** Our EmailTags, each a list of values. */
    tags: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
  bounce: z.optional(z.looseObject({ bounceType: z.string(), bouncedRecipients: Recipients })),
  complaint: z.optional(z.looseObject({ complainedRecipients: Recipients })),
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
