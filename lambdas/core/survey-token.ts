/**
 * The survey links' tokens: which ticket, which survey, which rating the link stands for, until
 * when; signed with HMAC-SHA256 under the deployed survey key. A compact JWS (HS256) made and
 * checked by jose rather than by hand: it verifies the signature with WebCrypto (a constant-time
 * comparison) before it looks at any claim, pins the algorithm, and checks expiry against the
 * time we pass in (no clock here).
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { isRating, type Rating } from './survey.ts';
import { TICKET_REF } from './ticket.ts';

export interface SurveyClaims {
  ref: string;
  surveyId: string;
  rating: Rating;
  /** When the link stops working (ISO). */
  expiresAt: string;
}

export type TokenCheck =
  | { ok: true; claims: SurveyClaims }
  /** Not a token of ours at all (cut short, mangled, another format). */
  | { ok: false; reason: 'malformed' }
  /** Well formed, but not signed with our key: altered, or made up. */
  | { ok: false; reason: 'forged' }
  | { ok: false; reason: 'expired' };

/** Binds the token to this one purpose. */
const AUDIENCE = 'csat';
const ALGORITHM = 'HS256';
const SURVEY_ID = /^[A-Za-z0-9_-]{8,64}$/;

export async function signSurveyToken(claims: SurveyClaims, key: Uint8Array): Promise<string> {
  return new SignJWT({ sid: claims.surveyId, r: claims.rating })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(claims.ref)
    .setAudience(AUDIENCE)
    .setExpirationTime(Math.floor(Date.parse(claims.expiresAt) / 1000))
    .sign(key);
}

export async function verifySurveyToken(token: string, key: Uint8Array, now: Date): Promise<TokenCheck> {
  if (token.length > 1000 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token))
    return { ok: false, reason: 'malformed' };
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      currentDate: now,
      requiredClaims: ['sub', 'exp', 'sid', 'r'],
    });
    const { sub, sid, r, exp } = payload;
    if (typeof sub !== 'string' || !TICKET_REF.test(sub) || typeof sid !== 'string' || !SURVEY_ID.test(sid))
      return { ok: false, reason: 'malformed' };
    if (!isRating(r) || typeof exp !== 'number') return { ok: false, reason: 'malformed' };
    return { ok: true, claims: { ref: sub, surveyId: sid, rating: r, expiresAt: new Date(exp * 1000).toISOString() } };
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (err instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'forged' };
    return { ok: false, reason: 'malformed' };
  }
}
