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

import { sesRecipient } from '#core/address.ts';
import type { ReplyDecision } from '#core/decide.ts';
import { numbersReadBack, participantTexts } from '#core/extract.ts';
import {
  type InboundComplaint,
  joinUpdate,
  newTicket,
  replyDecision,
  routeReference,
  storedMessage,
} from '#core/intake.ts';
import { keyedHash } from '#core/keyed-hash.ts';
import { mask } from '#core/mask.ts';
import { parseMail, READ_LIMITS } from '#core/parse.ts';
import { type ReceiptPolicy, type ReceiptVerdicts, receiptPolicy } from '#core/receipt.ts';
import { threadableMessageId } from '#core/reply-message.ts';
import { senderTrust } from '#core/sender.ts';
import type { SlaHours } from '#core/sla.ts';
import { replyProgress } from '#core/status.ts';
import type { Observation } from '#core/surge/model.ts';
import {
  type IntakeOutcome,
  isOpen,
  KEY_REASON,
  mayJoin,
  type ParticipantKey,
  participantKeys,
  type RelatedReason,
  type Ticket,
  ticketRefFor,
} from '#core/ticket.ts';
import { type Triage, triageMail } from '#core/triage.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import type { SesReceivedNotification } from '#lambdas/schemas.ts';
import type {
  DeadLetters,
  InboundLog,
  InboundOutcome,
  KeyRing,
  LinkOwner,
  MailStore,
  ReplyJob,
  ReplyQueue,
  SetAsideOutcome,
  StoredTicket,
  TicketStore,
} from '#ports';
import { fileIntoSurges, type SurgeIntake, type SurgeNote } from './surge.ts';

export interface TriageDeps {
  mail: MailStore;
  tickets: TicketStore;
  setAside: InboundLog;
  replies: ReplyQueue;
  /** The NIK is kept only as a keyed hash (and masked). */
  keys: KeyRing;
  /** Our own addresses: text quoted from them is never the participant's. */
  ownAddresses: readonly string[];
  sla: SlaHours;
  /** Where the handler puts what can never succeed (with why), at once. */
  deadLetters: DeadLetters;
  now: () => Date;
  /** The surge detector, shown every ticket triage creates. */
  surge: SurgeIntake | null;
}

export interface TriageResult {
  inboundId: string;
  outcome: InboundOutcome;
  /** The ticket the mail was filed on; null when it was set aside. */
  ticket: Ticket | null;
  /** What triage read in the mail; null when it was not read (quarantined) or could not be (unparseable). */
  triage: Triage | null;
  reply: ReplyDecision | 'incident_reply';
  /** The reply for the mailer; `finishBatch` queues it. */
  job: ReplyJob | null;
  /** Why it was set aside, or the receipt flags of a filed mail (no personal data). */
  reason: string | null;
  /** What the surge detector made of a ticket this mail created; null when it was not shown one. */
  surge: SurgeNote | null;
  /** The new ticket's surge observation, stored with the batch's by `finishBatch`; null when none is left to store. */
  unstoredObservation: Observation | null;
  /** What the parser could not read as sent (a body cut to the read limits, a failed HTML conversion). */
  readWarnings: readonly string[];
}

const MAX_REF_ATTEMPTS = 5;

/** One received mail as triage needs it: where SES stored it and what its receipt said. */
export interface InboundMail {
  inboundId: string;
  receivedAt: string;
  bucket: string;
  key: string;
  /** The envelope sender (masked before it is stored). */
  source: string;
  /** SES's verdicts: the receipt policy, and who the sender is (core/sender.ts). */
  verdicts: ReceiptVerdicts;
  policy: ReceiptPolicy;
}

/** The mail an SES receipt notification announces. */
export function inboundMail(n: SesReceivedNotification): InboundMail {
  const verdicts: ReceiptVerdicts = {
    spam: n.receipt.spamVerdict.status,
    virus: n.receipt.virusVerdict.status,
    spf: n.receipt.spfVerdict.status,
    dkim: n.receipt.dkimVerdict.status,
    dmarc: n.receipt.dmarcVerdict?.status,
  };
  return {
    inboundId: n.mail.messageId,
    receivedAt: new Date(n.receipt.timestamp || n.mail.timestamp).toISOString(),
    bucket: n.receipt.action.bucketName,
    key: n.receipt.action.objectKey,
    source: n.mail.source,
    verdicts,
    policy: receiptPolicy(verdicts),
  };
}

