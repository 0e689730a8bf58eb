/**
 * The agents' console on AWS: the built single-page app (web/dist) in a private S3 bucket behind
 * CloudFront (origin access control, HTTPS only, security headers and a CSP), signing in with the
 * agents' Cognito user pool through managed login (authorization code + PKCE, the pool's one
 * console app client: public, no secret, made here because its callback URL is this
 * distribution). /config.json is written at deploy with the API URL, the login domain, the
 * issuer, the client id and the callback URLs. No Docker: the site is a plain asset.
 *
 * What the stack that holds it wires (lib/pipeline-stack.ts; the construct cannot reach those
 * resources): the agent API's JWT authorizer accepts `client.userPoolClientId` as its audience,
 * and the API allows CORS from `origins`, since the console and the API are on different origins.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Aspects, CfnOutput, Duration, type IAspect, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  CfnManagedLoginBranding,
  type IUserPool,
  ManagedLoginVersion,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';

export interface ConsoleSiteProps {
  /** The built console: web/dist after `npm run build:web` (must hold index.html and assets/). */
  siteDirectory: string;
  /** The agent API's base URL, e.g. `HttpApi.apiEndpoint`. */
  apiUrl: string;
  /** The agents' user pool (groups `queue-<category>` and `supervisor`). */
  userPool: IUserPool;
  /** Cognito managed login domain prefix: https://<prefix>.auth.<region>.amazoncognito.com (unique per region). */
  loginDomainPrefix: string;
  /** A custom domain for the console; without one, CloudFront's own domain and certificate. */
  customDomain?: { domainNames: string[]; certificate: ICertificate };
  /** A WAF web ACL (CLOUDFRONT scope, us-east-1) to put in front of the console. */
  webAclId?: string;
  /** Days to keep CloudFront and bucket access logs. Default 90. */
  accessLogDays?: number;
  /** How long the deploy-time copy function's logs are kept. Default three months. */
  logRetention?: RetentionDays;
}

export const CONSOLE_SCOPES = ['openid', 'email', 'profile'];

/** The console's CSP: its own scripts and styles only; it talks to the API and the login domain. */
export function consoleCsp(apiUrl: string, loginUrl: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${apiUrl} ${loginUrl}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The console's public app client: add its id to the agent API's JWT audiences. */
  readonly client: UserPoolClient;
  readonly loginDomain: UserPoolDomain;
  /** https://<distribution or custom domain>/ — the console's address and OAuth callback URL. */
  readonly url: string;
  readonly callbackUrls: string[];
  /** The origins the console runs on (https://<host>, no trailing slash), for the API's CORS. */
  readonly origins: string[];

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const index = path.join(props.siteDirectory, 'index.html');
    if (!existsSync(index)) throw new Error(`${index} is missing: build the console first (npm run build:web)`);
    const stack = Stack.of(this);
    const logDays = props.accessLogDays ?? 90;

    const logs = new Bucket(this, 'AccessLogs', {
      // CloudFront standard logging writes with ACLs and to SSE-S3 buckets only.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(logDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    this.loginDomain = new UserPoolDomain(this, 'Login', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.loginDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const loginUrl = this.loginDomain.baseUrl();
    // The API's CORS must name this distribution; were the CSP to name the API resource in turn,
    // CloudFormation would see a cycle. An API URL known at synth goes in as is; a deploy-time one
    // (HttpApi.apiEndpoint) as the region's API Gateway hosts.
    const apiSource = Token.isUnresolved(props.apiUrl)
      ? `https://*.execute-api.${stack.region}.amazonaws.com`
      : props.apiUrl;

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Agents console: CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(apiSource, loginUrl), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // The authorization code comes back in the URL: never send it on as a referrer.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
        ],
      },
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Prakerja triage: agents console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclId,
      ...(props.customDomain
        ? {
            domainNames: props.customDomain.domainNames,
            certificate: props.customDomain.certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    this.callbackUrls = [
      `https://${this.distribution.distributionDomainName}/`,
      ...(props.customDomain?.domainNames.map((d) => `https://${d}/`) ?? []),
    ];
    this.url = this.callbackUrls[this.callbackUrls.length - 1] as string;
    this.origins = [
      `https://${this.distribution.distributionDomainName}`,
      ...(props.customDomain?.domainNames.map((d) => `https://${d}`) ?? []),
    ];

    this.client = new UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      userPoolClientName: 'agents-console',
      // A browser app cannot keep a secret: a public client, authorization code with PKCE (the console sends S256).
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: this.callbackUrls,
        logoutUrls: this.callbackUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    // Managed login (the newer version) shows a page only for app clients with a branding style.
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const config = {
      mode: 'cognito',
      apiUrl: props.apiUrl,
      cognito: {
        domain: loginUrl,
        issuer: `https://cognito-idp.${stack.region}.amazonaws.com/${props.userPool.userPoolId}`,
        clientId: this.client.userPoolClientId,
        redirectUris: this.callbackUrls,
        scopes: CONSOLE_SCOPES,
      },
    };

    // Hashed assets first (cached for a year), then the entry points that name them (revalidated).
    // Both run on CDK's one copy function per stack, which logs here.
    const deployLogs = new LogGroup(this, 'DeployLogs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(props.siteDirectory, { exclude: ['index.html', 'config.json'] })],
      destinationBucket: this.bucket,
      exclude: ['index.html', 'config.json'],
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 256,
      logGroup: deployLogs,
    });
    const entry = new BucketDeployment(this, 'Entry', {
      sources: [Source.data('index.html', readFileSync(index, 'utf8')), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html', '/config.json'],
      memoryLimit: 256,
      logGroup: deployLogs,
    });
    entry.node.addDependency(assets);

    new CfnOutput(this, 'Url', { value: this.url, description: 'Agents console' });
    acknowledgeConsoleSiteFindings(this, logs, stack, props.customDomain === undefined, props.webAclId !== undefined);
  }
}

const ack = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });

