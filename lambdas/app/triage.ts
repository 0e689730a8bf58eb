/**
 * Triage: one inbound mail, end to end. Receipt verdicts → raw mail → parse → triage → the
 * ticket it opens or joins → the reply job. Mail that is not filed (virus, unparseable,
 * machine-generated) is set aside in the inbound log; filed mail is recorded by its message on
 * the ticket. Nothing is dropped silently.
 *
 * Safe to run twice for the same mail: the ticket reference and the reply job id derive from the
 * inbound id, and every write is conditional and idempotent per inbound id, so a redelivery
 * changes nothing and queues the same job id again (the mailer sends each job id once).
 */

import type { ReplyDecision } from '#core/decide.ts';
import {
  type InboundComplaint,
  joinUpdate,
  newTicket,
  replyDecision,
  routeReference,
  storedMessage,
} from '#core/intake.ts';
import { mask } from '#core/mask.ts';
import { parseMail } from '#core/parse.ts';
import { receiptPolicy } from '#core/receipt.ts';
import { threadableMessageId } from '#core/reply-message.ts';
import { senderTrust } from '#core/sender.ts';
import type { SlaHours } from '#core/sla.ts';
import { type IntakeOutcome, type Ticket, ticketRefFor } from '#core/ticket.ts';
import { type Triage, triageMail } from '#core/triage.ts';
import type { SesReceivedNotification } from '#lambdas/schemas.ts';
import type {
  InboundLog,
  InboundOutcome,
  MailStore,
  ReplyJob,
  ReplyQueue,
  SetAsideOutcome,
  StoredTicket,
  TicketStore,
} from '#ports';

export interface TriageDeps {
  mail: MailStore;
  tickets: TicketStore;
  setAside: InboundLog;
  replies: ReplyQueue;
  /** Our own addresses: text quoted from them is never the participant's. */
  ownAddresses: readonly string[];
  sla: SlaHours;
}

export interface TriageResult {
  inboundId: string;
  outcome: InboundOutcome;
  /** The ticket the mail was filed on; null when it was set aside. */
  ticket: Ticket | null;
  /** What triage read in the mail; null when it was not read (quarantined) or could not be (unparseable). */
  triage: Triage | null;
  reply: ReplyDecision;
  /** The reply for the mailer; `queueReplies` sends it. */
  job: ReplyJob | null;
  /** Why it was set aside, or the receipt flags of a filed mail (no personal data). */
  reason: string | null;
}

const MAX_REF_ATTEMPTS = 5;

export async function triageInbound(n: SesReceivedNotification, deps: TriageDeps): Promise<TriageResult> {
  const inboundId = n.mail.messageId;
  const receivedAt = new Date(n.receipt.timestamp || n.mail.timestamp).toISOString();
  const { bucketName, objectKey } = n.receipt.action;
  const rawKey = `s3://${bucketName}/${objectKey}`;
  const setAside = async (outcome: SetAsideOutcome, reason: string | null, triage: Triage | null = null) => {
    await deps.setAside.record({
      inboundId,
      receivedAt,
      outcome,
      rawKey,
      reason,
      sender: mask.email(n.mail.source),
      ticketRef: null,
    });
    return { inboundId, outcome, ticket: null, triage, reply: 'none', job: null, reason } satisfies TriageResult;
  };

  const verdicts = {
    spam: n.receipt.spamVerdict.status,
    virus: n.receipt.virusVerdict.status,
    spf: n.receipt.spfVerdict.status,
    dkim: n.receipt.dkimVerdict.status,
    dmarc: n.receipt.dmarcVerdict?.status,
  };
  const policy = receiptPolicy(verdicts);
  if (policy.quarantine) return setAside('quarantined', policy.flags.join(','));

  const parsed = await parseMail(await deps.mail.getRaw(bucketName, objectKey));
  if (!parsed.ok) return setAside('parse_failed', parsed.error.reason);
  const mail = parsed.mail;

  const triage = triageMail(mail, { ownAddresses: deps.ownAddresses });
  const { category, priority } = triage;
  if (triage.automated || !category || !priority) return setAside('automated', triage.automatedReason, triage);

  const sender = senderTrust({
    verdicts,
    envelope: n.mail.source,
    from: mail.from?.address ?? null,
    dkimDomains: mail.dkimDomains,
    ownAddresses: deps.ownAddresses,
  });
  const flags = [...policy.flags, ...sender.flags];
  const complaint: InboundComplaint = {
    inboundId,
    receivedAt,
    rawKey,
    from: mail.from?.address ?? null,
    subject: mail.subject,
    text: mail.text,
    triage: { ...triage, category, priority },
    sender,
    suppressReply: policy.suppressReply,
    flags,
  };
  const filed = await fileComplaint(complaint, deps.tickets, deps.sla);
  const reason = flags.length ? flags.join(',') : null;
  // Supervisors see every mail from a sender who is not who they claim, on the ticket it opened.
  if (!sender.verified)
    await deps.setAside.record({
      inboundId,
      receivedAt,
      outcome: 'unverified',
      rawKey,
      reason,
      sender: mask.email(mail.from?.address ?? n.mail.source),
      ticketRef: filed.ticket.ref,
    });
  const reply = replyDecision(complaint, filed.ticket);
  return {
    inboundId,
    outcome: filed.outcome,
    ticket: filed.ticket,
    triage,
    reply,
    job: replyJob(complaint, filed.ticket, reply),
    reason,
  };
}