export const rawKeyOf = (m: Pick<InboundMail, 'bucket' | 'key'>) => `s3://${m.bucket}/${m.key}`;

export async function triageInbound(n: SesReceivedNotification, deps: TriageDeps): Promise<TriageResult> {
  return triageReceived(inboundMail(n), deps);
}

/**
 * Triage of a received mail; `person`: a supervisor said a person wrote it (the automated-mail
 * rules are not applied), when mail set aside is triaged again.
 */
export async function triageReceived(
  m: InboundMail,
  deps: TriageDeps,
  options: { person?: boolean } = {},
): Promise<TriageResult> {
  const { inboundId, receivedAt, policy, verdicts } = m;
  const rawKey = rawKeyOf(m);
  let readWarnings: readonly string[] = [];
  const setAside = async (outcome: SetAsideOutcome, reason: string | null, triage: Triage | null = null) => {
    await deps.setAside.record({
      inboundId,
      receivedAt,
      outcome,
      rawKey,
      reason,
      sender: mask.email(m.source),
      flags: policy.flags,
      failures: 0,
      ticketRef: null,
      verdicts,
    });
    return {
      inboundId,
      outcome,
      ticket: null,
      triage,
      reply: 'none',
      job: null,
      reason,
      surge: null,
      unstoredObservation: null,
      readWarnings,
    } satisfies TriageResult;
  };

  if (policy.quarantine) return setAside('quarantined', policy.flags.join(','));

  const raw = await deps.mail.getRaw(m.bucket, m.key, READ_LIMITS.rawBytes);
  const parsed = await parseMail(raw.bytes);
  if (!parsed.ok) return setAside('parse_failed', parsed.error.reason);
  const mail = parsed.mail;
  readWarnings = [
    ...(raw.size > raw.bytes.length ? [`mail read to its first ${raw.bytes.length} of ${raw.size} bytes`] : []),
    ...mail.warnings,
  ];

  const triage = triageMail(mail, { ownAddresses: deps.ownAddresses, person: options.person });
  const { category, priority } = triage;
  if (triage.automated || !category || !priority) return setAside('automated', triage.automatedReason, triage);

  const sender = senderTrust({
    verdicts,
    envelope: m.source,
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
    nikHash: triage.fields.nik ? keyedHash(triage.fields.nik, await deps.keys.key('nik')) : null,
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
      sender: mask.email(mail.from?.address ?? m.source),
      flags,
      failures: 0,
      ticketRef: filed.ticket.ref,
    });
  const reply = replyDecision(complaint, filed.ticket, filed.outcome);
  const result: TriageResult = {
    inboundId,
    outcome: filed.outcome,
    ticket: filed.ticket,
    triage,
    reply,
    job: replyJob(complaint, filed.ticket, reply, deps.sla),
    reason,
    surge: null,
    unstoredObservation: null,
    readWarnings,
  };
  // Only new tickets are surge evidence (a merge or thread is the same participant again), and
  // never mail SES flagged as spam or from a sender who is not who they claim: neither is
  // answered automatically, and neither may raise, join or be sent an incident's answer.
  if (filed.outcome !== 'created' || !deps.surge || policy.suppressReply || !sender.verified) return result;
  const own = participantTexts(mail, { ownAddresses: deps.ownAddresses }).filter(
    (t) => t.source === 'new' || t.source === 'forwarded',
  );
  const surge = await fileIntoSurges(deps.surge, {
    ticket: filed.ticket,
    reply,
    job: result.job,
    subject: mail.subject,
    body: own.map((t) => t.text).join('\n'),
    senderName: mail.from?.name ?? null,
    senderAddress: mail.from?.address ?? null,
    fresh: filed.fresh,
  });
  return { ...result, ...surge };
}

/**
 * Finishes a batch of triaged mails: stores the surge observations of its new tickets in one
 * write and queues its reply jobs in one request. Returns the inbound ids of the mails to retry
 * (a job not queued or an observation not stored): triage finds the mail's ticket again, queues
 * the same job id and records the observation with `record`'s check.
 */
