/**
 * Powertools logger and metrics, one of each per function, and the time each invocation spends
 * in AWS calls. Logs carry ticket refs and masked values only (core/mask.ts): never a raw card
 * number, phone, NIK or address.
 *
 * Traces: the stack turns on Lambda's active tracing, so X-Ray records each invocation (its init,
 * its duration, the queue or API that started it) without any SDK in the function. The functions
 * do not load the X-Ray SDK (Powertools Tracer is built on it) for their AWS calls' subsegments:
 * the SDK is in maintenance mode and its support ends in February 2027 (AWS points to
 * OpenTelemetry, whose Node SDK is heavier still); loading it cost every cold start 20-35 ms, and
 * its automatic mode tracks every promise with async hooks for the life of the instance. What
 * those subsegments showed, where a slow invocation spent its time, is one log line instead:
 * `timed` below.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
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

/** The AWS calls of the invocation in progress (a Lambda instance runs one invocation at a time). */
interface CallLog {
  count: number;
  ms: number;
  retries: number;
  slowest?: { call: string; ms: number };
}
let calls: CallLog = { count: 0, ms: 0, retries: 0 };

/** What every SDK response and service error carries: how many attempts the call took. */
interface Metadata {
  $metadata: { attempts?: number };
}
type Middleware = (
  next: (args: unknown) => Promise<{ output: Metadata }>,
  context: { commandName?: string },
) => (args: unknown) => Promise<{ output: Metadata }>;

/**
 * Times every call the client makes, retries included (the middleware sits before the SDK's retry
 * step, so it measures what the caller waited), into the invocation's call log. The one place SDK
 * clients get instrumented on Lambda: pass as `instrument` when building a function's clients.
 */
export const timed = <C extends SdkClient>(client: C): C => {
  const service = client.constructor.name.replace(/Client$/, '');
  // One signature for every client's stack: the clients' own middleware types differ only in
  // their input and output unions, which this middleware does not look into.
  const stack = client.middlewareStack as unknown as {
    add(mw: Middleware, o: { step: 'initialize'; name: string }): void;
  };
  stack.add(
    (next, ctx) => async (args) => {
      const start = performance.now();
      let attempts = 1;
      try {
        const result = await next(args);
        attempts = result.output.$metadata.attempts ?? 1;
        return result;
      } catch (err) {
        attempts = (err as Partial<Metadata>).$metadata?.attempts ?? 1;
        throw err;
      } finally {
        record(
          `${service}.${(ctx.commandName ?? 'Unknown').replace(/Command$/, '')}`,
          performance.now() - start,
          attempts,
        );
      }
    },
    { step: 'initialize', name: 'awsCallTiming' },
  );
  return client;
};

function record(call: string, ms: number, attempts: number): void {
  calls.count++;
  calls.ms += ms;
  calls.retries += attempts - 1;
  if (!calls.slowest || ms > calls.slowest.ms) calls.slowest = { call, ms };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Logs, when an invocation ends, how many AWS calls it made, how long they took together and
 * which was slowest (names and times only: nothing a call carried), and starts the next at zero.
 */
export function logAwsCalls(log: Logger): MiddlewareObj {
  const flush = async () => {
    const c = calls;
    calls = { count: 0, ms: 0, retries: 0 };
    if (c.count === 0) return;
    log.info('aws calls', {
      awsCalls: c.count,
      awsMs: round(c.ms),
      awsRetries: c.retries,
      slowestAwsCall: c.slowest && { call: c.slowest.call, ms: round(c.slowest.ms) },
    });
  };
  const start = async () => {
    // Whatever an invocation that timed out left behind is not this one's.
    calls = { count: 0, ms: 0, retries: 0 };
  };
  return { before: start, after: flush, onError: flush };
}

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

/** Every handler gets the same middy chain: the Lambda context in logs, AWS calls logged, metrics flushed. */
export function instrument<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return middy(handler).use(injectLambdaContext(logger)).use(logAwsCalls(logger)).use(publishMetrics(metrics));
}
