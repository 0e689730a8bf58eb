/**
 * Powertools logger, metrics and tracer, one of each per function. Logs carry ticket refs and
 * masked values only (core/mask.ts): never a raw card number, phone, NIK or address.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'prakerja-triage';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PrakerjaTriage',
  serviceName,
});
export const tracer = new Tracer({ serviceName });
