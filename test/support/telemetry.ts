/**
 * Everything our functions' Powertools logger and metrics emit, captured while a test runs: log
 * lines as printed, and metric names, values, dimensions and metadata. (The functions add nothing
 * to X-Ray traces: Lambda records those itself, see handlers/observability.ts.)
 */
import { logger, metrics } from '#handlers/observability.ts';

export interface Telemetry {
  /** Every captured item, one per line (JSON where it was not text). */
  text(): string;
  logs: string[];
  metrics: string[];
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
  const t = { logs: [] as string[], metrics: [] as string[] };
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

  return {
    ...t,
    text: () => [...t.logs, ...t.metrics].join('\n'),
    restore: () => {
      for (const r of restores.splice(0).reverse()) r();
    },
  };
}
