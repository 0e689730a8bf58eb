/**
 * Deploy-time handler (CDK Provider framework, onEvent): makes our receipt rule set the active one
 * without taking another system's mail. An account has one active rule set per region, and
 * SetActiveReceiptRuleSet replaces whichever is active, so:
 *
 * - Create: activate when none is active or ours already is; when another is, activate only if
 *   told to replace it (ReplaceActiveRuleSet), else fail the deploy with what to do.
 * - Update: the same, except that another active rule set is left alone with a note instead of a
 *   failure, so a rollback (which replays the old properties) can never get stuck on it.
 * - Delete: deactivate only if ours is the active one; another system's stays active.
 *
 * Data.ActiveRuleSet reports what is active afterwards (a stack output shows it).
 */
import { DescribeActiveReceiptRuleSetCommand, SESClient, SetActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export interface ActivationProperties {
  RuleSetName: string;
  /** CloudFormation passes properties as strings: 'true' or 'false'. */
  ReplaceActiveRuleSet: string;
}

export interface ActivationResponse {
  PhysicalResourceId: string;
  Data: { ActiveRuleSet: string; Note: string };
}

type ActivationEvent = CloudFormationCustomResourceEvent<ActivationProperties>;

export function makeActivationHandler(ses: Pick<SESClient, 'send'>) {
  const activeRuleSet = async () => (await ses.send(new DescribeActiveReceiptRuleSetCommand({}))).Metadata?.Name;
  const physicalId = (event: ActivationEvent) =>
    // A delete must report the id it was created with.
    event.RequestType === 'Delete'
      ? event.PhysicalResourceId
      : `active-receipt-rule-set/${event.ResourceProperties.RuleSetName}`;

  return async (event: ActivationEvent): Promise<ActivationResponse> => {
    const ours = event.ResourceProperties.RuleSetName;
    const done = (activeAfter: string | undefined, note: string): ActivationResponse => ({
      PhysicalResourceId: physicalId(event),
      Data: { ActiveRuleSet: activeAfter ?? '', Note: note },
    });
    const active = await activeRuleSet();
    if (event.RequestType === 'Delete') {
      if (active !== ours) return done(active, 'ours was not active: left as it was');
      await ses.send(new SetActiveReceiptRuleSetCommand({})); // no name: deactivates
      return done(undefined, 'deactivated ours');
    }
    if (active === ours) return done(active, 'ours was already active');
    const replace = event.ResourceProperties.ReplaceActiveRuleSet === 'true';
    if (active && !replace) {
      const why =
        `Receipt rule set "${active}" is active in this account and region; activating "${ours}" would stop ` +
        `the mail it receives. Move its rules into "${ours}" (or ours into it), or redeploy with ` +
        '-c replaceActiveRuleSet=true to replace it.';
      if (event.RequestType === 'Create') throw new Error(why);
      return done(active, `not activated: ${why}`);
    }
    await ses.send(new SetActiveReceiptRuleSetCommand({ RuleSetName: ours }));
    return done(ours, active ? `activated, replacing "${active}"` : 'activated');
  };
}

export const handler = makeActivationHandler(new SESClient({}));
