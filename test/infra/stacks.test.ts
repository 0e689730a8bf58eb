import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { LAMBDA_ENTRIES } from '#lib/entries.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { buildSystem, parseParameters } from '#lib/system.ts';
import { builtConsole, cdkJson, flat, PARAMS, ROOT, synthSystem } from './system.ts';

let system: ReturnType<typeof synthSystem>;
let storage: Template;
let pipeline: Template;
/** The same system with every optional parameter set otherwise (one synth for all of them). */
let variant: { storage: Template; pipeline: Template };

beforeAll(() => {
  system = synthSystem();
  storage = Template.fromStack(system.storage);
  pipeline = Template.fromStack(system.pipeline);
  const other = synthSystem({
    replaceActiveRuleSet: 'true',
    maxSendsPerSecond: 40,
    waitingRemindAfterServiceDays: '2',
    waitingCloseAfterServiceDays: '5',
  });
  variant = { storage: Template.fromStack(other.storage), pipeline: Template.fromStack(other.pipeline) };
});

const RULE_ARN =
  'arn:aws:ses:ap-southeast-1:123456789012:receipt-rule-set/prk-test-receiving:receipt-rule/prk-test-complaints';
const CONFIGURATION_SET_ARN = 'arn:aws:ses:ap-southeast-1:123456789012:configuration-set/prk-test-replies';

const statementsOfType = (t: Template, type: string, doc: string) =>
  Object.values(t.findResources(type)).flatMap(
    (r) => (flat(r.Properties[doc]) as { Statement: Record<string, unknown>[] }).Statement,
  );

/** Statements of the IAM policies whose logical id starts with the given role's. */
function statementsOf(roleLogicalIdPart: string) {
  return Object.entries(pipeline.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(roleLogicalIdPart))
    .flatMap(
      ([, p]) =>
        p.Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Resource: unknown;
          Condition?: unknown;
        }[],
    );
}

const actionsOf = (st: ReturnType<typeof statementsOf>) =>
  st.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

function functionEnvironment(descriptionStart: string): Record<string, unknown> {
  const fn = Object.values(pipeline.findResources('AWS::Lambda::Function')).find((f) =>
    String(f.Properties.Description).startsWith(descriptionStart),
  );
  return fn?.Properties.Environment.Variables;
}

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
              BucketName: 'prk-test-mail-123456789012-ap-southeast-1',
              ObjectKeyPrefix: 'inbound/',
              TopicArn: { Ref: Match.stringLikeRegexp('MailReceived') },
            },
          },
        ],
      },
    });
  });

  it('activates the rule set through our handler, replacing another active one only when told to', () => {
    pipeline.hasResourceProperties('Custom::ReceiptRuleSetActivation', {
      RuleSetName: 'prk-test-receiving',
      ReplaceActiveRuleSet: 'false',
    });
    variant.pipeline.hasResourceProperties('Custom::ReceiptRuleSetActivation', { ReplaceActiveRuleSet: 'true' });
  });

  it('lets the activation handler only read and set the active rule set', () => {
    const st = statementsOf('ReceivingActivationHandlerRole');
    expect(actionsOf(st).filter((a) => a.startsWith('ses:'))).toEqual([
      'ses:DescribeActiveReceiptRuleSet',
      'ses:SetActiveReceiptRuleSet',
    ]);
  });

  it('lets SES publish to the topic for our rule only', () => {
    const st = statementsOfType(pipeline, 'AWS::SNS::TopicPolicy', 'PolicyDocument').find(
      (s) => JSON.stringify(s.Principal).includes('ses.amazonaws.com') && JSON.stringify(s).includes('receipt-rule'),
    );
    expect(st).toMatchObject({
      Action: 'sns:Publish',
      Principal: { Service: 'ses.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': RULE_ARN } },
    });
  });

  it('gives every SNS to SQS subscription a dead-letter queue, and no subscription is unrestricted on the key', () => {
    const subscriptions = Object.values(pipeline.findResources('AWS::SNS::Subscription')).filter(
      (s) => s.Properties.Protocol === 'sqs',
    );
    expect(subscriptions).toHaveLength(2);
    const targets = subscriptions.map((s) => s.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]).sort();
    // Each its own: what is redriven from one belongs in that subscription's queue only.
    expect(targets).toEqual([
      expect.stringMatching(/^ReceivingToInboundUndelivered/),
      expect.stringMatching(/^SendingReputationToQueueUndelivered/),
    ]);
    const sns = statementsOfType(pipeline, 'AWS::KMS::Key', 'KeyPolicy').filter((s) =>
      JSON.stringify(s.Principal).includes('sns.amazonaws.com'),
    );
    expect(sns.map((s) => s.Condition)).toEqual([
      { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:ap-southeast-1:123456789012:prk-test-mail-received' } },
      { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:ap-southeast-1:123456789012:prk-test-sending-events' } },
    ]);
  });
});