export async function finishBatch(
  results: readonly TriageResult[],
  deps: Pick<TriageDeps, 'replies' | 'surge'>,
): Promise<Set<string>> {
  const retry = new Set<string>();
  const observed = results.filter((r) => r.unstoredObservation);
  if (observed.length > 0 && deps.surge) {
    const unstored = await deps.surge.store
      .recordNew(observed.map((r) => r.unstoredObservation as Observation))
      .catch(() => observed.map((r) => r.unstoredObservation?.ref));
    for (const r of observed) if (unstored.includes(r.unstoredObservation?.ref as string)) retry.add(r.inboundId);
  }
  const jobs = results.flatMap((r) => (r.job ? [r.job] : []));
  if (jobs.length === 0) return retry;
  const failedJobs = new Set(await deps.replies.enqueue(jobs));
  for (const r of results) if (r.job && failedJobs.has(r.job.jobId)) retry.add(r.inboundId);
  return retry;
}

interface Filed {
  outcome: IntakeOutcome;
  ticket: Ticket;
  /** Created by this delivery (not an earlier delivery's ticket found again). */
  fresh: boolean;
}

/** The ticket a mail was routed to was closed (unanswered) before the mail joined it. */
class ClosedMeanwhile extends Error {
  override name = 'ClosedMeanwhile';
}

/**
 * A human complaint onto the tickets: into the ticket it answers or the participant's open ticket
 * about the same issue, when its sender may join that ticket (core `mayJoin`), else into a new
 * ticket, linked to the open tickets that share its card, phone or email, and held behind the
 * one it probably duplicates. A closed ticket is continued by a new one, never reopened: when the
 * sweeper closes the ticket between the routing and the join, the mail is routed again.
 */
async function fileComplaint(c: InboundComplaint, tickets: TicketStore, sla: SlaHours): Promise<Filed> {
  try {
    return await routeAndFile(c, tickets, sla);
  } catch (err) {
    if (!(err instanceof ClosedMeanwhile)) throw err;
    return await routeAndFile(c, tickets, sla);
  }
}

