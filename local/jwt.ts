/**
 * Local agent tokens: HS256 JWTs shaped like Cognito access tokens (`cognito:username`,
 * `cognito:groups`), signed with a development key. On AWS, Cognito issues the tokens and API
 * Gateway's JWT authorizer verifies them; locally the API server verifies these with jose.
 * The key below exists only for the local stack; it protects nothing real.
 */
import { jwtVerify, SignJWT } from 'jose';
import type { Category } from '#core/types.ts';

const DEV_KEY = new TextEncoder().encode(process.env.LOCAL_JWT_SECRET ?? 'prakerja-local-development-key-not-a-secret');
const ISSUER = 'prakerja-local';
const AUDIENCE = 'prakerja-agents';

export interface TokenRequest {
  agent: string;
  queues: Category[];
  supervisor?: boolean;
  ttlSeconds?: number;
}

export async function signAgentToken(r: TokenRequest): Promise<string> {
  const groups = [...r.queues.map((q) => `queue-${q}`), ...(r.supervisor ? ['supervisor'] : [])];
  return new SignJWT({ 'cognito:username': r.agent, 'cognito:groups': groups, token_use: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(r.agent)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${r.ttlSeconds ?? 12 * 3600}s`)
    .sign(DEV_KEY);
}

/** The token's claims, or null when it is missing, malformed, badly signed or expired. */
export async function verifyAgentToken(token: string): Promise<Record<string, unknown> | null> {
  try {
    const { payload } = await jwtVerify(token, DEV_KEY, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}
