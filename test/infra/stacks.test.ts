import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildSystem, type SystemParameters } from '#lib/system.ts';

const cdkJson = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8'));
const params: SystemParameters = {
  prefix: 'prk-test',
  domain: 'prakerja.example.id',
  recipient: 'pengaduan@prakerja.example.id',
  rawMailRetentionDays: 180,
  logRetentionDays: 90,
  alarmEmail: 'ops@prakerja.example.id',
};

let app: App;
let outdir: string;
let storage: Template;
let pipeline: Template;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'cdk-test-'));
  app = new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildSystem(app, params, { env: { account: '123456789012', region: 'ap-southeast-1' } });
  storage = Template.fromStack(stacks.storage);
  pipeline = Template.fromStack(stacks.pipeline);
});

const RULE_ARN =
  'arn:aws:ses:ap-southeast-1:123456789012:receipt-rule-set/prk-test-receiving:receipt-rule/prk-test-complaints';

/** Renders CloudFormation intrinsics to text (partition as `aws`), so ARNs can be compared as strings. */
function flat(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(flat);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(flat).join(sep);
    }
    if ('Ref' in o) return o.Ref === 'AWS::Partition' ? 'aws' : `<${o.Ref}>`;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, flat(x)]));
  }
  return v;
}

const statementsOfType = (t: Template, type: string, doc: string) =>
  Object.values(t.findResources(type)).flatMap(
    (r) => (flat(r.Properties[doc]) as { Statement: Record<string, unknown>[] }).Statement,
  );

describe('SES receiving', () => {
  it('stores raw mail in the bucket under inbound/ and notifies the topic, with scanning on and TLS required', () => {
    pipeline.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: 'prk-test-receiving',
      Rule: {
        Name: 'prk-test-complaints',
        Enabled: true,
        Recipients: ['pengaduan@prakerja.example.id'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: {
              BucketName: Match.anyValue(),
              ObjectKeyPrefix: 'inbound/',
              TopicArn: { Ref: Match.stringLikeRegexp('MailReceived') },
            },
          },
        ],
      },
    });
  });

  it('activates the rule set with a custom resource (CloudFormation cannot)', () => {
    const crs = pipeline.findResources('Custom::AWS');
    const create = Object.values(crs).map((r) => JSON.stringify(r.Properties.Create));
    expect(create.some((c) => c.includes('SetActiveReceiptRuleSet') && c.includes('prk-test-receiving'))).toBe(true);
  });

  it('lets SES publish to the topic for our rule only', () => {
    const st = statementsOfType(pipeline, 'AWS::SNS::TopicPolicy', 'PolicyDocument').find((s) =>
      JSON.stringify(s.Principal).includes('ses.amazonaws.com'),
    );
    expect(st).toMatchObject({
      Action: 'sns:Publish',
      Principal: { Service: 'ses.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': RULE_ARN } },
    });
  });
});

describe('mail bucket', () => {
  it('is KMS-encrypted, private, access-logged and expires raw mail after the retention', () => {
    storage.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
            BucketKeyEnabled: true,
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'mail-bucket/' }),
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 180, Status: 'Enabled' })],
      },
    });
  });

  it('allows SES to put objects only for our receipt rule and account, and denies plain HTTP', () => {
    const st = statementsOfType(storage, 'AWS::S3::BucketPolicy', 'PolicyDocument');
    const ses = st.find((s) => JSON.stringify(s.Principal) === '{"Service":"ses.amazonaws.com"}');
    expect(ses).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': RULE_ARN } },
    });
    expect(String(ses?.Resource)).toMatch(/\/inbound\/\*$/);
    expect(
      st.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}'),
    ).toBe(true);
  });

  it('lets SES use the data key for our rule only', () => {
    storage.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const st = statementsOfType(storage, 'AWS::KMS::Key', 'KeyPolicy').find((s) =>
      JSON.stringify(s.Principal).includes('ses.amazonaws.com'),
    );
    expect(st?.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': RULE_ARN } });
  });
});