describe('SES sending', () => {
  it('sends with a configuration set that publishes sends, bounces, complaints, rejects and delivery delays to a topic', () => {
    pipeline.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'prk-test-replies',
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    pipeline.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['send', 'bounce', 'complaint', 'reject', 'deliveryDelay'],
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^SendingReputationTopic') } },
      },
    });
    const publish = statementsOfType(pipeline, 'AWS::SNS::TopicPolicy', 'PolicyDocument').find((s) =>
      JSON.stringify(s).includes('configuration-set'),
    );
    expect(publish?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012', 'aws:SourceArn': CONFIGURATION_SET_ARN },
    });
  });

  it('delivers the sending events as raw SES JSON into a queue with a DLQ, for the suppression-list consumer', () => {
    const raw = Object.values(pipeline.findResources('AWS::SNS::Subscription')).find(
      (s) => s.Properties.RawMessageDelivery === true,
    );
    expect(raw?.Properties.TopicArn).toEqual({ Ref: expect.stringMatching(/^SendingReputationTopic/) });
    expect(raw?.Properties.Endpoint).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^SendingReputationEventsQueue/), 'Arn'],
    });
  });

  it('gives the mailer its configuration set and a send-rate share, one of at most 2 mailers', () => {
    const env = functionEnvironment('Send threaded');
    expect(env).toMatchObject({ SES_CONFIGURATION_SET: 'prk-test-replies', MAX_SENDS_PER_SECOND: '5' });
    expect(env.OUTBOUND_QUEUE_URL).toBeDefined();
    const outbound = Object.values(pipeline.findResources('AWS::Lambda::EventSourceMapping')).find((m) =>
      JSON.stringify(m.Properties.EventSourceArn).includes('Outbound'),
    );
    expect(outbound?.Properties.ScalingConfig.MaximumConcurrency).toBe(2);
    const fasterMailer = Object.values(variant.pipeline.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('Send threaded'),
    );
    expect(fasterMailer?.Properties.Environment.Variables.MAX_SENDS_PER_SECOND).toBe('20');
  });

  it('gives the mailer the public API address its replies link the status page under, and the API the service levels it shows', () => {
    const mailer = functionEnvironment('Send threaded');
    const apiId = Object.keys(pipeline.findResources('AWS::ApiGatewayV2::Api'))[0];
    expect(mailer.STATUS_BASE_URL).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    const api = functionEnvironment('Agent work lists');
    expect(JSON.parse(String(api.SLA_HOURS))).toEqual(SLA_HOURS);
  });

  it('lets the mailer send only from the complaint address, with our configuration set', () => {
    const ses = statementsOf('MailerHandlerRole').find((s) => JSON.stringify(s.Action).includes('ses:SendEmail'));
    expect((flat(ses?.Resource) as string[]).sort()).toEqual([
      CONFIGURATION_SET_ARN,
      'arn:aws:ses:ap-southeast-1:123456789012:identity/prakerja.example.id',
    ]);
    expect(ses?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'pengaduan@prakerja.example.id' } });
  });
});

