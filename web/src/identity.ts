/**
 * Who is signed in: GET /me (contract) or, until it exists, the token's own claims. The claims
 * are read, not verified: the API verifies the token on every call; the console only needs them
 * to show the agent's name and which pages to offer.
 */
import { type Api, ApiError, CATEGORIES, type Category, type Me } from './api.ts';

export function claimsOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function meFromClaims(claims: Record<string, unknown>): Me | null {
  const agent = claims['cognito:username'] ?? claims.username ?? claims.sub;
  if (typeof agent !== 'string' || !agent) return null;
  const raw = claims['cognito:groups'];
  const groups = Array.isArray(raw) ? raw.map(String) : [];
  const queues = groups
    .filter((g) => g.startsWith('queue-'))
    .map((g) => g.slice('queue-'.length))
    .filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c));
  return { agent, queues, supervisor: groups.includes('supervisor') };
}

export async function whoAmI(api: Api, token: string | null): Promise<Me | null> {
  try {
    return await api.me();
  } catch (err) {
    if (!(err instanceof ApiError) || err.kind !== 'NotAvailable') throw err;
  }
  const claims = token ? claimsOf(token) : null;
  return claims ? meFromClaims(claims) : null;
}
