/**
 * Keeps one function instance's sends at or under a rate: each caller gets the next free slot,
 * 1/rate seconds after the previous one, and waits for it. Powertools' BatchProcessor handles a
 * batch's records at once, so the records of one batch queue up here. Written by hand: a slot
 * counter and a timer, where a rate-limiter package (bottleneck, p-throttle) would add a
 * dependency to the mailer's bundle for the same dozen lines.
 */
export type Pacer = () => Promise<void>;

export function pacer(ratePerSecond: number, now: () => number = Date.now): Pacer {
  const interval = 1000 / ratePerSecond;
  let next = 0;
  return () => {
    const t = now();
    const slot = Math.max(t, next);
    next = slot + interval;
    const wait = slot - t;
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