describe('mail bucket', () => {
  it('is KMS-encrypted, private, access-logged and expires raw mail after the retention', () => {
    storage.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'prk-test-mail-123456789012-ap-southeast-1',
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

  it('delivers access logs by bucket policy, with ACLs disabled', () => {
    storage.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'prk-test-logs-123456789012-ap-southeast-1',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    for (const b of Object.values(storage.findResources('AWS::S3::Bucket'))) {
      expect(b.Properties.AccessControl).toBeUndefined();
    }
    const logging = statementsOfType(storage, 'AWS::S3::BucketPolicy', 'PolicyDocument').find(
      (s) => JSON.stringify(s.Principal) === '{"Service":"logging.s3.amazonaws.com"}',
    );
    expect(logging?.Action).toBe('s3:PutObject');
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
  it('gives every work queue a DLQ after 5 receives, keeps dead letters 14 days, encrypts all with KMS', () => {
    const queues = Object.values(pipeline.findResources('AWS::SQS::Queue'));
    const work = queues.filter((q) => q.Properties.RedrivePolicy);
    const dlqs = queues.filter((q) => !q.Properties.RedrivePolicy);
    expect(work).toHaveLength(3); // inbound, outbound, sending events
    expect(dlqs).toHaveLength(5); // theirs, and the two SNS subscriptions'
    for (const q of work) expect(q.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    for (const q of work) expect(q.Properties.MessageRetentionPeriod).toBe(4 * 86400);
    for (const q of dlqs) expect(q.Properties.MessageRetentionPeriod).toBe(14 * 86400);
    for (const q of queues) expect(q.Properties.KmsMasterKeyId).toBeDefined();
  });

  it('refuses plain HTTP on every queue', () => {
    const policies = Object.values(pipeline.findResources('AWS::SQS::QueuePolicy'));
    const denied = policies.filter((p) => JSON.stringify(p).includes('"aws:SecureTransport":"false"'));
    expect(denied).toHaveLength(8);
  });

  it('maps the inbound, outbound and sending events queues to their functions with partial batch responses and a concurrency cap', () => {
    const mappings = Object.values(pipeline.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(3);
    for (const m of mappings) {
      expect(m.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(m.Properties.ScalingConfig.MaximumConcurrency).toBeGreaterThanOrEqual(2);
      expect(m.Properties.BatchSize).toBe(10);
    }
  });
});

describe('tables', () => {
  it('keys tickets by PK/SK with the sparse queue and lists indexes, fixed name, on-demand, PITR, KMS, TTL', () => {
    storage.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'prk-test-tickets',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'queue',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          // The sweeper reads whole tickets from both indexes (docs/architecture.md, "Index projections").
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'lists',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          // Tickets holding replies not yet confirmed queued: the sweeper reads each ticket by key.
          IndexName: 'outbox',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('keeps no table the code does not use (the mailer guards replies with its own record)', () => {
    expect(Object.keys(storage.findResources('AWS::DynamoDB::Table'))).toHaveLength(1);
  });
});

describe('functions and grants', () => {
  it('runs handlers on the newest Node.js runtime, ARM64, traced, with log retention set', () => {
    const fns = Object.values(pipeline.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.TracingConfig,
    );
    // triage, mailer, agent API, sweeper, surge evaluation, sending events, survey pages, rule set activation
    expect(fns).toHaveLength(8);
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    for (const lg of Object.values(pipeline.findResources('AWS::Logs::LogGroup')))
      expect(lg.Properties.RetentionInDays).toBe(90);
  });

  it('gives each handler its own bundle (the bundling cache is keyed by entry) and loads its index module', () => {
    const fns = Object.values(pipeline.findResources('AWS::Lambda::Function')).filter(
      (f) => f.Properties.TracingConfig,
    );
    const code = fns.map((f) => JSON.stringify(f.Properties.Code));
    expect(new Set(code).size).toBe(fns.length);
    for (const f of fns) expect(f.Properties.Handler).toBe('index.handler');
  });

  it('knows every handler by an entry path that exists', () => {
    for (const entry of Object.values(LAMBDA_ENTRIES)) expect(existsSync(path.join(ROOT, entry))).toBe(true);
  });

  it('lets triage read only raw mail under inbound/ and write items to the tickets table, without wildcard actions', () => {
    const st = statementsOf('TriageHandlerRole');
    const actions = actionsOf(st);
    expect(actions.filter((a) => a.includes('*') && !a.startsWith('xray:'))).toEqual([]);
    const s3 = st.find((s) => s.Action === 's3:GetObject');
    expect(flat(s3?.Resource)).toBe('arn:aws:s3:::prk-test-mail-123456789012-ap-southeast-1/inbound/*');
    const ddb = st.find((s) => Array.isArray(s.Action) && s.Action.includes('dynamodb:PutItem'));
    // The lists index for the open surge incidents each new ticket is matched against
    expect(flat(ddb?.Resource)).toEqual([
      'arn:aws:dynamodb:ap-southeast-1:123456789012:table/prk-test-tickets',
      'arn:aws:dynamodb:ap-southeast-1:123456789012:table/prk-test-tickets/index/lists',
    ]);
    expect(actions).toContain('sqs:SendMessage');
    // An inbound batch's new surge observations go in one BatchWriteItem
    expect(ddb?.Action).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem']));
  });
});

describe('stack coupling', () => {
  it('generates the NIK hash key as a secret encrypted with the data key, and lets only triage read it (and the agent API, which re-triages set-aside mail as triage does)', () => {
    storage.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'prk-test/nik-hash-key',
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
      KmsKeyId: Match.anyValue(),
    });
    const readers = Object.entries(pipeline.findResources('AWS::IAM::Policy'))
      .filter(([, p]) => JSON.stringify(p).includes('secretsmanager:GetSecretValue'))
      .filter(([, p]) => /nikhashkeysecretarn/i.test(JSON.stringify(p)))
      .map(([id]) => id);
    expect(readers.sort()).toEqual([
      expect.stringMatching(/^AgentApiHandlerRole/),
      expect.stringMatching(/^TriageHandlerRole/),
    ]);
    pipeline.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ NIK_HASH_KEY_SECRET_ARN: Match.anyValue() }) },
    });
  });

  it('takes nothing from the storage stack by CloudFormation export or stack output', () => {
    const both = JSON.stringify([pipeline.toJSON(), storage.toJSON()]);
    expect(both).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput/);
    for (const o of Object.values(storage.toJSON().Outputs ?? {})) expect(o).not.toHaveProperty('Export');
  });

  it('reads at deploy time exactly the SSM parameters the storage stack writes', () => {
    const written = Object.values(storage.findResources('AWS::SSM::Parameter'))
      .map((p) => p.Properties.Name)
      .sort();
    const read = Object.values(pipeline.toJSON().Parameters as Record<string, { Type: string; Default: string }>)
      .filter((p) => p.Type.startsWith('AWS::SSM::Parameter::Value') && p.Default.startsWith('/prk-test/'))
      .map((p) => p.Default)
      .sort();
    expect(read).toEqual([
      '/prk-test/storage/agents-user-pool-id',
      '/prk-test/storage/data-key-arn',
      '/prk-test/storage/nik-hash-key-secret-arn',
    ]);
    expect(written).toEqual(expect.arrayContaining(read));
  });
});

describe('retained resources', () => {
  const RETAINED = [
    'AWS::KMS::Key',
    'AWS::S3::Bucket',
    'AWS::DynamoDB::Table',
    'AWS::Cognito::UserPool',
    'AWS::Cognito::UserPoolGroup',
    'AWS::SecretsManager::Secret',
  ];

  it('retains the key, buckets, tables, HMAC key secrets, survey key, user pool and its groups on stack deletion', () => {
    for (const type of RETAINED) {
      const found = Object.values(storage.findResources(type));
      expect(found.length).toBeGreaterThan(0);
      for (const r of found) expect(r.DeletionPolicy).toBe('Retain');
    }
  });

  it('synthesizes, for cdk import, exactly the retained resources under the same logical ids', () => {
    const adopt = Template.fromStack(synthSystem({ adoptRetained: 'true' }).storage);
    const retainedIds = (t: Template) =>
      Object.entries(t.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>)
        .filter(([, r]) => r.Type !== 'AWS::CDK::Metadata')
        .map(([id, r]) => [id, r.Type, r.DeletionPolicy])
        .sort();
    const fullRetained = retainedIds(storage).filter(([, , policy]) => policy === 'Retain');
    expect(retainedIds(adopt)).toEqual(fullRetained);
    expect(new Set(fullRetained.map(([, type]) => type))).toEqual(new Set(RETAINED));
  });
});

describe('agent API', () => {
  it('requires a Cognito JWT on every agent route and leaves only the status check, status page and survey routes public', () => {
    const routes = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey,
      r.Properties.AuthorizationType,
    ]);
    expect(routes.sort()).toEqual(
      [
        ['GET /queues', 'JWT'],
        ['POST /queues/{category}/claim', 'JWT'],
        ['GET /tickets/{ref}', 'JWT'],
        ['PATCH /tickets/{ref}/fields', 'JWT'],
        ...['extend', 'release', 'resolve', 'reassign', 'note', 'ask'].map((a) => [`POST /tickets/{ref}/${a}`, 'JWT']),
        ['GET /me', 'JWT'],
        ['POST /work/next', 'JWT'],
        ['GET /participants/tickets', 'JWT'],
        ['GET /canned-responses', 'JWT'],
        ['POST /canned-responses', 'JWT'],
        ['PUT /canned-responses/{id}', 'JWT'],
        ['DELETE /canned-responses/{id}', 'JWT'],
        ['GET /ops/{outcome}', 'JWT'],
        ['GET /ops/dead-letters', 'JWT'],
        ['POST /ops/dead-letters/redrive', 'JWT'],
        ['POST /ops/{inboundId}/retriage', 'JWT'],
        ['GET /incidents', 'JWT'],
        ['GET /incidents/{id}', 'JWT'],
        ['GET /incidents/{id}/tickets', 'JWT'],
        ...['accept', 'dismiss', 'close'].map((a) => [`POST /incidents/{id}/${a}`, 'JWT']),
        ['GET /supervisor/claims', 'JWT'],
        ['GET /supervisor/overdue', 'JWT'],
        ['GET /search', 'JWT'],
        ['GET /reports/csat', 'JWT'],
        ['GET /status/{ref}', 'NONE'],
        ['GET /cek/{ref}', 'NONE'],
        ['POST /cek/{ref}', 'NONE'],
        ['GET /survey', 'NONE'],
        ['POST /survey', 'NONE'],
      ].sort(),
    );
    const authorizer = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Authorizer'))[0]?.Properties;
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(flat(authorizer.JwtConfiguration))).toMatch(
      /"Issuer":"https:\/\/cognito-idp\.ap-southeast-1\.amazonaws\.com\/<SsmParameterValue[^"]*userpoolid[^"]*>"/,
    );
  });

  it('accepts access tokens of the console’s app client, and lets the console’s origin call it (CORS)', () => {
    const [clientId] = Object.keys(pipeline.findResources('AWS::Cognito::UserPoolClient'));
    const [cdn] = Object.keys(pipeline.findResources('AWS::CloudFront::Distribution'));
    const authorizer = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Authorizer'))[0]?.Properties;
    expect(authorizer.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    const api = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Api'))[0]?.Properties;
    expect(api.CorsConfiguration).toEqual({
      AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [cdn, 'DomainName'] }]] }],
      AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      AllowHeaders: ['authorization', 'content-type'],
      MaxAge: 3600,
    });
  });

  it('throttles the public routes alike and logs access without query strings', () => {
    const stage = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties;
    const limit = { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 };
    expect(stage.RouteSettings).toEqual({
      'GET /status/{ref}': limit,
      'GET /cek/{ref}': limit,
      'POST /cek/{ref}': limit,
      'GET /survey': limit,
      'POST /survey': limit,
    });
    expect(stage.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.AccessLogSettings.Format).not.toContain('querystring');
  });

  it('runs the sweeper every minute', () => {
    pipeline.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
  });

  it('grants the agent API items and the two indexes it queries, nothing wider', () => {
    const ddb = statementsOf('AgentApiHandlerRole').find((st) => JSON.stringify(st.Action).includes('dynamodb:Query'));
    expect(ddb?.Action).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:Query',
        'dynamodb:DeleteItem',
      ]),
    );
    expect(JSON.stringify(ddb?.Action)).not.toContain('Scan');
    const resources = JSON.stringify(flat(ddb?.Resource));
    expect(resources).toContain('/index/queue');
    expect(resources).toContain('/index/lists');
    expect(resources).not.toContain('*');
  });
});

