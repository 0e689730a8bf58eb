/** The reply decision: never answer machines, ask for exactly what is missing, or acknowledge. */
import type { RequiredField } from './types.ts';

export type ReplyDecision = 'none' | 'ask_missing' | 'acknowledge';

export interface DecideInput {
  automated: boolean;
  /** Receipt verdicts or policy that forbid answering (spam, virus). */
  suppress?: boolean;
  missing: readonly RequiredField[];
}

export function decideReply({ automated, suppress = false, missing }: DecideInput): ReplyDecision {
  if (automated || suppress) return 'none';
  return missing.length > 0 ? 'ask_missing' : 'acknowledge';
}
