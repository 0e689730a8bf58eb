/**
 * The agents' directory (stateful: it holds people): a Cognito user pool with one group per work
 * list (`queue-<category>`) and a `supervisor` group, MFA and threat protection on, no self
 * sign-up, and an app client for the agents' console. Its tokens carry `cognito:groups`, which
 * the agent API reads.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export const SUPERVISOR_GROUP = 'supervisor';
export const queueGroup = (category: string) => `queue-${category}`;

export interface AgentDirectoryProps {
  categories: readonly string[];
}

export class AgentDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

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
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of [...props.categories.map(queueGroup), SUPERVISOR_GROUP]) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group });
    }
    this.client = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      generateSecret: false,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
    });
  }
}
