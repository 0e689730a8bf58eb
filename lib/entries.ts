/**
 * Where each Lambda's code starts, relative to the project root: the only place lib/ names a
 * handler file, so moving one is a one-line change here (test/infra checks every path exists).
 */
export const LAMBDA_ENTRIES = {
  triage: 'lambdas/handlers/triage.ts',
  mailer: 'lambdas/handlers/mailer.ts',
  agentApi: 'lambdas/handlers/agent-api.ts',
  sweeper: 'lambdas/handlers/sweeper.ts',
  surge: 'lambdas/handlers/surge.ts',
  sendingEvents: 'lambdas/handlers/sending-events.ts',
  survey: 'lambdas/handlers/survey.ts',
  /** Deploy-time only: makes our receipt rule set the active one, never taking another's mail. */
  receiptRuleSetActivation: 'lib/custom-resources/receipt-rule-set-activation.ts',
} as const;
