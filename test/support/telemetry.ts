/**
 * Everything our functions' Powertools logger, metrics and tracer emit, captured while a test
 * runs: log lines as printed, metric names, values, dimensions and metadata, and what the tracer
 * would put on an X-Ray segment (annotations, metadata, errors). Tracing is switched on for the
 * capture (outside Lambda the tracer is off) over a stand-in segment that records instead of
 * sending, so a test sees what production traces would carry.
 */
import { logger, metrics, tracer } from '#handlers/observability.ts';

export interface Telemetry {
  /** Every captured item, one per line (JSON where it was not text). */
  text(): string;
  logs: string[];
  metrics: string[];
  traces: string[];
  restore(): void;
}

const json = (v: unknown) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

export function captureTelemetry(): Telemetry {
  const t = { logs: [] as string[], metrics: [] as string[], traces: [] as string[] };
  const restores: (() => void)[] = [];
  /** Replaces a method on an object until restore. */
  const patch = <O extends object>(obj: O, key: keyof O, impl: (original: (...a: unknown[]) => unknown) => unknown) => {
    const original = obj[key] as (...a: unknown[]) => unknown;
    const bound = original.bind(obj);
    Object.defineProperty(obj, key, { value: impl(bound), configurable: true, writable: true });
    restores.push(() => Object.defineProperty(obj, key, { value: original, configurable: true, writable: true }));
  };

  const level = logger.getLevelName();
  logger.setLogLevel('DEBUG');
  restores.push(() => logger.setLogLevel(level));
  for (const stream of [process.stdout, process.stderr]) {
    patch(stream, 'write', () => (chunk: unknown) => {
      t.logs.push(String(chunk));
      return true;
    });
  }

  for (const method of ['addMetric', 'addDimension', 'addDimensions', 'addMetadata', 'setDefaultDimensions'] as const) {
    patch(metrics, method, (original) => (...args: unknown[]) => {
      t.metrics.push(`${method} ${json(args)}`);
      return original(...args);
    });
  }

  const record =
    (what: string) =>
    (...args: unknown[]) => {
      t.traces.push(
        `${what} ${args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : json(a))).join(' ')}`,
      );
    };
  const segment = {
    name: 'capture',
    addNewSubsegment: () => segment,
    close: () => undefined,
    addAnnotation: record('annotation'),
    addMetadata: record('metadata'),
    addError: record('error'),
    addErrorFlag: () => undefined,
  };
  patch(tracer, 'isTracingEnabled', () => () => true);
  patch(tracer, 'getSegment', () => () => segment);
  patch(tracer, 'setSegment', () => () => undefined);
  // These go to the X-Ray SDK's own current segment, not through getSegment.
  patch(tracer, 'putAnnotation', () => record('annotation'));
  patch(tracer, 'putMetadata', () => record('metadata'));

  return {
    ...t,
    text: () => [...t.logs, ...t.metrics, ...t.traces].join('\n'),
    restore: () => {
      for (const r of restores.splice(0).reverse()) r();
    },
  };
}
