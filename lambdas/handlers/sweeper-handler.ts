/**
 * The sweeper Lambda's handler: every minute, expired leases back to ready, overdue tickets to the
 * top, due surveys sent, unanswered waits reminded and then closed.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { type SweeperDeps, type SweepResult, sweep } from '#app/sweeper.ts';
import { instrument, logger, metrics } from './observability.ts';

export function makeSweeperHandler(deps: SweeperDeps) {
  return instrument(async (_event: unknown, _context: Context): Promise<SweepResult> => {
    const r = await sweep(deps);
    metrics.addMetric('LeasesExpired', MetricUnit.Count, r.leasesExpired);
    metrics.addMetric('TicketsOverdue', MetricUnit.Count, r.markedOverdue);
    metrics.addMetric('RepliesRequeued', MetricUnit.Count, r.repliesRequeued);
    metrics.addMetric('HoldsReleased', MetricUnit.Count, r.holdsReleased);
    metrics.addMetric('SurveysQueued', MetricUnit.Count, r.surveysQueued);
    metrics.addMetric('TicketsPurged', MetricUnit.Count, r.ticketsPurged);
    metrics.addMetric('WaitingReminded', MetricUnit.Count, r.waitingReminded);
    metrics.addMetric('TicketsClosedUnanswered', MetricUnit.Count, r.closedUnanswered);
    logger.info('sweep done', { ...r });
    return r;
  });
}
