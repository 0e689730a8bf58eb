import { LONGEST_REGION_NAME, PREFIX_MAX_LENGTH, systemNames } from '#lib/names.ts';
import { parseParameters } from '#lib/system.ts';

const VALID = {
  prefix: 'prakerja-triage',
  region: 'ap-southeast-1',
  domain: 'pengaduan.example.go.id',
  recipient: 'pengaduan@pengaduan.example.go.id',
  alarmEmail: 'ops@example.go.id',
  rawMailRetentionDays: '180',
  logRetentionDays: '90',
};

const refusal = (raw: Record<string, unknown>) => {
  try {
    parseParameters(raw);
  } catch (err) {
    return String(err);
  }
  return 'accepted';
};

describe('deployment parameters', () => {
  it('accepts a complete set, with defaults for the send-rate ceiling and rule-set replacement', () => {
    // Act
    const p = parseParameters(VALID);

    // Assess
    expect(p).toMatchObject({
      maxSendsPerSecond: 10,
      replaceActiveRuleSet: false,
      adoptRetained: false,
      ticketRetentionDays: 365,
    });
  });

  it('keeps ended tickets at least a month (they can reopen for a week), as long as asked beyond that', () => {
    expect(refusal({ ...VALID, ticketRetentionDays: '7' })).toMatch(/ticketRetentionDays/);
    expect(parseParameters({ ...VALID, ticketRetentionDays: '730' }).ticketRetentionDays).toBe(730);
  });

  it.each(['alarmEmail', 'region', 'domain', 'recipient'])(
    'refuses a deploy without %s, saying how to give it',
    (k) => {
      // Prepare
      const { [k as keyof typeof VALID]: _, ...rest } = VALID;

      // Act
      const message = refusal(rest);

      // Assess
      expect(message).toContain(`required: -c ${k}=`);
    },
  );

  it.each([
    ['Prakerja', 'upper case (an invalid bucket name)'],
    ['prakerja--triage', 'a double hyphen (xn-- is reserved)'],
    ['prakerja-', 'a trailing hyphen'],
    ['9prakerja', 'a leading digit'],
    ['my-aws-intake', 'a word Cognito refuses in a domain prefix'],
    ['sthree-intake', 'a prefix S3 reserves'],
    ['p'.repeat(PREFIX_MAX_LENGTH + 1), 'one character more than the bucket name allows'],
  ])('refuses the prefix %s: %s', (prefix) => {
    expect(refusal({ ...VALID, prefix })).toMatch(/prefix/);
  });

  it('fits the longest prefix into a 63-character bucket name in a region with the longest name', () => {
    // Prepare
    const prefix = 'p'.repeat(PREFIX_MAX_LENGTH);
    const region = 'ap-northeast-3';

    // Act
    const names = systemNames(prefix, { region, account: '123456789012' });

    // Assess
    expect(region).toHaveLength(LONGEST_REGION_NAME);
    expect(refusal({ ...VALID, prefix, region })).toBe('accepted');
    expect(names.mailBucket).toHaveLength(63);
    expect(names.accessLogBucket).toHaveLength(63);
  });

  it('refuses Jakarta, where SES does not receive mail', () => {
    expect(refusal({ ...VALID, region: 'ap-southeast-3' })).toMatch(/not offered in Jakarta/);
  });

  it('refuses a complaint address that is not on the sending domain', () => {
    expect(refusal({ ...VALID, recipient: 'pengaduan@elsewhere.example.id' })).toMatch(
      /recipient must be an address on domain/,
    );
  });

  it('refuses a send-rate ceiling below one send per second per concurrent mailer', () => {
    expect(refusal({ ...VALID, maxSendsPerSecond: '1' })).toMatch(/maxSendsPerSecond/);
  });

  it('reads flags as -c gives them: "true"', () => {
    // Act
    const p = parseParameters({ ...VALID, replaceActiveRuleSet: 'true' });

    // Assess
    expect(p.replaceActiveRuleSet).toBe(true);
  });
});
