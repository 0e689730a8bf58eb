import { agentFromClaims, groupsFromClaim } from '#handlers/agent-api-handler.ts';

describe('agent claims', () => {
  it('reads Cognito groups as an array, or as API Gateway’s flattened "[a b]" string', () => {
    expect(groupsFromClaim(['queue-fraud', 'supervisor'])).toEqual(['queue-fraud', 'supervisor']);
    expect(groupsFromClaim('[queue-fraud supervisor]')).toEqual(['queue-fraud', 'supervisor']);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });

  it('maps queue-<category> groups to queues, ignores unknown ones, and spots supervisors', () => {
    expect(
      agentFromClaims({ 'cognito:username': 'ani', 'cognito:groups': '[queue-incentive queue-lottery supervisor]' }),
    ).toEqual({
      id: 'ani',
      queues: ['incentive'],
      supervisor: true,
    });
  });

  it('rejects claims without an identity as unauthenticated', () => {
    expect(() => agentFromClaims({})).toThrow(expect.objectContaining({ kind: 'Unauthenticated' }));
    expect(() => agentFromClaims(undefined)).toThrow(expect.objectContaining({ kind: 'Unauthenticated' }));
  });
});
