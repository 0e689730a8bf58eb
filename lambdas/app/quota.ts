/**
 * Per-client, per-minute request counts on a RequestQuota (the public routes' per-client limits):
 * the window is the current UTC minute, under `scope` when a route keeps its own count, and each
 * count expires two minutes later.
 */
import type { RequestQuota } from '#ports';

export function withinPerMinute(
  quota: RequestQuota,
  client: string,
  limit: number,
  now: Date,
  scope: string | null = null,
): Promise<boolean> {
  const minute = now.toISOString().slice(0, 16);
  const window = scope ? `${scope}#${minute}` : minute;
  return quota.tryConsume(client, window, limit, Math.floor(now.getTime() / 1000) + 120);
}
