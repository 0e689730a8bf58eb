/**
 * The surge evaluation's handler, every minute: the detector's evaluation, then the broadcast of
 * accepted incidents' answers (app/surge.ts). Each proposed incident is logged and counted
 * (`SurgeIncidentsProposed`, alarmed); a failed run throws and the next minute starts again from
 * what is stored.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { evaluateSurges, type SurgeDeps, type SurgeRun } from '#app/surge.ts';
import { instrument, logger, metrics } from './observability.ts';

export function makeSurgeHandler(deps: SurgeDeps) {
  return instrument(async (_event: unknown, _context: Context): Promise<SurgeRun> => {
    const r = await evaluateSurges(deps);
    metrics.addMetric('SurgeIncidentsProposed', MetricUnit.Count, r.proposed.length);
    metrics.addMetric('SurgeIncidentsExpired', MetricUnit.Count, r.expired.length);
    metrics.addMetric('SurgeTicketsJoined', MetricUnit.Count, r.joined);
    metrics.addMetric('SurgeTicketsAnswered', MetricUnit.Count, r.answered);
    // Ids, categories and counts only: top terms may hold a word someone wrote about themselves.
    for (const i of r.proposed) {
      logger.warn('surge incident proposed', {
        incidentId: i.id,
        category: i.category,
        tickets: i.tickets,
        participants: i.participants,
        firstTicketAt: i.firstTicketAt,
      });
    }
    logger.info('surge evaluation done', {
      proposed: r.proposed.length,
      expired: r.expired.length,
      joined: r.joined,
      answered: r.answered,
      answeredWithoutReply: r.answeredWithoutReply,
      retired: r.retired,
      baselineThrough: r.baselineThrough,
    });
    return r;
  });
}
