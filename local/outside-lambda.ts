/**
 * Imported first by every local entry point (npm start, the benchmarks): settings for running the
 * Lambda handlers outside Lambda, applied before any handler module loads.
 *
 * Outside Lambda, Powertools Tracer is off anyway (no AWS_EXECUTION_ENV, no X-Ray daemon), but
 * merely loading the X-Ray SDK installs cls-hooked's async hooks, which track every promise the
 * process creates: ~10% of the local pipeline's CPU for traces nobody collects. Manual mode skips
 * them. On Lambda neither variable is set, and tracing works as configured in CDK.
 */
process.env.AWS_XRAY_MANUAL_MODE ??= 'true';
process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
