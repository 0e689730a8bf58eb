/**
 * SES's sending events (bounces, complaints, rejects, delays, through the configuration set):
 * hard bounces and complaints put the address on our suppression list, which the mailer checks
 * before every send.
 */
import { type SendingEvent, type Suppression, suppressionsFrom } from '#core/suppression.ts';
import type { SuppressionList } from '#ports';

export interface SendingEventsDeps {
  suppressed: SuppressionList;
  now: () => Date;
}

/** Records what the event says to stop (idempotent: SQS may deliver it twice); returns it. */
export async function recordSendingEvent(event: SendingEvent, deps: SendingEventsDeps): Promise<Suppression[]> {
  const at = deps.now().toISOString();
  const found = suppressionsFrom(event);
  for (const s of found) await deps.suppressed.suppress(s.address, s.reason, at);
  return found;
}