describe('satisfaction survey', () => {
  it('keeps the survey key in Secrets Manager under the data key, generated, retained', () => {
    storage.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: {
        Name: 'prk-test/survey-key',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
      },
    });
  });

  it('lets only the survey pages and the sweeper read the key, by its name', () => {
    // The NIK hash key is triage's own (see "stack coupling"); this is about the survey key.
    const readers = (role: string) =>
      statementsOf(role)
        .filter((st) => JSON.stringify(st.Action).includes('secretsmanager:'))
        .filter((st) => !/nikhashkeysecretarn/i.test(JSON.stringify(st.Resource)));
    for (const role of ['SurveyPagesHandlerRole', 'SweeperHandlerRole']) {
      const [st, ...more] = readers(role);
      expect(more).toEqual([]);
      expect(st?.Action).toBe('secretsmanager:GetSecretValue');
      expect(JSON.stringify(flat(st?.Resource))).toMatch(/:secret:prk-test\/survey-key-\?{6}"$/);
    }
    for (const role of ['TriageHandlerRole', 'MailerHandlerRole', 'AgentApiHandlerRole'])
      expect(readers(role)).toEqual([]);
  });

  it('gives the survey pages items to read and update only, and the sweeper the public URL for its links', () => {
    const ddb = statementsOf('SurveyPagesHandlerRole').find((st) => JSON.stringify(st.Action).includes('dynamodb:'));
    expect([ddb?.Action].flat().sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    pipeline.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SURVEY_KEY_SECRET: 'prk-test/survey-key',
          // The HTTP API's $default stage serves at its endpoint's root.
          SURVEY_BASE_URL: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AgentApiHttp'), 'ApiEndpoint'] },
          OUTBOUND_QUEUE_URL: Match.anyValue(),
        }),
      },
    });
    pipeline.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SURVEY_DELAY_MINUTES: '60' }) },
    });
  });

  it('gives triage and the agent API the raw mail retention, which their set-aside records expire with', () => {
    expect(functionEnvironment('Triage inbound').RAW_MAIL_RETENTION_DAYS).toBe('180');
    expect(functionEnvironment('Agent work lists').RAW_MAIL_RETENTION_DAYS).toBe('180');
  });

  it('has the sweeper delete tickets past their retention period: the period, and batch deletes', () => {
    pipeline.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TICKET_RETENTION_DAYS: '365', SURVEY_BASE_URL: Match.anyValue() }) },
    });
    const ddb = statementsOf('SweeperHandlerRole').find((st) => JSON.stringify(st.Action).includes('dynamodb:'));
    expect([ddb?.Action].flat()).toContain('dynamodb:BatchWriteItem');
  });
});

