/**
 * The middy chain every handler shares: an invocation's metrics are published when it added some,
 * whether it succeeded or failed, and an invocation that added none publishes nothing and warns
 * about nothing.
 */

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { jest } from '@jest/globals';
import { instrument, logger, metrics, tracer } from '#handlers/observability.ts';
import { lambdaContext } from '../support/lambda.ts';

let published: number[];
let warnings: string[];
beforeEach(() => {
  published = [];
  warnings = [];
  const publish = metrics.publishStoredMetrics.bind(metrics);
  jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
    published.push(metrics.hasStoredMetrics() ? 1 : 0);
    return publish();
  });
  jest.spyOn(logger, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(String(args[0]));
  });
});
afterEach(() => jest.restoreAllMocks());

test('an invocation that adds no metric publishes nothing and logs no warning', async () => {
  // Prepare
  const handler = instrument(async (_event: unknown) => 'read only');

  // Act
  await handler({}, lambdaContext('observability-test'));

  // Assess
  expect(published).toEqual([]);
  expect(warnings).toEqual([]);
});

test('an invocation that adds a metric publishes it once, and the next starts empty', async () => {
  // Prepare
  const handler = instrument(async (_event: unknown) => {
    metrics.addMetric('ThingsDone', MetricUnit.Count, 1);
    return 'done';
  });

  // Act
  await handler({}, lambdaContext('observability-test'));

  // Assess
  expect(published).toEqual([1]);
  expect(metrics.hasStoredMetrics()).toBe(false);
  expect(warnings).toEqual([]);
});

test('an invocation that fails after adding a metric still publishes it', async () => {
  // Prepare
  const handler = instrument(async (_event: unknown) => {
    metrics.addMetric('ThingsFailed', MetricUnit.Count, 1);
    throw new Error('downstream refused');
  });

  // Act
  const outcome = handler({}, lambdaContext('observability-test'));

  // Assess
  await expect(outcome).rejects.toThrow('downstream refused');
  expect(published).toEqual([1]);
  expect(metrics.hasStoredMetrics()).toBe(false);
});

test('the tracer records SDK calls only, not each HTTP request beneath them again', () => {
  // Assess: every outbound call goes through an SDK client (traced one by one by `traced`)
  expect((tracer as unknown as { captureHTTPsRequests: boolean }).captureHTTPsRequests).toBe(false);
});
