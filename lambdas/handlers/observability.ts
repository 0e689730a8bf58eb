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
import { aroundEveryCall, type SdkClient, sdkCall } from '#adapters/clients.ts';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'prakerja-triage';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PrakerjaTriage',
  serviceName,
  // Its own warnings ("No application metrics to publish") as our structured logs, under
  // POWERTOOLS_LOG_LEVEL like the rest, instead of bare console lines.
  logger,
});

/**
 * The AWS calls of one invocation. The stack's functions are on-demand, where a Lambda instance
 * runs one invocation at a time, so one log is current at most (Lambda Managed Instances, which
 * run several at once, would need one per invocation through AsyncLocalStorage).
 */
class CallLog {
  readonly begun = performance.now();
  count = 0;
  /** The calls' times added up: records of a batch are handled concurrently, so it may exceed the invocation's. */
  ms = 0;
  retries = 0;
  slowest?: { call: string; ms: number };
  /** Calls made and not answered yet, oldest first (a Set keeps the order they were made in). */
  readonly pending = new Set<{ call: string; start: number }>();

  end(p: { call: string; start: number }, attempts: number): void {
    const ms = performance.now() - p.start;
    this.pending.delete(p);
    this.count++;
    this.ms += ms;
    this.retries += attempts - 1;
    if (!this.slowest || ms > this.slowest.ms) this.slowest = { call: p.call, ms };
  }
}
let current = new CallLog();

/** What every SDK response and service error carries: how many attempts the call took. */
interface Metadata {
  $metadata?: { attempts?: number };
}

/**
 * Times every call the client makes, retries included (`aroundEveryCall`: it measures what the
 * caller waited), into the log of the invocation that made it: a call still unanswered when its
 * invocation ends (a timeout) is reported as pending there, and its answer, coming during a
 * later invocation, is not counted in that one. The one place SDK clients get instrumented on
 * Lambda: pass as `instrument` when building a function's clients.
 */
export const timed = <C extends SdkClient>(client: C): C =>
  aroundEveryCall(client, 'awsCallTiming', (next, context) => async (args) => {
    const log = current;
    const { service, operation } = sdkCall(context);
    const call = { call: `${service}.${operation}`, start: performance.now() };
    log.pending.add(call);
    let attempts = 1;
    try {
      const result = await next(args);
      attempts = (result.output as Metadata | undefined)?.$metadata?.attempts ?? 1;
      return result;
    } catch (err) {
      attempts = (err as Metadata | null | undefined)?.$metadata?.attempts ?? 1;
      throw err;
    } finally {
      log.end(call, attempts);
    }
  });

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Logs, when an invocation ends, its AWS calls: how many, their times added up, retries, the
 * slowest, and any still unanswered (names and times only: nothing a call carried), beside the
 * invocation's own time; then starts the next invocation's log.
 */
export function logAwsCalls(log: Logger): MiddlewareObj {
  const flush = async () => {
    const c = current;
    current = new CallLog();
    if (c.count === 0 && c.pending.size === 0) return;
    const now = performance.now();
    const [oldest] = c.pending;
    log.info('aws calls', {
      invocationMs: round(now - c.begun),
      awsCalls: c.count,
      awsMs: round(c.ms),
      awsRetries: c.retries,
      slowestAwsCall: c.slowest && { call: c.slowest.call, ms: round(c.slowest.ms) },
      ...(oldest && {
        awsCallsPending: c.pending.size,
        oldestPendingAwsCall: { call: oldest.call, ms: round(now - oldest.start) },
      }),
    });
  };
  const start = async () => {
    // Calls made at init, or by an invocation that timed out, are not this one's.
    current = new CallLog();
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
