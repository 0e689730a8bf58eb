/**
 * Makes our receipt rule set the active one at deploy time (CloudFormation cannot), through the
 * CDK Provider framework and our handler (lib/custom-resources/receipt-rule-set-activation.ts),
 * which never replaces another system's active rule set unless told to, and on delete deactivates
 * ours only. `activeRuleSet` is what is active after the deploy.
 */
import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ActivationProperties } from '../custom-resources/receipt-rule-set-activation.ts';
import { LAMBDA_ENTRIES } from '../entries.ts';
import { HandlerFunction } from './handler-function.ts';

export interface ReceiptRuleSetActivationProps {
  ruleSetName: string;
  /** Replace another active rule set (-c replaceActiveRuleSet=true); otherwise a create fails on one. */
  replaceActiveRuleSet: boolean;
  logRetention: RetentionDays;
}

export class ReceiptRuleSetActivation extends Construct {
  readonly handler: HandlerFunction;
  readonly provider: Provider;
  readonly activeRuleSet: string;

  constructor(scope: Construct, id: string, props: ReceiptRuleSetActivationProps) {
    super(scope, id);
    this.handler = new HandlerFunction(this, 'Handler', {
      entry: LAMBDA_ENTRIES.receiptRuleSetActivation,
      serviceName: 'receipt-rule-set-activation',
      description: 'Deploy time: activate our SES receipt rule set without taking another system’s mail',
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
      environment: {},
    });
    this.handler.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'],
        resources: ['*'],
      }),
    );
    const frameworkLogs = new LogGroup(this, 'ProviderLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role for the framework function too: logs to its group, and (added by Provider) invoking the handler.
    const frameworkRole = new Role(this, 'ProviderRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    frameworkRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [frameworkLogs.logGroupArn],
      }),
    );
    this.provider = new Provider(this, 'Provider', {
      onEventHandler: this.handler.fn,
      logGroup: frameworkLogs,
      frameworkOnEventRole: frameworkRole,
    });
    const properties: ActivationProperties = {
      RuleSetName: props.ruleSetName,
      ReplaceActiveRuleSet: String(props.replaceActiveRuleSet),
    };
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: 'Custom::ReceiptRuleSetActivation',
      properties,
    });
    this.activeRuleSet = resource.getAttString('ActiveRuleSet');
  }
}
