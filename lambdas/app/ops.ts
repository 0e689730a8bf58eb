/**
 * Operations for supervisors: mail triage did not file (set aside, or failed), a page at a time;
 * triaging such a mail again, or as a person's ("this was a person: make it a ticket"); the
 * dead-letter queues (what failed, since when, why) and moving dead letters back to work.
 * Supervisors only: these lists hold anyone's mail.
 */
import { mask } from '#core/mask.ts';
import type { ReceiptPolicy, ReceiptVerdicts } from '#core/receipt.ts';
import { InvalidRecord, parseInboundBody, parseReplyJob } from '#lambdas/schemas.ts';
import {
  type DeadLetter,
  type DeadLetters,
  type InboundLog,
  LOGGED_OUTCOMES,
  type LoggedOutcome,
  MailMissing,
  type Page,
  type SetAsideRecord,
  WORK_QUEUES,
  type WorkList,
  type WorkQueue,
} from '#ports';
import type { Agent } from './agent-api.ts';
import { AppError } from './errors.ts';
import type { TriageDeps, TriageResult } from './triage.ts';

export interface OpsDeps {
  setAside: InboundLog;
  deadLetters: DeadLetters;
  /** The tickets, for what an outbound dead letter's reply record says. */
  work: WorkList;
  /** Triage as the triage Lambda runs it, for mail triaged again. */
  triage: TriageDeps;
}

/** One dead letter as ops read it: the mail or reply job it holds, personal data masked. */
export interface DeadLetterView {
  id: string;
  queue: WorkQueue;
  deadSince: string | null;
  /** Why: the handler's reason, else what the failure trace or the reply record last said. */
  reason: string | null;
  inboundId: string | null;
  receivedAt: string | null;
  rawKey: string | null;
  sender: string | null;
  jobId: string | null;
  ticketRef: string | null;
  kind: string | null;
  /** The reply's recipient, masked. */
  to: string | null;
}

/** What triage made of a mail again; `filed` (and reply `none`) for a mail that had already become a ticket. */
export interface RetriageResult {
  inboundId: string;
  outcome: TriageResult['outcome'] | 'filed';
  ticketRef: string | null;
  reply: TriageResult['reply'];
}

const MAX_PAGE = 100;

export class Ops {
  constructor(private readonly d: OpsDeps) {}

  private supervisor(agent: Agent): void {
    if (!agent.supervisor) throw new AppError('Forbidden', 'only supervisors see and act on mail triage did not file');
  }

  /** Mail set aside (or failed) with this outcome, newest first, a page at a time. */
  async setAside(
    agent: Agent,
    outcome: string,
    limit = 50,
    cursor: string | null = null,
  ): Promise<Page<SetAsideRecord>> {
    this.supervisor(agent);
    if (!(LOGGED_OUTCOMES as readonly string[]).includes(outcome))
      throw new AppError('InvalidInput', `outcome must be one of ${LOGGED_OUTCOMES.join(', ')}`);
    try {
      return await this.d.setAside.list(outcome as LoggedOutcome, Math.min(Math.max(1, limit), MAX_PAGE), cursor);
    } catch (err) {
      if ((err as Error).name === 'InvalidCursor') throw new AppError('InvalidInput', (err as Error).message);
      throw err;
    }
  }

  /** Dead letters of one work queue, or of both. */
  async deadLetters(
    agent: Agent,
    queue: WorkQueue | null,
    limit = 50,
  ): Promise<{ items: DeadLetterView[]; total: number }> {
    this.supervisor(agent);
    const items: DeadLetterView[] = [];
    let total = 0;
    for (const q of queue ? [queue] : WORK_QUEUES) {
      const page = await this.d.deadLetters.list(q, Math.min(Math.max(1, limit), MAX_PAGE));
      total += page.total;
      for (const letter of page.items) items.push(await this.view(letter));
    }
    return { items, total };
  }

  async redrive(agent: Agent, queue: WorkQueue, ids?: readonly string[]): Promise<{ moved: number }> {
    this.supervisor(agent);
    return { moved: await this.d.deadLetters.redrive(queue, ids) };
  }