async function routeAndFile(c: InboundComplaint, tickets: TicketStore, sla: SlaHours): Promise<Filed> {
  const join = async (outcome: Exclude<IntakeOutcome, 'created'>, ticket: StoredTicket): Promise<Filed> => {
    // This mail opened the ticket itself (a redelivery found its own ticket): nothing to join.
    if (ticket.openedBy === c.inboundId) return { outcome: 'created', ticket, fresh: false };
    const message = storedMessage(c, outcome, ticket.category);
    const update = joinUpdate(c, outcome, sla);
    const unlessClosed = (current: Ticket) => {
      if (current.status === 'closed' && ticket.status !== 'closed') throw new ClosedMeanwhile(ticket.ref);
      return update(current);
    };
    return { ...(await tickets.append(ticket.ref, message, unlessClosed, ticket)), fresh: false };
  };
  const links = new Map<string, { ticket: Ticket; reason: RelatedReason }>();
  let heldBehind: Ticket | null = null;
  /** A ticket this mail may not join: linked, and the first open one of the same issue holds it back. */
  const link = (t: Ticket, reason: RelatedReason, sameIssue: boolean) => {
    if (sameIssue && !heldBehind && isOpen(t.status)) heldBehind = t;
    if (!links.has(t.ref)) links.set(t.ref, { ticket: t, reason });
  };

  let continues: Ticket | null = null;
  if (c.triage.referencedTicket) {
    const referenced = await tickets.get(c.triage.referencedTicket);
    if (referenced && mayJoin(referenced, c.sender)) {
      const route = routeReference(referenced, c.receivedAt);
      if (route.kind === 'join') return join(route.outcome, referenced);
      continues = route.from;
    } else if (referenced) link(referenced, 'also reported from another address', true);
  }

  const { keys } = newTicket(c, ticketRefFor(c.inboundId), sla, { continues });
  const sameIssue: readonly Category[] = [c.triage.category, ...c.triage.alternativeCategories];
  const rank = (t: Ticket) => {
    const i = sameIssue.indexOf(t.category);
    return i >= 0 ? i : sameIssue.length + CATEGORIES.indexOf(t.category);
  };
  for (let refAttempt = 0; refAttempt < MAX_REF_ATTEMPTS; refAttempt++) {
    const owner: LinkOwner = {
      ref: ticketRefFor(c.inboundId, refAttempt),
      openedBy: c.inboundId,
      category: c.triage.category,
    };
    // Claiming the keys for the category answers the participant's open tickets in every category,
    // so no read comes first. A key another open ticket holds in the category is joined if the
    // sender may; otherwise the ticket is linked, the mail held behind it, and the claims go on.
    const claimed: ParticipantKey[] = [];
    const found = new Map<string, StoredTicket>();
    let holder: StoredTicket | null = null;
    let unclaimed: readonly ParticipantKey[] = keys;
    try {
      while (unclaimed.length > 0 && !holder) {
        const r = await tickets.claimLinks(owner, unclaimed);
        claimed.push(...r.claimed);
        // An earlier delivery of this very mail opened one of them: that is not a duplicate.
        for (const t of r.open) if (t.openedBy !== c.inboundId) found.set(t.ref, t);
        if (r.held && mayJoin(r.held.ticket, c.sender)) holder = r.held.ticket;
        unclaimed = r.held ? unclaimed.slice(r.claimed.length + 1) : [];
      }
    } catch (err) {
      // Another create holds a key (ParticipantBusy): give back what was claimed before, then retry the mail.
      await tickets.releaseLinks(owner, claimed);
      throw err;
    }
    // The same issue (its category, or one that scored close to it) is joined or held behind; another
    // issue is linked. Joining gives the claims back.
    const open = [...found.values()].sort((a, b) => rank(a) - rank(b));
    const joinable = holder ?? open.find((t) => sameIssue.includes(t.category) && mayJoin(t, c.sender));
    // Unless this is a redelivery of the mail that opened its own ticket already: then the claims
    // are that ticket's links (given back, they would leave it unlinked), and it is created again,
    // which finds it. Read only here, where a mail would join: most mails never come this way.
    if (joinable && (await tickets.get(owner.ref))?.openedBy !== c.inboundId) {
      await tickets.releaseLinks(owner, claimed);
      return join('merged', joinable);
    }
    for (const t of open) {
      const same = sameIssue.includes(t.category);
      const reason = !same && mayJoin(t, c.sender) ? 'same participant, other problem' : sharedKeyReason(t, keys);
      link(t, reason, same);
    }

    const held = (heldBehind as Ticket | null)?.ref ?? null;
    const { ticket } = newTicket(c, owner.ref, sla, { continues, heldBehind: held });
    const created = await tickets.create(ticket, storedMessage(c, 'created', ticket.category), claimed);
    if (created.kind === 'collision') continue;
    const filed = created.kind === 'created' ? ticket : created.ticket;
    for (const { ticket: other, reason } of links.values())
      await tickets.relate(filed.ref, other.ref, reason, c.receivedAt);
    return { outcome: 'created', ticket: filed, fresh: created.kind === 'created' };
  }
  throw new Error(`no free ticket reference for inbound mail ${c.inboundId}`);
}

/** Why a ticket holding one of the mail's keys is linked to it: the first key they share. */
function sharedKeyReason(t: Ticket, keys: readonly ParticipantKey[]): RelatedReason {
  const theirs = new Set(participantKeys(t.fields).map((k) => `${k.kind}#${k.value}`));
  const shared = keys.find((k) => theirs.has(`${k.kind}#${k.value}`));
  return shared ? KEY_REASON[shared.kind] : 'also reported from another address';
}

function replyJob(c: InboundComplaint, ticket: Ticket, reply: ReplyDecision, sla: SlaHours): ReplyJob | null {
  // No reply to an address SES would refuse: decided here, never retried by the mailer.
  const to = c.from ? sesRecipient(c.from) : null;
  if (reply === 'none' || !to?.ok) return null;
  // Threading headers only in RFC 5322 form and of a sane length (core/reply-message.ts).
  const messageId = threadableMessageId(c.triage.messageId);
  // The card is missing because a number could be the card or the NIK: say what we read, masked.
  const confirm =
    reply === 'ask_missing' && ticket.missing.includes('cardNumber') && c.triage.unconfirmedNumbers.length;
  const readBack = confirm
    ? numbersReadBack({ fields: c.triage.fields, unconfirmed: c.triage.unconfirmedNumbers })
    : [];
  return {
    jobId: `${c.inboundId}:${reply}`,
    kind: reply,
    ticketRef: ticket.ref,
    to: to.address,
    category: ticket.category,
    missing: ticket.missing,
    inReplyTo: messageId,
    references: messageId ? [messageId] : [],
    ...(readBack.length ? { readBack } : {}),
    progress: replyProgress(ticket, sla[ticket.category]),
  };
}
