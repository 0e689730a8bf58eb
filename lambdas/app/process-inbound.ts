/**
 * One inbound mail, end to end: raw mail from the store → receipt policy → parse → triage →
 * ticket (create / merge / thread) → reply job. Every fate is written to the inbound log, so a
 * mail is never dropped silently. Safe to run twice for the same mail (see core/intake.ts).
 */
import { type IntakeResult, intakeComplaint } from '#core/intake.ts';
import { mask } from '#core/mask.ts';
import { parseMail } from '#core/parse.ts';
import { receiptPolicy } from '#core/receipt.ts';
import type { SlaHours } from '#core/sla.ts';
import { triageMail } from '#core/triage.ts';
import type { InboundLog, InboundOutcome, MailStore, ReplyQueue, TicketStore } from '#lambdas/ports.ts';
import type { SesReceivedNotification } from '#lambdas/schemas.ts';

export interface InboundDeps {
  mail: MailStore;
  tickets: TicketStore;
  log: InboundLog;
  replies: ReplyQueue;
  ownAddresses: readonly string[];
  sla: SlaHours;
}

export interface InboundResult {
  inboundId: string;
  outcome: InboundOutcome;
  ticketRef: string | null;
  reply: IntakeResult['reply'] | 'none';
  /** Why it was set aside, for logs and metrics (no personal data). */
  reason: string | null;
  category: string | null;
}

export async function processInbound(n: SesReceivedNotification, deps: InboundDeps): Promise<InboundResult> {
  const inboundId = n.mail.messageId;
  const receivedAt = new Date(n.receipt.timestamp || n.mail.timestamp).toISOString();
  const { bucketName, objectKey } = n.receipt.action;
  const rawKey = `s3://${bucketName}/${objectKey}`;
  const sender = mask.email(n.mail.source);
  const done = async (
    outcome: InboundOutcome,
    reason: string | null,
    extra: Partial<InboundResult> = {},
  ): Promise<InboundResult> => {
    await deps.log.record({
      inboundId,
      receivedAt,
      outcome,
      rawKey,
      reason,
      sender,
      ticketRef: extra.ticketRef ?? null,
      subject: null,
    });
    return { inboundId, outcome, ticketRef: null, reply: 'none', reason, category: null, ...extra };
  };

  const policy = receiptPolicy({
    spam: n.receipt.spamVerdict.status,
    virus: n.receipt.virusVerdict.status,
    spf: n.receipt.spfVerdict.status,
    dkim: n.receipt.dkimVerdict.status,
    dmarc: n.receipt.dmarcVerdict?.status,
  });
  if (policy.quarantine) return done('quarantined', policy.flags.join(','));

  const raw = await deps.mail.getRaw(bucketName, objectKey);
  const parsed = await parseMail(raw);
  if (!parsed.ok) return done('parse_failed', parsed.error.reason);
  const mail = parsed.mail;

  const triage = triageMail(mail, { ownAddresses: deps.ownAddresses });
  if (triage.automated) return done('automated', triage.automatedReason);

  const result = await intakeComplaint(
    {
      inboundId,
      receivedAt,
      rawKey,
      from: mail.from?.address ?? null,
      subject: mail.subject,
      text: mail.text,
      triage,
      suppressReply: policy.suppressReply,
      flags: policy.flags,
    },
    deps.tickets,
    deps.sla,
  );
  if (result.job) await deps.replies.enqueue(result.job);
  return done(result.outcome, policy.flags.length ? policy.flags.join(',') : null, {
    ticketRef: result.ticket.ref,
    reply: result.reply,
    category: result.ticket.category,
  });
}
