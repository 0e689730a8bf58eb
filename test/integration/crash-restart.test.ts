/**
 * `npm start -- --data DIR` killed with SIGKILL while mail arrives loses nothing it answered 250,
 * and answers each participant's first mail once across the restart (`npm run check:crash` runs
 * the same with 300 mails and prints its figures).
 */
import { runCrashRestart } from '../../bench/crash-restart-run.ts';

describe('the local stack with --data, killed with SIGKILL and started again', () => {
  it('files every mail it accepted and answers every first mail once', async () => {
    // Prepare + Act
    const f = await runCrashRestart({ mails: 24, killAfter: 12, settleMs: 90_000 });

    // Assess
    expect(f.acceptedBeforeKill).toBeGreaterThanOrEqual(12);
    expect(f.accepted).toBe(24);
    expect(f.lost).toBe(0);
    expect(f.tickets + f.opsRecords).toBe(f.accepted);
    expect(f.unanswered).toEqual([]);
    expect(f.answeredOnce).toBe(f.humanFirst);
    expect(f.duplicateReplies).toBe(0);
  }, 240_000);
});
