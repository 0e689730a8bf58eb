/**
 * Which addresses SES's sending events tell us to stop writing to: every recipient of a permanent
 * (hard) bounce, and everyone who marked our mail as spam. Transient and undetermined bounces,
 * rejects and delivery delays suppress nobody: the address may work tomorrow.
 */
export const SUPPRESSION_REASONS = ['hard-bounce', 'complaint'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** The part of an SES event-publishing record these rules read (docs/architecture.md, "SES sending events"). */
export interface SendingEvent {
  eventType: string;
  bounce?: { bounceType: string; bouncedRecipients: { emailAddress: string }[] };
  complaint?: { complainedRecipients: { emailAddress: string }[] };
}

export interface Suppression {
  address: string;
  reason: SuppressionReason;
}

export function suppressionsFrom(event: SendingEvent): Suppression[] {
  const of = (list: { emailAddress: string }[] | undefined, reason: SuppressionReason) =>
    (list ?? []).map((r) => ({ address: r.emailAddress.trim().toLowerCase(), reason }));
  if (event.eventType === 'Bounce' && event.bounce?.bounceType === 'Permanent')
    return of(event.bounce.bouncedRecipients, 'hard-bounce');
  if (event.eventType === 'Complaint') return of(event.complaint?.complainedRecipients, 'complaint');
  return [];
}