describe('tickets waiting for the participant', () => {
  it('tells the sweeper when to remind and when to close: 3 and 7 service days, or as the deploy sets them', () => {
    const sweeperEnv = (t: Template) =>
      Object.values(t.findResources('AWS::Lambda::Function'))
        .map((f) => f.Properties.Environment?.Variables ?? {})
        .filter((v) => 'WAITING_REMIND_AFTER_SERVICE_DAYS' in v);
    expect(sweeperEnv(pipeline)).toEqual([
      expect.objectContaining({ WAITING_REMIND_AFTER_SERVICE_DAYS: '3', WAITING_CLOSE_AFTER_SERVICE_DAYS: '7' }),
    ]);
    expect(sweeperEnv(variant.pipeline)).toEqual([
      expect.objectContaining({ WAITING_REMIND_AFTER_SERVICE_DAYS: '2', WAITING_CLOSE_AFTER_SERVICE_DAYS: '5' }),
    ]);
    expect(() => parseParameters({ ...PARAMS, waitingCloseAfterServiceDays: '0' })).toThrow(
      /waitingCloseAfterServiceDays/,
    );
  });
});

describe("agents' directory", () => {
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

  it('mails agents through SES from the verified domain, not Cognito’s capped default sender', () => {
    const pool = Object.values(storage.findResources('AWS::Cognito::UserPool'))[0]?.Properties;
    expect(flat(pool.EmailConfiguration)).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Pengaduan Prakerja <no-reply@prakerja.example.id>',
      SourceArn: 'arn:aws:ses:ap-southeast-1:123456789012:identity/prakerja.example.id',
    });
  });

  it('leaves the console’s app client and sign-in domain to the console: none in the storage stack', () => {
    storage.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    storage.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
  });
});

