/** The reply decision: never answer machines, ask for exactly what is missing, or acknowledge. */
import type { AGENT_KINDS, ReplyKind } from './templates.ts';
import type { RequiredField } from './types.ts';

/** What triage answers a mail with: nothing, or one of its own automatic reply kinds. */
export type ReplyDecision =
  | 'none'
  | Exclude<ReplyKind, (typeof AGENT_KINDS)[number] | 'incident_reply' | 'waiting_reminder' | 'closed_unanswered'>;

export interface DecideInput {
  automated: boolean;
  /** Receipt verdicts that forbid answering (spam, virus). */
  suppress?: boolean;
  missing: readonly RequiredField[];
}

export function decideReply({ automated, suppress = false, missing }: DecideInput): ReplyDecision {
  if (automated || suppress) return 'none';
  return missing.length > 0 ? 'ask_missing' : 'acknowledge';
}
