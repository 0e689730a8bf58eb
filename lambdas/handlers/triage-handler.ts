/**
 * The triage Lambda's handler, built from its dependencies (the entry point, triage.ts, builds
 * them from config at cold start; the local stack and tests pass their own). SQS `inbound` batch
 * (SES receipt notifications via SNS) → triageInbound per record, then the batch finished
 * (`finishBatch`: its reply jobs queued in one request, its new tickets' surge observations
 * stored in one write). Partial batch responses: a record that fails for a reason that may pass
 * is retried by SQS (and dead-lettered after maxReceiveCount), with a failure trace in the
 * inbound log from its first failure on; one that can never succeed (not a notification, its raw
 * mail gone) goes to the dead-letter queue at once with the reason and is reported done.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { finishBatch, inboundMail, rawKeyOf, type TriageDeps, type TriageResult, triageReceived } from '#app/triage.ts';
import { mask } from '#core/mask.ts';
import { InvalidRecord, parseInboundBody } from '#lambdas/schemas.ts';
import { MailMissing } from '#ports';
import { instrument, logger, metrics } from './observability.ts';

const METRIC_BY_OUTCOME = {
  created: 'TicketsCreated',
  merged: 'TicketsMerged',
  threaded: 'FollowUpsThreaded',
  reopened: 'TicketsReopened',
  automated: 'AutomatedMail',
  quarantined: 'MailQuarantined',
  parse_failed: 'ParseFailures',
} as const;

const FILED = new Set(['created', 'merged', 'threaded', 'reopened']);

function report(r: TriageResult): void {
  metrics.addMetric(METRIC_BY_OUTCOME[r.outcome], MetricUnit.Count, 1);
  logger.info('inbound mail processed', {
    inboundId: r.inboundId,
    outcome: r.outcome,
    ticketRef: r.ticket?.ref ?? null,
    category: r.ticket?.category ?? null,
    reply: r.reply,
    reason: r.reason,
    incidentId: r.surge?.incidentId ?? null,
    ...(r.readWarnings.length ? { readWarnings: r.readWarnings } : {}),
  });
  if (r.surge?.kind === 'failed') {
    // The mail is filed and answered; only the surge detector missed it (or, for a ticket of an
    // accepted incident, its settling waits for the next evaluation).
    metrics.addMetric('SurgeObserveFailures', MetricUnit.Count, 1);
    logger.error('surge detector failed on a filed ticket; the mail goes on', {
      inboundId: r.inboundId,
      ticketRef: r.ticket?.ref ?? null,
      incidentId: r.surge.incidentId,
      error: r.surge.error,
    });
  } else if (r.surge?.incidentId) {
    metrics.addMetric('SurgeTicketsJoined', MetricUnit.Count, 1);
    if (r.surge.answered) metrics.addMetric('SurgeTicketsAnswered', MetricUnit.Count, 1);
  }
}

/** Errors retrying cannot fix: the record is dead-lettered at once. */
const permanent = (err: unknown) => err instanceof InvalidRecord || err instanceof MailMissing;

/** Error names and our own messages only: they never carry personal data. */
const reasonOf = (err: unknown) => `${(err as Error).name}: ${(err as Error).message}`.slice(0, 300);

export function makeTriageHandler(deps: TriageDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const now = () => deps.now().toISOString();

  const recordHandler = (triaged: Map<string, TriageResult>) => async (record: SQSRecord) => {
    const receives = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    try {
      const mail = inboundMail(parseInboundBody(record.body));
      try {
        const r = await triageReceived(mail, deps);
        triaged.set(record.messageId, r);
        report(r);
        // It failed before and is filed now: its failure trace goes (a set-aside record replaced it already).
        if (receives > 1 && FILED.has(r.outcome)) await deps.setAside.clearFailure(r.inboundId);
      } catch (err) {
        if (!permanent(err)) await traceFailure(mail, err);
        throw err;
      }
    } catch (err) {
      if (!permanent(err)) throw err;
      await deps.deadLetters.put('inbound', record.body, reasonOf(err), now());
      metrics.addMetric('InboundDeadLettered', MetricUnit.Count, 1);
      logger.error('inbound record dead-lettered: it cannot succeed', {
        messageId: record.messageId,
        reason: reasonOf(err),
      });
    }
  };

  /** Best effort: when the trace cannot be written either (the table is what fails), the failure still stands. */
  const traceFailure = async (mail: ReturnType<typeof inboundMail>, err: unknown) => {
    await deps.setAside
      .recordFailure({
        inboundId: mail.inboundId,
        receivedAt: mail.receivedAt,
        rawKey: rawKeyOf(mail),
        reason: reasonOf(err),
        sender: mask.email(mail.source),
        flags: mail.policy.flags,
      })
      .catch(() => undefined);
  };

  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const triaged = new Map<string, TriageResult>();
    const response = await processPartialResponse(event, recordHandler(triaged), processor, {
      context,
      throwOnFullBatchFailure: false,
    });
    if (response.batchItemFailures.length > 0) logFailures(processor);
    const unfinished = await finishBatch([...triaged.values()], deps);
    const failures = [...response.batchItemFailures];
    for (const [messageId, r] of triaged) {
      if (!unfinished.has(r.inboundId)) {
        if (r.job) metrics.addMetric('ReplyJobsQueued', MetricUnit.Count, 1);
        continue;
      }
      // Filed, but its reply is not queued or its surge observation not stored: SQS delivers the
      // mail again, triage finds its ticket, queues the same job id and records the observation.
      failures.push({ itemIdentifier: messageId });
      logger.error('reply job not queued or surge observation not stored; SQS will retry the mail', {
        inboundId: r.inboundId,
        jobId: r.job?.jobId,
      });
    }
    if (failures.length > 0) metrics.addMetric('InboundRecordFailures', MetricUnit.Count, failures.length);
    return { batchItemFailures: failures };
  };
  return instrument(run);
}

function logFailures(processor: BatchProcessor): void {
  processor.errors.forEach((err, i) => {
    const record = processor.failureMessages[i] as SQSRecord | undefined;
    logger.error('inbound record failed; SQS will retry it, then dead-letter it', {
      messageId: record?.messageId,
      receiveCount: record?.attributes?.ApproximateReceiveCount,
      error: err.name,
      reason: err.message.slice(0, 300),
    });
  });
}
