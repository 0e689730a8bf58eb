/**
 * The agents' directory (stateful: it holds people): a Cognito user pool with one group per work
 * list (`queue-<category>`) and a `supervisor` group (both retained: memberships are data), MFA
 * and threat protection on, no self sign-up, mail to agents sent through SES from the verified
 * domain. Its tokens carry `cognito:groups`, which the agent API reads.
 *
 * The console's app client and its managed login domain are not here: they belong to the console
 * (lib/constructs/console-site.ts, in the pipeline stack), whose CloudFront address is their
 * callback URL and which the storage stack, deployed first, cannot know.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const SUPERVISOR_GROUP = 'supervisor';
export const queueGroup = (category: string) => `queue-${category}`;

export interface AgentDirectoryProps {
  categories: readonly string[];
  /** Verified SES domain: Cognito's mail to agents (invitations, codes) comes from no-reply@ it. */
  mailDomain: string;
}

export class AgentDirectory extends Construct {
  readonly userPool: UserPool;

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
  }
}
