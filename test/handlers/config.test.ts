import {
  ConfigError,
  loadMailerConfig,
  loadSurveyConfig,
  loadSweeperConfig,
  loadTriageConfig,
} from '#lambdas/config.ts';

const triageEnv = {
  AWS_REGION: 'ap-southeast-1',
  TABLE_NAME: 'tickets',
  OUTBOUND_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound',
  INBOUND_DLQ_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/inbound-dlq',
  COMPLAINT_ADDRESSES: 'Pengaduan@prakerja.example.id, help@prakerja.example.id',
  SLA_HOURS: '{"fraud":4,"incentive":24,"certificate":48,"training":48,"account":48,"registration":48,"general":48}',
  RAW_MAIL_RETENTION_DAYS: '180',
};

describe('config', () => {
  it('parses the triage environment, normalising the complaint addresses', () => {
    expect(loadTriageConfig(triageEnv).COMPLAINT_ADDRESSES).toEqual([
      'pengaduan@prakerja.example.id',
      'help@prakerja.example.id',
    ]);
  });

  it('refuses a triage environment without the raw mail retention its set-aside records expire with', () => {
    const { RAW_MAIL_RETENTION_DAYS, ...without } = triageEnv;
    expect(loadTriageConfig(triageEnv).RAW_MAIL_RETENTION_DAYS).toBe(180);
    expect(() => loadTriageConfig(without)).toThrow(/RAW_MAIL_RETENTION_DAYS/);
    expect(() => loadTriageConfig({ ...triageEnv, RAW_MAIL_RETENTION_DAYS: '0' })).toThrow(/RAW_MAIL_RETENTION_DAYS/);
  });

  it('takes surge settings where they differ from the defaults, and refuses unknown or fractional ones', () => {
    const settings = loadTriageConfig({
      ...triageEnv,
      SURGE_SETTINGS: '{"bucketMinutes":2,"windowMinutes":6}',
    }).SURGE_SETTINGS;
    expect(settings).toMatchObject({ bucketMinutes: 2, windowMinutes: 6 });
    expect(Object.keys(settings ?? {}).length).toBeGreaterThan(2);
    expect(loadTriageConfig(triageEnv).SURGE_SETTINGS).toBeUndefined();
    expect(() => loadTriageConfig({ ...triageEnv, SURGE_SETTINGS: '{"bucketMinutes":1.5}' })).toThrow(/whole number/);
    expect(() => loadTriageConfig({ ...triageEnv, SURGE_SETTINGS: '{"bucketMinute":1}' })).toThrow(/SURGE_SETTINGS/);
    expect(() => loadTriageConfig({ ...triageEnv, SURGE_SETTINGS: 'two' })).toThrow(/not JSON/);
  });

  it('defaults the incident cache time and takes only a whole number of seconds', () => {
    expect(loadTriageConfig(triageEnv).SURGE_INCIDENTS_CACHE_SECONDS).toBe(30);
    expect(loadTriageConfig({ ...triageEnv, SURGE_INCIDENTS_CACHE_SECONDS: '0' }).SURGE_INCIDENTS_CACHE_SECONDS).toBe(
      0,
    );
    expect(() => loadTriageConfig({ ...triageEnv, SURGE_INCIDENTS_CACHE_SECONDS: '2.5' })).toThrow(
      /SURGE_INCIDENTS_CACHE_SECONDS/,
    );
  });

  it('rejects service-level targets that are not JSON or miss a category', () => {
    expect(() => loadTriageConfig({ ...triageEnv, SLA_HOURS: 'four hours' })).toThrow(/SLA_HOURS/);
    expect(() => loadTriageConfig({ ...triageEnv, SLA_HOURS: '{"fraud":4}' })).toThrow(/SLA_HOURS\.incentive/);
  });

  it('fails at init naming every missing or bad variable', () => {
    const { TABLE_NAME, ...withoutTable } = triageEnv;
    expect(() => loadTriageConfig({ ...withoutTable, OUTBOUND_QUEUE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadTriageConfig({ ...withoutTable, OUTBOUND_QUEUE_URL: 'not a url' })).toThrow(
      /TABLE_NAME.*OUTBOUND_QUEUE_URL|OUTBOUND_QUEUE_URL.*TABLE_NAME/,
    );
  });

  it('has no silent default for the mailer limits or addresses', () => {
    expect(() =>
      loadMailerConfig({
        AWS_REGION: 'x',
        TABLE_NAME: 't',
        FROM_ADDRESS: 'pengaduan@prakerja.example.id',
      }),
    ).toThrow(/MAX_AUTO_REPLIES_PER_DAY.*MAX_SENDS_PER_SECOND/);
    expect(
      loadMailerConfig({
        AWS_REGION: 'x',
        TABLE_NAME: 't',
        FROM_ADDRESS: 'pengaduan@prakerja.example.id',
        MAX_AUTO_REPLIES_PER_DAY: '3',
        MAX_SENDS_PER_SECOND: '5',
        OUTBOUND_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound',
        OUTBOUND_DLQ_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound-dlq',
        STATUS_BASE_URL: 'https://abc123.execute-api.ap-southeast-1.amazonaws.com',
      }),
    ).toMatchObject({ MAX_AUTO_REPLIES_PER_DAY: 3, MAX_SENDS_PER_SECOND: 5 });
  });

  it('takes only an http(s) address as the base of the status page links in replies', () => {
    const env = {
      AWS_REGION: 'x',
      TABLE_NAME: 't',
      FROM_ADDRESS: 'pengaduan@prakerja.example.id',
      MAX_AUTO_REPLIES_PER_DAY: '3',
      MAX_SENDS_PER_SECOND: '5',
      OUTBOUND_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound',
      OUTBOUND_DLQ_URL: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/outbound-dlq',
    };
    expect(() => loadMailerConfig(env)).toThrow(/STATUS_BASE_URL/);
    expect(() => loadMailerConfig({ ...env, STATUS_BASE_URL: 'javascript:alert(1)' })).toThrow(/STATUS_BASE_URL/);
    expect(loadMailerConfig({ ...env, STATUS_BASE_URL: 'http://127.0.0.1:3000' }).STATUS_BASE_URL).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('takes the survey key from exactly one place: its secret when deployed, a fixed key locally', () => {
    const base = { AWS_REGION: 'ap-southeast-1', TABLE_NAME: 'tickets' };
    const pages = { ...base, SURVEY_REQUESTS_PER_MINUTE: '10' };
    expect(loadSurveyConfig({ ...pages, SURVEY_KEY_SECRET: 'prk/survey-key' }).SURVEY_KEY_SECRET).toBe(
      'prk/survey-key',
    );
    expect(() => loadSurveyConfig(pages)).toThrow(/SURVEY_KEY_SECRET/);
    expect(() =>
      loadSurveyConfig({ ...pages, SURVEY_KEY_SECRET: 'prk/survey-key', DEV_SURVEY_KEY: 'x'.repeat(32) }),
    ).toThrow(/exactly one/);
    expect(() => loadSurveyConfig({ ...pages, DEV_SURVEY_KEY: 'short' })).toThrow(/DEV_SURVEY_KEY/);
    expect(() => loadSurveyConfig({ ...base, SURVEY_KEY_SECRET: 'prk/survey-key' })).toThrow(
      /SURVEY_REQUESTS_PER_MINUTE/,
    );
    expect(() =>
      loadSweeperConfig({
        ...base,
        SURVEY_KEY_SECRET: 'prk/survey-key',
        OUTBOUND_QUEUE_URL: triageEnv.OUTBOUND_QUEUE_URL,
      }),
    ).toThrow(/SURVEY_BASE_URL/);
  });
});
