import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { APP_METRICS, METRICS_NAMESPACE, SERVICES } from '#lib/metrics.ts';
import { flat, ROOT, synthSystem } from './system.ts';

let pipeline: Template;
type Resource = { Properties: Record<string, unknown> & { AlarmName: string } };
let alarms: Record<string, Resource['Properties']>;

beforeAll(() => {
  pipeline = Template.fromStack(synthSystem().pipeline);
  alarms = Object.fromEntries(
    Object.values(pipeline.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).map((a) => [
      a.Properties.AlarmName.replace(/^prk-test-/, ''),
      a.Properties,
    ]),
  );
});

/** Work queues' DLQs, and the SNS subscriptions' (what SNS could not deliver). */
const DEAD_LETTER_QUEUES = [
  'inbound-dlq',
  'outbound-dlq',
  'sending-events-dlq',
  'mail-received-undelivered',
  'sending-events-undelivered',
];
const ALARMS = [
  ...DEAD_LETTER_QUEUES.flatMap((q) => [`${q}-not-empty`, `${q}-ageing`]),
  'mail-received-delivery-failed',
  'sending-events-delivery-failed',
  'inbound-record-failures',
  'inbound-backlog',
  'reply-failures',
  'outbound-backlog',
  'agent-api-5xx',
  'dynamodb-throttles',
  'ses-bounce-rate',
  'ses-complaint-rate',
  'surge-incident-proposed',
  ...Object.values(SERVICES).flatMap((s) => [`${s}-errors`, `${s}-throttles`]),
].sort();

describe('alarms', () => {
  it('raises each alarm the runbook describes, named <prefix>-<what>, to the ops topic', () => {
    expect(Object.keys(alarms).sort()).toEqual(ALARMS);
    for (const a of Object.values(alarms)) {
      expect(a.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^MessagingAlarms/) }]);
      expect(a.AlarmDescription).toMatch(/Runbook: docs\/runbook\.md#/);
    }
  });

  it('sends every alarm to the required e-mail address', () => {
    pipeline.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@prakerja.example.id',
    });
  });

  it('has a runbook section for every alarm', () => {
    const runbook = readFileSync(path.join(ROOT, 'docs', 'runbook.md'), 'utf8');
    const headings = new Set([...runbook.matchAll(/^#+ .*?`([a-z0-9-]+)`/gm)].map((m) => m[1]));
    expect(ALARMS.filter((a) => !headings.has(a))).toEqual([]);
  });

  it('watches the record failures the handlers report as partial batch failures, as Powertools emits them', () => {
    expect(alarms['inbound-record-failures']).toMatchObject({
      Namespace: 'PrakerjaTriage',
      MetricName: 'InboundRecordFailures',
      Dimensions: [{ Name: 'service', Value: 'triage' }],
      Statistic: 'Sum',
      Threshold: 0,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
    expect(alarms['reply-failures']).toMatchObject({
      Namespace: 'PrakerjaTriage',
      MetricName: 'ReplyFailures',
      Dimensions: [{ Name: 'service', Value: 'mailer' }],
    });
  });

  it('notifies when the surge detector proposes an incident, within the minute', () => {
    expect(alarms['surge-incident-proposed']).toMatchObject({
      Namespace: 'PrakerjaTriage',
      MetricName: 'SurgeIncidentsProposed',
      Dimensions: [{ Name: 'service', Value: 'surge' }],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
  });

  it('warns of a dead letter with at least 3 of its 14 days left, and of replies waiting 30 minutes', () => {
    expect(alarms['inbound-dlq-ageing']).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 7 * 86400,
    });
    expect(alarms['outbound-backlog']).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 1800 });
    expect(alarms['inbound-backlog']).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 900 });
  });

  it("alarms on the account's SES bounce and complaint rates at half the levels SES reviews an account", () => {
    expect(alarms['ses-bounce-rate']).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.025,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarms['ses-complaint-rate']).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0005,
    });
    expect(alarms['ses-bounce-rate']?.Dimensions).toBeUndefined();
  });

  it('sums DynamoDB read and write throttles of the tickets table, and the API 5xx', () => {
    const metrics = alarms['dynamodb-throttles']?.Metrics as { MetricStat?: { Metric: Record<string, unknown> } }[];
    const watched = metrics.flatMap((m) =>
      m.MetricStat ? [`${m.MetricStat.Metric.MetricName}:${JSON.stringify(m.MetricStat.Metric.Dimensions)}`] : [],
    );
    expect(watched.sort()).toEqual(
      ['prk-test-tickets']
        .flatMap((t) =>
          ['ReadThrottleEvents', 'WriteThrottleEvents'].map((m) => `${m}:[{"Name":"TableName","Value":"${t}"}]`),
        )
        .sort(),
    );
    expect(alarms['agent-api-5xx']).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
  });
});