describe("agents' console", () => {
  it('is served from the pipeline stack by CloudFront, with the one app client of the pool: public, code + PKCE, called back on the distribution', () => {
    pipeline.resourceCountIs('AWS::CloudFront::Distribution', 1);
    pipeline.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    const [cdn] = Object.keys(pipeline.findResources('AWS::CloudFront::Distribution'));
    const onCdn = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [cdn, 'DomainName'] }, '/']] };
    pipeline.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [onCdn],
      LogoutURLs: [onCdn],
      SupportedIdentityProviders: ['COGNITO'],
      UserPoolId: { Ref: Match.stringLikeRegexp('agentsuserpoolid') },
    });
    pipeline.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    pipeline.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'prk-test-agents-123456789012',
      ManagedLoginVersion: 2,
    });
  });

  it('writes config.json at deploy with this API’s URL, the login domain, the pool and the client', () => {
    const deployments = Object.values(pipeline.findResources('Custom::CDKBucketDeployment'));
    const markers = JSON.stringify(deployments.map((d) => d.Properties.SourceMarkers ?? []));
    const [api] = Object.keys(pipeline.findResources('AWS::ApiGatewayV2::Api'));
    const [clientId] = Object.keys(pipeline.findResources('AWS::Cognito::UserPoolClient'));
    const [domain] = Object.keys(pipeline.findResources('AWS::Cognito::UserPoolDomain'));
    expect(markers).toContain(JSON.stringify({ 'Fn::GetAtt': [api, 'ApiEndpoint'] }));
    expect(markers).toContain(JSON.stringify({ Ref: clientId }));
    expect(markers).toContain(JSON.stringify({ Ref: domain }));
    expect(markers).toMatch(/agentsuserpoolid/);
  });

  it('outputs the console’s address, its sign-in domain and its client id', () => {
    const outputs = pipeline.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['AgentsSignInUrl', 'AgentsConsoleClientId', expect.stringMatching(/^ConsoleUrl/)]),
    );
  });

  it('refuses to synthesize without the built console, saying how to build it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cdk-no-console-'));
    const app = new App({ outdir: dir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildSystem(app, PARAMS, { siteDirectory: mkdtempSync(path.join(tmpdir(), 'empty-dist-')) })).toThrow(
      /npm run build:web/,
    );
  });
});

