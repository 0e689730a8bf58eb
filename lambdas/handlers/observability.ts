/**
 * Powertools logger, metrics and tracer, one of each per function. Logs carry ticket refs and
 * masked values only (core/mask.ts): never a raw card number, phone, NIK or address.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { SdkClient } from '#adapters/clients.ts';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'prakerja-triage';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PrakerjaTriage',
  serviceName,
  // Its own warnings ("No application metrics to publish") as our structured logs, under
  // POWERTOOLS_LOG_LEVEL like the rest, instead of bare console lines.
  logger,
});
// Every outbound call a function makes goes through an SDK client, which `traced` records as an
// AWS subsegment; capturing HTTP(S) as well would only record each call twice, and patching the
// http, https and fetch modules is most of what the tracer costs a cold start.
export const tracer = new Tracer({ serviceName, captureHTTPsRequests: false });

/** The one place SDK clients get traced: pass as `instrument` when building a function's clients. */
export const traced = <C extends SdkClient>(client: C): C => tracer.captureAWSv3Client(client);

/**
 * Publishes what an invocation added to `metrics`, after it succeeds or fails, and nothing when it
 * added none. Used instead of Powertools' logMetrics middleware, which publishes after every
 * invocation and so warns "No application metrics to publish" on each that adds none (most agent
 * API reads, survey page views), a warning nobody can act on; Powertools offers no option to
 * skip empty flushes other than throwOnEmptyMetrics, which fails them instead.
 */
export function publishMetrics(m: Metrics): MiddlewareObj {
  const publish = async () => {
    if (m.hasStoredMetrics()) m.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}

export interface InstrumentOptions {
  /**
   * Record the handler's response on its trace (Powertools' default). Off where responses carry
   * personal data (the agent API's tickets): X-Ray would keep them in clear.
   */
  captureResponse?: boolean;
}

/** Every handler gets the same middy chain: a trace segment, the Lambda context in logs, metrics flushed. */
export function instrument<E, R>(handler: (event: E, context: Context) => Promise<R>, o: InstrumentOptions = {}) {
  return middy(handler)
    .use(captureLambdaHandler(tracer, { captureResponse: o.captureResponse ?? true }))
    .use(injectLambdaContext(logger))
    .use(publishMetrics(metrics));
}
