/**
 * What SES's receipt verdicts mean for a mail (pure policy). A virus is quarantined: kept, never
 * answered, no work item. Spam is kept and marked, never auto-answered. Failed SPF/DKIM/DMARC are
 * recorded on the ticket so an agent treats claims in it with care.
 */
export interface ReceiptVerdicts {
  spam: string;
  virus: string;
  spf: string;
  dkim: string;
  dmarc?: string;
}

export interface ReceiptPolicy {
  quarantine: boolean;
  suppressReply: boolean;
  flags: string[];
}

export function receiptPolicy(v: ReceiptVerdicts): ReceiptPolicy {
  const flags: string[] = [];
  const virus = v.virus.toUpperCase() === 'FAIL';
  const spam = v.spam.toUpperCase() === 'FAIL';
  if (virus) flags.push('virus');
  if (spam) flags.push('spam');
  for (const [name, status] of [
    ['spf', v.spf],
    ['dkim', v.dkim],
    ['dmarc', v.dmarc],
  ] as const) {
    if (status && status.toUpperCase() === 'FAIL') flags.push(`${name}-fail`);
  }
  return { quarantine: virus, suppressReply: virus || spam, flags };
}