describe('cdk-nag', () => {
  it('passes AwsSolutions with zero errors (synth throws on any unacknowledged finding)', () => {
    expect(() => system.app.synth()).not.toThrow();
  });

  it('passes without a pinned account too, as `npm run synth` synthesizes (asset bucket named at deploy time)', () => {
    const { app } = synthSystem({ account: undefined });
    expect(() => app.synth()).not.toThrow();
  });

  it('does fail synth on a new finding (the check is live)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cdk-nag-'));
    const broken = new App({ outdir: dir, context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const stacks = buildSystem(broken, PARAMS, { siteDirectory: builtConsole() });
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

describe('surge evaluation', () => {
  const surgeFunction = () =>
    Object.entries(pipeline.findResources('AWS::Lambda::Function')).find(
      ([, f]) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'surge',
    ) as [string, { Properties: Record<string, unknown> }];

  it('runs every minute in a function of its own, one at a time, dropping a run that could not start in its minute', () => {
    const [id, fn] = surgeFunction();
    expect(fn.Properties).toMatchObject({ ReservedConcurrentExecutions: 1, Timeout: 55, MemorySize: 1024 });
    const rules = Object.values(pipeline.findResources('AWS::Events::Rule')).filter((r) =>
      JSON.stringify(r.Properties.Targets).includes(id),
    );
    expect(rules.map((r) => r.Properties.ScheduleExpression)).toEqual(['rate(1 minute)']);
    pipeline.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: id },
      MaximumEventAgeInSeconds: 60,
      MaximumRetryAttempts: 0,
    });
  });

  it('gives it the same detector settings as triage and the agent API, and the queue to send answers on', () => {
    const [, fn] = surgeFunction();
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.OUTBOUND_QUEUE_URL).toBeDefined();
    expect(env.SURGE_SETTINGS).toBe(functionEnvironment('Triage inbound').SURGE_SETTINGS);
    expect(env.SURGE_SETTINGS).toBe(functionEnvironment('Agent work lists').SURGE_SETTINGS);
  });

  it('grants it the tickets table and its lists index, and sending on the outbound queue, nothing wider', () => {
    const st = statementsOf('SurgeHandlerRole');
    const ddb = st.find((s) => JSON.stringify(s.Action).includes('dynamodb:Query'));
    expect(flat(ddb?.Resource)).toEqual([
      'arn:aws:dynamodb:ap-southeast-1:123456789012:table/prk-test-tickets',
      'arn:aws:dynamodb:ap-southeast-1:123456789012:table/prk-test-tickets/index/lists',
    ]);
    expect(actionsOf(st).filter((a) => a.includes('*') && !a.startsWith('xray:'))).toEqual([]);
    expect(actionsOf(st)).toContain('sqs:SendMessage');
  });
});