/**
 * Queues the reply jobs of a batch of triaged mails in one request; returns the inbound ids whose
 * job could not be queued (their mail must be retried: triage finds its ticket and queues the
 * same job id again).
 */
export async function queueReplies(results: readonly TriageResult[], deps: Pick<TriageDeps, 'replies'>) {
  const jobs = results.flatMap((r) => (r.job ? [r.job] : []));
  if (jobs.length === 0) return new Set<string>();
  const failedJobs = new Set(await deps.replies.enqueue(jobs));
  return new Set(results.filter((r) => r.job && failedJobs.has(r.job.jobId)).map((r) => r.inboundId));
}

interface Filed {
  outcome: IntakeOutcome;
  ticket: Ticket;
}

/** A human complaint onto the tickets: into the ticket it answers, the participant's open ticket, or a new one. */
async function fileComplaint(c: InboundComplaint, tickets: TicketStore, sla: SlaHours): Promise<Filed> {
  const join = async (outcome: Exclude<IntakeOutcome, 'created'>, ticket: StoredTicket): Promise<Filed> => {
    const message = storedMessage(c, outcome, ticket.category);
    return { outcome, ticket: await tickets.append(ticket.ref, message, joinUpdate(c, outcome, sla), ticket) };
  };

  let continues: Ticket | null = null;
  if (c.triage.referencedTicket) {
    const referenced = await tickets.get(c.triage.referencedTicket);
    if (referenced) {
      const route = routeReference(referenced, c.receivedAt);
      if (route.kind === 'join') return join(route.outcome, referenced);
      continues = route.from;
    }
  }

  const { ticket, keys } = newTicket(c, ticketRefFor(c.inboundId), sla, continues);
  // Creating claims the participant's keys for the category, which tells whether they have an
  // open ticket in it; categories that scored close to it (the same issue read another way) need
  // a look-up first.
  if (c.triage.alternativeCategories.length > 0 && keys.length > 0) {
    const open = await tickets.findOpen(keys, [ticket.category, ...c.triage.alternativeCategories]);
    if (open) return join('merged', open);
  }
  const first = storedMessage(c, 'created', ticket.category);
  for (let attempt = 0; attempt < MAX_REF_ATTEMPTS; attempt++) {
    const candidate = attempt === 0 ? ticket : { ...ticket, ref: ticketRefFor(c.inboundId, attempt) };
    const created = await tickets.create(candidate, first, keys);
    if (created.kind === 'created') return { outcome: 'created', ticket: candidate };
    if (created.kind === 'exists') return { outcome: 'created', ticket: created.ticket };
    if (created.kind === 'joined') return join('merged', created.ticket);
  }
  throw new Error(`no free ticket reference for inbound mail ${c.inboundId}`);
}

function replyJob(c: InboundComplaint, ticket: Ticket, reply: ReplyDecision): ReplyJob | null {
  if (reply === 'none' || !c.from) return null;
  const messageId = threadableMessageId(c.triage.messageId);
  return {
    jobId: `${c.inboundId}:${reply}`,
    kind: reply,
    ticketRef: ticket.ref,
    to: c.from,
    category: ticket.category,
    missing: ticket.missing,
    inReplyTo: messageId,
    references: messageId ? [messageId] : [],
  };
}
