import { DescribeActiveReceiptRuleSetCommand, SESClient, SetActiveReceiptRuleSetCommand } from '@aws-sdk/client-ses';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { type ActivationProperties, makeActivationHandler } from '#lib/custom-resources/receipt-rule-set-activation.ts';

const OURS = 'intake-receiving';
const THEIRS = 'helpdesk-inbound';
const ses = mockClient(SESClient);

function event(
  type: 'Create' | 'Update' | 'Delete',
  replace = false,
): CloudFormationCustomResourceEvent<ActivationProperties> {
  const common = {
    ServiceToken: 'arn:aws:lambda:ap-southeast-1:123456789012:function:provider',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/',
    StackId: 'arn:aws:cloudformation:ap-southeast-1:123456789012:stack/intake-pipeline/1',
    RequestId: 'request-1',
    LogicalResourceId: 'Activation',
    ResourceType: 'Custom::ReceiptRuleSetActivation',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:ap-southeast-1:123456789012:function:provider',
      RuleSetName: OURS,
      ReplaceActiveRuleSet: String(replace),
    },
  };
  if (type === 'Create') return { ...common, RequestType: 'Create' };
  const physical = { PhysicalResourceId: `active-receipt-rule-set/${OURS}` };
  if (type === 'Update')
    return { ...common, ...physical, RequestType: 'Update', OldResourceProperties: common.ResourceProperties };
  return { ...common, ...physical, RequestType: 'Delete' };
}

function activeIs(name: string | undefined) {
  ses.on(DescribeActiveReceiptRuleSetCommand).resolves(name ? { Metadata: { Name: name } } : {});
  ses.on(SetActiveReceiptRuleSetCommand).resolves({});
}

const handler = () => makeActivationHandler(new SESClient({ region: 'ap-southeast-1' }));

beforeEach(() => ses.reset());

describe('receipt rule set activation on create', () => {
  it('activates ours when no rule set is active', async () => {
    // Prepare
    activeIs(undefined);

    // Act
    const r = await handler()(event('Create'));

    // Assess
    expect(ses).toHaveReceivedCommandWith(SetActiveReceiptRuleSetCommand, { RuleSetName: OURS });
    expect(r).toEqual({
      PhysicalResourceId: `active-receipt-rule-set/${OURS}`,
      Data: { ActiveRuleSet: OURS, Note: 'activated' },
    });
  });

  it('leaves ours as it is when it is already active', async () => {
    // Prepare
    activeIs(OURS);

    // Act
    const r = await handler()(event('Create'));

    // Assess
    expect(ses).not.toHaveReceivedCommand(SetActiveReceiptRuleSetCommand);
    expect(r.Data.ActiveRuleSet).toBe(OURS);
  });

  it('fails the deploy, naming the active rule set and the way out, rather than take its mail', async () => {
    // Prepare
    activeIs(THEIRS);

    // Act
    const attempt = handler()(event('Create'));

    // Assess
    await expect(attempt).rejects.toThrow(/"helpdesk-inbound" is active[\s\S]*-c replaceActiveRuleSet=true/);
    expect(ses).not.toHaveReceivedCommand(SetActiveReceiptRuleSetCommand);
  });

  it('replaces another active rule set only when told to', async () => {
    // Prepare
    activeIs(THEIRS);

    // Act
    const r = await handler()(event('Create', true));

    // Assess
    expect(ses).toHaveReceivedCommandWith(SetActiveReceiptRuleSetCommand, { RuleSetName: OURS });
    expect(r.Data).toEqual({ ActiveRuleSet: OURS, Note: 'activated, replacing "helpdesk-inbound"' });
  });
});

describe('receipt rule set activation on update', () => {
  it('leaves another active rule set alone with a note instead of failing, so a rollback cannot get stuck', async () => {
    // Prepare
    activeIs(THEIRS);

    // Act
    const r = await handler()(event('Update'));

    // Assess
    expect(ses).not.toHaveReceivedCommand(SetActiveReceiptRuleSetCommand);
    expect(r.Data.ActiveRuleSet).toBe(THEIRS);
    expect(r.Data.Note).toMatch(/^not activated: /);
  });

  it('activates ours when told to replace the active one', async () => {
    // Prepare
    activeIs(THEIRS);

    // Act
    await handler()(event('Update', true));

    // Assess
    expect(ses).toHaveReceivedCommandWith(SetActiveReceiptRuleSetCommand, { RuleSetName: OURS });
  });
});

describe('receipt rule set activation on delete', () => {
  it('deactivates ours when it is the active one', async () => {
    // Prepare
    activeIs(OURS);

    // Act
    const r = await handler()(event('Delete'));

    // Assess
    expect(ses).toHaveReceivedCommandTimes(SetActiveReceiptRuleSetCommand, 1);
    expect(ses.commandCalls(SetActiveReceiptRuleSetCommand)[0]?.args[0].input).toEqual({});
    expect(r).toEqual({
      PhysicalResourceId: `active-receipt-rule-set/${OURS}`,
      Data: { ActiveRuleSet: '', Note: 'deactivated ours' },
    });
  });

  it("never deactivates another system's active rule set", async () => {
    // Prepare
    activeIs(THEIRS);

    // Act
    const r = await handler()(event('Delete'));

    // Assess
    expect(ses).not.toHaveReceivedCommand(SetActiveReceiptRuleSetCommand);
    expect(r.Data.ActiveRuleSet).toBe(THEIRS);
  });

  it('does nothing when no rule set is active', async () => {
    // Prepare
    activeIs(undefined);

    // Act
    await handler()(event('Delete'));

    // Assess
    expect(ses).not.toHaveReceivedCommand(SetActiveReceiptRuleSetCommand);
  });
});
