/** The survey links' tokens: what they carry, and every way a token is refused. */
import { type SurveyClaims, signSurveyToken, verifySurveyToken } from '#core/survey-token.ts';

const KEY = new TextEncoder().encode('a-test-key-of-thirty-two-bytes-or-more');
const OTHER_KEY = new TextEncoder().encode('another-test-key-of-thirty-two-bytes!!');
const CLAIMS: SurveyClaims = {
  ref: 'PRK-7Q2M4K9D',
  surveyId: 'sv_aBcDeFgH12345',
  rating: 4,
  expiresAt: '2024-06-03T03:00:00.000Z',
};
const BEFORE = new Date('2024-05-25T00:00:00.000Z');

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];
const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(parts(token)[1], 'base64url').toString()) as Record<string, unknown>;
/** The token with its payload changed and the original signature kept. */
function withPayload(token: string, change: (p: Record<string, unknown>) => void): string {
  const [header, , signature] = parts(token);
  const p = payloadOf(token);
  change(p);
  return `${header}.${b64(p)}.${signature}`;
}

describe('survey tokens', () => {
  it('carry the ticket, survey, rating and expiry they were signed with', async () => {
    // Prepare
    const token = await signSurveyToken(CLAIMS, KEY);

    // Act
    const check = await verifySurveyToken(token, KEY, BEFORE);

    // Assess
    expect(check).toEqual({ ok: true, claims: CLAIMS });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['the ticket', (p: Record<string, unknown>) => (p.sub = 'PRK-7Q2M4K9E')],
    ['the survey', (p: Record<string, unknown>) => (p.sid = 'sv_aBcDeFgH12346')],
    ['the rating', (p: Record<string, unknown>) => (p.r = 5)],
    ['the expiry', (p: Record<string, unknown>) => (p.exp = (p.exp as number) + 86_400)],
    ['the audience', (p: Record<string, unknown>) => (p.aud = 'other')],
  ])('are refused as forged when %s is changed', async (_what, change) => {
    const token = withPayload(await signSurveyToken(CLAIMS, KEY), change);
    expect(await verifySurveyToken(token, KEY, BEFORE)).toEqual({ ok: false, reason: 'forged' });
  });

  it('are refused as forged when signed with another key', async () => {
    const token = await signSurveyToken(CLAIMS, OTHER_KEY);
    expect(await verifySurveyToken(token, KEY, BEFORE)).toEqual({ ok: false, reason: 'forged' });
  });

  it('are refused as forged when the signature is altered', async () => {
    const [h, p, sig] = parts(await signSurveyToken(CLAIMS, KEY));
    const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
    expect(await verifySurveyToken(`${h}.${p}.${flipped}`, KEY, BEFORE)).toEqual({ ok: false, reason: 'forged' });
  });

  it('expire at their expiry, not a second before', async () => {
    const token = await signSurveyToken(CLAIMS, KEY);
    const justBefore = new Date(Date.parse(CLAIMS.expiresAt) - 1000);
    expect(await verifySurveyToken(token, KEY, justBefore)).toMatchObject({ ok: true });
    expect(await verifySurveyToken(token, KEY, new Date(CLAIMS.expiresAt))).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when another algorithm, or none, is named in the header', async () => {
    const [, payload, signature] = parts(await signSurveyToken(CLAIMS, KEY));
    const none = `${b64({ alg: 'none' })}.${payload}.`;
    const hs512 = `${b64({ alg: 'HS512' })}.${payload}.${signature}`;
    expect(await verifySurveyToken(none, KEY, BEFORE)).toMatchObject({ ok: false });
    expect(await verifySurveyToken(hs512, KEY, BEFORE)).toMatchObject({ ok: false });
  });

  it.each([
    ['empty', ''],
    ['not a token', 'hello'],
    ['two parts', 'abc.def'],
    ['characters outside base64url', 'a+b.c/d.e=f'],
    ['too long', `${'a'.repeat(600)}.${'b'.repeat(600)}.c`],
  ])('are refused as malformed when %s', async (_what, token) => {
    expect(await verifySurveyToken(token, KEY, BEFORE)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuse a validly signed token whose rating is off the scale', async () => {
    const token = await signSurveyToken({ ...CLAIMS, rating: 9 as never }, KEY);
    expect(await verifySurveyToken(token, KEY, BEFORE)).toEqual({ ok: false, reason: 'malformed' });
  });
});