/** CloudFormation intrinsics as cdk-nag writes them in finding ids: `<Logical.Attr>`, `<AWS::Partition>`, `<AWS::AccountId>`. */
function nagText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(nagText).join('');
  const o = (v ?? {}) as Record<string, unknown>;
  if ('Fn::Join' in o) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map(nagText).join(sep);
  }
  if ('Fn::GetAtt' in o) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
  // An environment-agnostic synth names CDK's asset bucket with the deploy-time account id.
  if (typeof o['Fn::Sub'] === 'string') return o['Fn::Sub'].replace(/\$\{([^}]+)\}/g, '<$1>');
  if ('Ref' in o) return `<${o.Ref}>`;
  return JSON.stringify(v);
}

/**
 * The BucketDeployment handler (a CDK singleton in the stack, run at deploy time only) gets
 * wildcard S3 actions on the asset and site buckets and cloudfront:CreateInvalidation on `*`.
 * Its policy is CDK's; each wildcard is acknowledged by the id cdk-nag gives it.
 */
class AcknowledgeDeploymentWildcards implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnPolicy) || !node.node.path.includes('/Custom::CDKBucketDeployment')) return;
    const doc = Stack.of(node).resolve(node.policyDocument) as { Statement: Record<string, unknown>[] };
    const ids = new Set<string>();
    for (const st of doc.Statement) {
      for (const a of [st.Action].flat()) if (typeof a === 'string' && a.includes('*')) ids.add(`Action::${a}`);
      for (const r of [st.Resource].flat()) {
        const text = nagText(r);
        if (text.includes('*')) ids.add(`Resource::${text}`);
      }
    }
    for (const id of ids) {
      ack(
        node,
        `AwsSolutions-IAM5[${id}]`,
        'CDK BucketDeployment handler (deploy time only): copies the console asset into its bucket and invalidates the distribution; CreateInvalidation takes no narrower resource.',
      );
    }
  }
}

/** cdk-nag findings this construct accepts, each on the construct it concerns, with the reason. */
function acknowledgeConsoleSiteFindings(
  site: ConsoleSite,
  logs: Bucket,
  stack: Stack,
  defaultDomain: boolean,
  waf: boolean,
) {
  ack(logs, 'AwsSolutions-S1', 'This is the access-log bucket itself (CloudFront and site bucket logs).');
  if (defaultDomain) {
    ack(
      site.distribution,
      'AwsSolutions-CFR4',
      'Without a custom domain CloudFront serves its own certificate, whose security policy it sets (TLSv1); pass customDomain to require TLS 1.2.',
    );
  }
  ack(
    site.distribution,
    'AwsSolutions-CFR1',
    'No geo restriction: agents sign in from wherever they work; the site is static files and every API call needs a Cognito token.',
  );
  if (!waf) {
    ack(
      site.distribution,
      'AwsSolutions-CFR2',
      'Static files only (the API has its own throttling); pass webAclId to put a WAF web ACL in front.',
    );
  }
  const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (provider) {
    ack(
      provider,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK BucketDeployment handler (runs only at deploy time to copy the console into its bucket); its role is not configurable.',
    );
    ack(provider, 'AwsSolutions-L1', 'CDK BucketDeployment handler: its runtime is chosen by the CDK release.');
  }
  Aspects.of(stack).add(new AcknowledgeDeploymentWildcards());
}
