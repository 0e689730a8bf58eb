// Quiet, deterministic Powertools in tests: no EMF metrics on stdout, errors-only logs.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT';
process.env.AWS_ACCESS_KEY_ID = process.env.AWS_ACCESS_KEY_ID ?? 'test';
process.env.AWS_SECRET_ACCESS_KEY = process.env.AWS_SECRET_ACCESS_KEY ?? 'test';

// Property tests: a fixed seed in CI, so a red run can be replayed and never depends on the draw;
// a fresh seed on every local run (fast-check prints it with any counterexample), or FC_SEED's.
if (process.env.CI || process.env.FC_SEED) {
  const fc = await import('fast-check');
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.FC_SEED ?? 20_261_130) });
}