describe('re-notification while in alarm', () => {
  it('resets each dead-letter alarm to OK every morning at 08:00 in Jakarta, so it fires again while letters wait', () => {
    const schedules = Object.values(pipeline.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(schedules).toHaveLength(5);
    const reset = schedules.map((s) => JSON.parse(flat(s.Target.Input) as string));
    expect(reset.map((r) => r.AlarmName).sort()).toEqual(
      DEAD_LETTER_QUEUES.map((q) => `${q}-not-empty`)
        .map((a) => `<${logicalIdOf(`prk-test-${a}`)}>`)
        .sort(),
    );
    for (const [i, s] of schedules.entries()) {
      expect(s.ScheduleExpression).toBe('cron(0 8 * * ? *)');
      expect(s.ScheduleExpressionTimezone).toBe('Asia/Jakarta');
      expect(flat(s.Target.Arn)).toBe('arn:aws:scheduler:::aws-sdk:cloudwatch:setAlarmState');
      expect(reset[i]).toMatchObject({ StateValue: 'OK' });
    }
  });

  it('lets the scheduler only set the state of those alarms', () => {
    const role = Object.entries(pipeline.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('MonitoringRenotifyRole'),
    )?.[1];
    const statements = role?.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown }[];
    expect(statements.map((s) => s.Action)).toEqual(['cloudwatch:SetAlarmState']);
    const notEmpty = DEAD_LETTER_QUEUES.map((q) => `${q}-not-empty`).map((a) => logicalIdOf(`prk-test-${a}`));
    expect(statements[0]?.Resource).toEqual(
      expect.arrayContaining(notEmpty.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }))),
    );
    expect(statements[0]?.Resource).toHaveLength(5);
  });
});

describe('dashboard', () => {
  it('shows mail in, triage outcomes, replies, queue ages, dead letters, claims and errors', () => {
    const body = JSON.stringify(Object.values(pipeline.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties);
    for (const m of [
      'NumberOfMessagesSent',
      'TicketsCreated',
      'RepliesSent',
      'Bounce',
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'TicketsClaimed',
      'SurgeIncidentsProposed',
      'SurgeTicketsAnswered',
      'Errors',
      'InboundRecordFailures',
      '5xx',
      'ReadThrottleEvents',
    ]) {
      expect(body).toContain(m);
    }
  });
});

describe('metrics contract with the handlers', () => {
  const lambdaSources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? lambdaSources(path.join(dir, e.name)) : [readFileSync(path.join(dir, e.name), 'utf8')],
    );

  it('names only metrics some handler emits, so a rename there breaks this test, not an alarm', () => {
    const sources = lambdaSources(path.join(ROOT, 'lambdas')).join('\n');
    const names = Object.values(APP_METRICS).flatMap((m) => Object.values(m));
    expect(names.filter((n) => !sources.includes(`'${n}'`))).toEqual([]);
  });

  it('sets the namespace and service dimension the alarms use on every handler', () => {
    const env = Object.values(pipeline.findResources('AWS::Lambda::Function'))
      .map((f) => f.Properties.Environment?.Variables)
      .filter((v) => v?.POWERTOOLS_SERVICE_NAME);
    const services = env.map((v) => v.POWERTOOLS_SERVICE_NAME).sort();
    expect(services).toEqual([...Object.values(SERVICES), 'receipt-rule-set-activation'].sort());
    for (const v of env) expect(v.POWERTOOLS_METRICS_NAMESPACE).toBe(METRICS_NAMESPACE);
  });
});

function logicalIdOf(alarmName: string): string {
  const found = Object.entries(pipeline.findResources('AWS::CloudWatch::Alarm')).find(
    ([, a]) => a.Properties.AlarmName === alarmName,
  );
  if (!found) throw new Error(`no alarm ${alarmName}`);
  return found[0];
}
