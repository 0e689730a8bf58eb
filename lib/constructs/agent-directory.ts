/**
 * The agents' directory (stateful: it holds people): a Cognito user pool with one group per work
 * list (`queue-<category>`) and a `supervisor` group (both retained: memberships are data), MFA
 * and threat protection on, no self sign-up, mail to agents sent through SES from the verified
 * domain, and for the agents' console a public app client (authorization code with PKCE, no
 * implicit flow) on a Cognito sign-in domain. Its tokens carry `cognito:groups`, which the agent
 * API reads.
 *
 * `consoleUrls` is the hook for the web console: each URL (its origin, e.g. the CloudFront
 * domain) is allowed as callback and as logout URL. `bare` keeps only what is retained.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const SUPERVISOR_GROUP = 'supervisor';
export const queueGroup = (category: string) => `queue-${category}`;

export interface AgentDirectoryProps {
  categories: readonly string[];
  /** Verified SES domain: Cognito's mail to agents (invitations, codes) comes from no-reply@ it. */
  mailDomain: string;
  /** Console origins allowed as OAuth callback and logout URLs. */
  consoleUrls: string[];
  /** Cognito sign-in domain prefix (https://<prefix>.auth.<region>.amazoncognito.com). */
  domainPrefix: string;
  bare: boolean;
}

export class AgentDirectory extends Construct {
  readonly userPool: UserPool;
  client?: UserPoolClient;
  domain?: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AgentDirectoryProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Agents', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Cognito's own sender allows 50 mails a day; SES has the domain's DKIM and no such cap.
      email: UserPoolEmail.withSES({
        fromEmail: `no-reply@${props.mailDomain}`,
        fromName: 'Pengaduan Prakerja',
        sesRegion: Stack.of(this).region,
        sesVerifiedDomain: props.mailDomain,
      }),
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of [...props.categories.map(queueGroup), SUPERVISOR_GROUP]) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
      }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    if (!props.bare) this.addConsoleClient(props);
  }

  private addConsoleClient(props: AgentDirectoryProps): void {
    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.client = this.userPool.addClient('Console', {
      generateSecret: false, // a browser app cannot keep a secret: PKCE instead
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.consoleUrls,
        logoutUrls: props.consoleUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
  }
}
