/**
 * The console site construct in a standalone stack (the system wires it into the pipeline stack: test/infra/stacks.test.ts): a
 * private bucket behind CloudFront with origin access control and a CSP, a public PKCE app
 * client on managed login, config.json written at deploy, and cdk-nag AwsSolutions clean.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConsoleSite } from '#lib/constructs/console-site.ts';

const API = 'https://abc123.execute-api.ap-southeast-1.amazonaws.com';
let app: App;
let stack: Stack;
let site: ConsoleSite;
let template: Template;
let outdir: string;

/** A stand-in for web/dist: the construct deploys whatever the build produced. */
function builtSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-abc.js"></script>',
  );
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'cdk-console-'));
  app = new App({ outdir });
  stack = new Stack(app, 'ConsoleTest', { env: { account: '123456789012', region: 'ap-southeast-1' } });
  const userPool = new UserPool(stack, 'Agents');
  for (const id of ['AwsSolutions-COG1', 'AwsSolutions-COG2', 'AwsSolutions-COG8']) {
    Validations.of(userPool).acknowledge({
      id,
      reason: "A stand-in for the agents' directory (lib/constructs/agent-directory.ts).",
    });
  }
  site = new ConsoleSite(stack, 'Console', {
    siteDirectory: builtSite(),
    apiUrl: API,
    userPool,
    loginDomainPrefix: 'prakerja-agents-test',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  template = Template.fromStack(stack);
});

describe('console site', () => {
  it('keeps the bucket private and reachable only by this distribution through origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'site-bucket/' },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('sends a CSP that allows only its own scripts and styles and talks only to the API and the login domain', () => {
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const config = Object.values(policies)[0]?.Properties.ResponseHeadersPolicyConfig;
    const sec = config.SecurityHeadersConfig;
    const csp = JSON.stringify(sec.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ${API} https://`);
    expect(csp).toContain('.auth.ap-southeast-1.amazoncognito.com');
    expect(csp).not.toContain('unsafe-inline');
    expect(sec).toMatchObject({
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      ContentTypeOptions: { Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true },
    });
  });

  it('signs agents in through managed login with a public client: authorization code only, no secret, callback on the distribution', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'agents-console',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [
        { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('Cdn'), 'DomainName'] }, '/']] },
      ],
      EnableTokenRevocation: true,
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'prakerja-agents-test',
      ManagedLoginVersion: 2,
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
  });

  it('writes config.json at deploy with the API URL, login domain, issuer, client id and callback URL, never cached', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    const entry = deployments.find((d) => JSON.stringify(d.Properties.SystemMetadata ?? {}).includes('no-cache'));
    expect(entry).toBeDefined();
    const markers = JSON.stringify(entry?.Properties.SourceMarkers);
    expect(markers).toMatch(/ConsoleClient/); // the app client id
    expect(markers).toMatch(/ConsoleLogin/); // the managed login domain
    expect(markers).toMatch(/ConsoleCdn.*DomainName/); // the callback URL on the distribution
    expect(markers).toContain('Agents'); // the user pool id in the issuer
    expect(JSON.stringify(entry?.Properties.DistributionPaths)).toContain('/config.json');
    // The skeleton in the synthesized asset: the fields the console reads.
    app.synth();
    const skeleton = readdirSync(outdir)
      .filter((f) => f.startsWith('asset.') && statSync(path.join(outdir, f)).isDirectory())
      .flatMap((dir) => readdirSync(path.join(outdir, dir)).map((f) => path.join(outdir, dir, f)))
      .filter((f) => f.endsWith('config.json'))
      .map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(skeleton).toHaveLength(1);
    expect(skeleton[0]).toMatchObject({
      mode: 'cognito',
      apiUrl: API,
      cognito: { scopes: ['openid', 'email', 'profile'] },
    });
    expect(Object.keys(skeleton[0].cognito).sort()).toEqual(['clientId', 'domain', 'issuer', 'redirectUris', 'scopes']);
  });

  it("names the region's API Gateway hosts in the CSP when the API URL is known only at deploy (no CORS/CSP cycle)", () => {
    const other = new Stack(new App(), 'DeployTimeApi', { env: { account: '123456789012', region: 'ap-southeast-1' } });
    const api = new HttpApi(other, 'Api');
    new ConsoleSite(other, 'Console', {
      siteDirectory: builtSite(),
      apiUrl: api.apiEndpoint,
      userPool: new UserPool(other, 'Agents'),
      loginDomainPrefix: 'x-test',
    });
    const policy = Object.values(Template.fromStack(other).findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0];
    const csp = JSON.stringify(
      policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    expect(csp).toContain("connect-src 'self' https://*.execute-api.ap-southeast-1.amazonaws.com https://");
    expect(csp).not.toContain('Api');
  });

  it('refuses to synthesize without a built console', () => {
    const other = new Stack(new App(), 'NoBuild');
    expect(
      () =>
        new ConsoleSite(other, 'Console', {
          siteDirectory: mkdtempSync(path.join(tmpdir(), 'empty-dist-')),
          apiUrl: API,
          userPool: new UserPool(other, 'Agents'),
          loginDomainPrefix: 'x-test',
        }),
    ).toThrow(/npm run build:web/);
  });

  it('fails synth on a finding nobody acknowledged (the check is live)', () => {
    const broken = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'cdk-console-nag-')) });
    const other = new Stack(broken, 'Unacknowledged', { env: { account: '123456789012', region: 'ap-southeast-1' } });
    new ConsoleSite(other, 'Console', {
      siteDirectory: builtSite(),
      apiUrl: API,
      userPool: new UserPool(other, 'Agents'), // COG1, COG8: no acknowledgement this time
      loginDomainPrefix: 'prakerja-agents-nag',
    });
    Validations.of(broken).addPlugins(new AwsSolutionsChecks(broken));
    expect(() => broken.synth()).toThrow(/AwsSolutions-COG1/);
  });

  it('passes cdk-nag AwsSolutions with zero unacknowledged findings', () => {
    expect(() => app.synth({ force: true })).not.toThrow();
    expect(site.url).toMatch(/^https:\/\//);
  });
});
