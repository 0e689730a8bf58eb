/**
 * Lambda entry: scheduled every minute → sweep expired leases and mark overdue tickets.
 */

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient } from '#adapters/clients.ts';
import { DynamoWorkList } from '#adapters/dynamodb/work-list.ts';
import { sweep } from '#lambdas/app/sweeper.ts';
import { loadSweeperConfig } from '#lambdas/config.ts';
import { instrument, logger, metrics, tracer } from './observability.ts';

const config = loadSweeperConfig();
const work = new DynamoWorkList(tracer.captureAWSv3Client(documentClient(config)), config.TABLE_NAME);

export const handler = instrument(async () => {
  const r = await sweep(work, new Date());
  metrics.addMetric('LeasesExpired', MetricUnit.Count, r.leasesExpired);
  metrics.addMetric('TicketsOverdue', MetricUnit.Count, r.markedOverdue);
  logger.info('sweep done', { ...r });
  return r;
});