describe('queues', () => {
  it('gives every work queue a DLQ after 5 receives, keeps DLQ messages 14 days, encrypts all with KMS', () => {
    const queues = Object.values(pipeline.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(4);
    const work = queues.filter((q) => q.Properties.RedrivePolicy);
    const dlqs = queues.filter((q) => !q.Properties.RedrivePolicy);
    expect(work).toHaveLength(2);
    for (const q of work) expect(q.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    for (const q of dlqs) expect(q.Properties.MessageRetentionPeriod).toBe(14 * 86400);
    for (const q of queues) expect(q.Properties.KmsMasterKeyId).toBeDefined();
  });

  it('refuses plain HTTP on every queue', () => {
    const policies = Object.values(pipeline.findResources('AWS::SQS::QueuePolicy'));
    const denied = policies.filter((p) => JSON.stringify(p).includes('"aws:SecureTransport":"false"'));
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('maps each queue to its function with partial batch responses and a concurrency cap', () => {
    const mappings = Object.values(pipeline.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(2);
    for (const m of mappings) {
      expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(m.Properties.ScalingConfig.MaximumConcurrency).toBeGreaterThanOrEqual(2);
      expect(m.Properties.BatchSize).toBe(10);
    }
  });
});

describe('tables', () => {
  it('keys tickets by PK/SK with the sparse queue and lists indexes, on-demand, PITR, KMS, TTL', () => {
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'queue',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
        Match.objectLike({
          IndexName: 'lists',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('keeps an idempotency table for the mailer with TTL on expiration', () => {
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('retains stateful resources on stack deletion', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::KMS::Key']) {
      for (const r of Object.values(storage.findResources(type))) expect(r.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('functions and grants', () => {
  it('runs handlers on the newest Node.js runtime, ARM64, traced, with log retention set', () => {
    const fns = Object.values(pipeline.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.TracingConfig,
    );
    expect(fns).toHaveLength(4); // triage, mailer, agent API, sweeper
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    for (const lg of Object.values(pipeline.findResources('AWS::Logs::LogGroup')))
      expect(lg.Properties.RetentionInDays).toBe(90);
  });

  function statementsOf(roleLogicalIdPart: string) {
    const policies = Object.entries(pipeline.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith(roleLogicalIdPart),
    );
    return policies.flatMap(
      ([, p]) =>
        p.Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Resource: unknown;
          Condition?: unknown;
        }[],
    );
  }

  it('lets triage read only raw mail under inbound/ and write items to the tickets table, without wildcard actions', () => {
    const st = statementsOf('TriageRole');
    const actions = st.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.includes('*') && !a.startsWith('xray:'))).toEqual([]);
    const s3 = st.find((s) => s.Action === 's3:GetObject');
    expect(JSON.stringify(s3?.Resource)).toContain('/inbound/*');
    const ddb = st.find((s) => Array.isArray(s.Action) && s.Action.includes('dynamodb:PutItem'));
    expect(JSON.stringify(ddb?.Resource)).not.toContain('*');
    expect(actions).toContain('sqs:SendMessage');
  });

  it('lets the mailer send only from the complaint address of the verified domain', () => {
    const st = statementsOf('MailerRole');
    const ses = st.find((s) => JSON.stringify(s.Action).includes('ses:SendEmail'));
    expect(flat(ses?.Resource)).toEqual('arn:aws:ses:ap-southeast-1:123456789012:identity/prakerja.example.id');
    expect(ses?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'pengaduan@prakerja.example.id' } });
  });
});

describe('agent API', () => {
  it('requires a Cognito JWT on every agent route and leaves only the status route public', () => {
    const routes = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey,
      r.Properties.AuthorizationType,
    ]);
    expect(routes.sort()).toEqual(
      [
        ['GET /queues', 'JWT'],
        ['POST /queues/{category}/claim', 'JWT'],
        ['GET /tickets/{ref}', 'JWT'],
        ...['extend', 'release', 'resolve', 'reassign', 'note'].map((a) => [`POST /tickets/{ref}/${a}`, 'JWT']),
        ['GET /ops/{outcome}', 'JWT'],
        ['GET /status/{ref}', 'NONE'],
      ].sort(),
    );
    pipeline.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('throttles the public status route and logs access without query strings', () => {
    const stage = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties;
    expect(stage.RouteSettings).toEqual({ 'GET /status/{ref}': { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 } });
    expect(stage.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.AccessLogSettings.Format).not.toContain('querystring');
  });

  it('keeps agents in a Cognito pool with MFA, threat protection, no self sign-up, and a group per work list', () => {
    storage.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    const groups = Object.values(storage.findResources('AWS::Cognito::UserPoolGroup'))
      .map((g) => g.Properties.GroupName)
      .sort();
    expect(groups).toEqual([
      'queue-account',
      'queue-certificate',
      'queue-fraud',
      'queue-general',
      'queue-incentive',
      'queue-registration',
      'queue-training',
      'supervisor',
    ]);
  });

  it('runs the sweeper every minute', () => {
    pipeline.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
  });

  it('grants the agent API items and the two indexes it queries, nothing wider', () => {
    const policies = Object.entries(pipeline.findResources('AWS::IAM::Policy')).filter(([id]) =>
      id.startsWith('AgentApiHandlerRole'),
    );
    const ddb = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .find((st: { Action: string[] }) => JSON.stringify(st.Action).includes('dynamodb:Query'));
    const resources = JSON.stringify(flat(ddb.Resource));
    expect(resources).toContain('/index/queue');
    expect(resources).toContain('/index/lists');
    expect(resources).not.toContain('*');
  });
});

describe('alarms', () => {
  it('alarms to the ops topic on DLQs, the inbound backlog, function errors and throttles', () => {
    const alarms = Object.values(pipeline.findResources('AWS::CloudWatch::Alarm'));
    const metrics = alarms.map((a) => a.Properties.MetricName).sort();
    expect(metrics).toEqual([
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      ...Array(4).fill('Errors'), // triage, mailer, agent API, sweeper
      ...Array(4).fill('Throttles'),
    ]);
    expect(
      alarms.filter((a) => a.Properties.MetricName === 'ApproximateAgeOfOldestMessage')[0]?.Properties.Threshold,
    ).toBe(900);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
    pipeline.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@prakerja.example.id',
    });
  });
});

describe('cdk-nag', () => {
  it('passes AwsSolutions with zero errors (synth throws on any unacknowledged finding)', () => {
    expect(() => app.synth()).not.toThrow();
  });

  it('does fail synth on a new finding (the check is live)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cdk-nag-'));
    const broken = new App({ outdir: dir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const stacks = buildSystem(broken, params, { env: { account: '123456789012', region: 'ap-southeast-1' } });
    new Queue(stacks.pipeline, 'UnencryptedQueue'); // AwsSolutions-SQS3/SQS4
    expect(() => broken.synth()).toThrow(/AwsSolutions-SQS3[\s\S]*AwsSolutions-SQS4/);
    const report = JSON.parse(readFileSync(path.join(dir, 'validation-report.json'), 'utf8'));
    const nag = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'AwsSolutions');
    expect(nag.violations.map((v: { ruleName: string }) => v.ruleName).sort()).toEqual([
      'AwsSolutions-SQS3',
      'AwsSolutions-SQS4',
    ]);
  });
});
