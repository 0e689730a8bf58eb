/**
 * The local sign-in's token issuer: POST /local/token {agent, queues, supervisor} → {token}, a
 * development JWT from local/jwt.ts (the same tokens `npm run token` prints). Local only: on AWS
 * agents sign in with Cognito and this route does not exist.
 */
import { z } from 'zod';
import { CATEGORIES } from '#core/types.ts';
import { signAgentToken } from './jwt.ts';

const TokenRequestBody = z.object({
  agent: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'agent: 1-64 letters, digits, dot, underscore or hyphen'),
  queues: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length),
  supervisor: z.boolean().default(false),
});

export type TokenResult =
  | { status: 200; body: { token: string } }
  | { status: 400; body: { error: string; message: string } };

export async function issueLocalToken(rawBody: string): Promise<TokenResult> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: 'BadRequest', message: 'body must be JSON' } };
  }
  const r = TokenRequestBody.safeParse(json);
  if (!r.success)
    return { status: 400, body: { error: 'BadRequest', message: z.prettifyError(r.error).replace(/\s+/g, ' ') } };
  const token = await signAgentToken({
    agent: r.data.agent,
    queues: [...new Set(r.data.queues)],
    supervisor: r.data.supervisor,
  });
  return { status: 200, body: { token } };
}
