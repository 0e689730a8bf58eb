/**
 * "Ambil tiket berikutnya": the most urgent ticket over all the agent's queues. The contract's
 * POST /work/next decides on the server (overdue first, then priority, then age). Until it is
 * built, the console asks the per-queue claim in the order the queue overview suggests: queues
 * with overdue tickets first, then the one whose oldest ready ticket waited longest (each queue's
 * claim itself takes overdue, then priority, then age within the queue).
 */
import type { Api, Category, QueueStats, Ticket } from './api.ts';
import { ApiError } from './api.ts';

export function claimOrder(stats: readonly QueueStats[]): Category[] {
  return stats
    .filter((s) => s.ready > 0)
    .sort(
      (a, b) =>
        Number(b.overdue > 0) - Number(a.overdue > 0) ||
        (b.oldestReadyAgeSeconds ?? 0) - (a.oldestReadyAgeSeconds ?? 0) ||
        a.category.localeCompare(b.category),
    )
    .map((s) => s.category);
}

export async function takeNext(api: Api): Promise<Ticket | null> {
  try {
    return await api.next();
  } catch (err) {
    if (!(err instanceof ApiError) || err.kind !== 'NotAvailable') throw err;
  }
  for (const category of claimOrder(await api.queues())) {
    const ticket = await api.claim(category);
    if (ticket) return ticket;
  }
  return null;
}