  /**
   * Triages a mail set aside (or failed) again, from its raw mail in S3; `person`: a supervisor
   * says a person wrote it, so the automated-mail rules are not applied and it becomes a ticket
   * (answered like any complaint). Done once: a mail that became a ticket answers with it.
   */
  async retriage(agent: Agent, inboundId: string, person: boolean): Promise<RetriageResult> {
    this.supervisor(agent);
    const record = await this.d.setAside.get(inboundId);
    if (!record) throw new AppError('NotFound', `no mail set aside or failed with id ${inboundId}`);
    if (record.ticketRef) return { inboundId, outcome: 'filed', ticketRef: record.ticketRef, reply: 'none' };
    if (record.outcome === 'quarantined')
      throw new AppError('Conflict', 'quarantined mail (a virus) is never read, so it cannot be triaged again');
    const location = /^s3:\/\/([^/]+)\/(.+)$/.exec(record.rawKey);
    if (!location) throw new AppError('Conflict', `the raw mail of ${inboundId} has no S3 location`);
    const [, bucket = '', key = ''] = location;
    // Loaded on first use: triage brings the mail parser and its charset tables, which the agent
    // API needs for nothing else, and a supervisor's re-triage is rare (the function starts without them).
    const { finishBatch, triageReceived } = await import('./triage.ts');
    const r = await triageReceived(
      {
        inboundId,
        receivedAt: record.receivedAt,
        bucket,
        key,
        source: record.sender,
        // Judged as it was received; without the verdicts (a failure trace) the sender counts as
        // unverified: the mail is filed, but nothing is sent to it and it joins no one's ticket.
        verdicts: record.verdicts ?? UNKNOWN_VERDICTS,
        policy: policyOf(record.flags),
      },
      this.d.triage,
      { person },
    ).catch((err: unknown) => {
      if (err instanceof MailMissing)
        throw new AppError('NotFound', `the raw mail of ${inboundId} is no longer stored`);
      throw err;
    });
    if ((await finishBatch([r], this.d.triage)).size > 0)
      throw new Error(`could not queue the reply to ${inboundId} or store its surge observation: repeat the request`);
    // An unverified sender's mail stays on the unverified list (triage recorded it there with its ticket).
    if (r.ticket && r.ticket.senderVerified !== false) await this.d.setAside.filed(inboundId, r.ticket.ref);
    return { inboundId, outcome: r.outcome, ticketRef: r.ticket?.ref ?? null, reply: r.reply };
  }

  private async view(letter: DeadLetter): Promise<DeadLetterView> {
    const base: DeadLetterView = {
      id: letter.id,
      queue: letter.queue,
      deadSince: letter.deadSince,
      reason: letter.reason,
      inboundId: null,
      receivedAt: null,
      rawKey: null,
      sender: null,
      jobId: null,
      ticketRef: null,
      kind: null,
      to: null,
    };
    try {
      if (letter.queue === 'inbound') {
        const { inboundMail, rawKeyOf } = await import('./triage.ts');
        const m = inboundMail(parseInboundBody(letter.body));
        const trace = letter.reason ? null : await this.d.setAside.get(m.inboundId);
        return {
          ...base,
          reason: letter.reason ?? trace?.reason ?? 'retries ran out',
          inboundId: m.inboundId,
          receivedAt: m.receivedAt,
          rawKey: rawKeyOf(m),
          sender: mask.email(m.source),
        };
      }
      const job = parseReplyJob(letter.body);
      const record = letter.reason
        ? null
        : (await this.d.work.detail(job.ticketRef))?.replies.find((r) => r.jobId === job.jobId);
      return {
        ...base,
        reason: letter.reason ?? record?.reason ?? 'retries ran out',
        jobId: job.jobId,
        ticketRef: job.ticketRef,
        kind: job.kind,
        to: mask.email(job.to),
      };
    } catch (err) {
      if (err instanceof InvalidRecord) return { ...base, reason: letter.reason ?? err.message };
      throw err;
    }
  }
}

/** The receipt policy a set-aside record's flags stand for (see core/receipt.ts). */
const UNKNOWN_VERDICTS: ReceiptVerdicts = { spam: 'GRAY', virus: 'GRAY', spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' };

function policyOf(flags: readonly string[]): ReceiptPolicy {
  const virus = flags.includes('virus');
  return { quarantine: virus, suppressReply: virus || flags.includes('spam'), flags: [...flags] };
}
