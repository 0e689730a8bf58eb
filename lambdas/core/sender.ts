/**
 * Is the sender who they claim to be, and may we write to them? Decided from SES's receipt
 * verdicts and the mail's own envelope and headers (docs/triage.md, "Sender trust").
 *
 * Verified: DMARC did not FAIL and SPF or DKIM passed. Where the From domain publishes no DMARC
 * policy (verdict GRAY), SES's SPF and DKIM verdicts say nothing about the From address: SPF
 * judges the envelope domain and DKIM any signature, both of which a forger controls on a domain
 * of their own. Then a pass counts only for a domain aligned with the From domain (equal, or one
 * a subdomain of the other), which is what DMARC itself would have checked.
 *
 * Answerable: verified, and not ourselves (a loop), not an empty envelope (MAIL FROM:<>, which by
 * RFC 5321 must never be answered), not a From that differs from an envelope DMARC failed.
 */
import type { ReceiptVerdicts } from './receipt.ts';

export interface SenderEvidence {
  verdicts: ReceiptVerdicts;
  /** The envelope sender (MAIL FROM) as SES reports it; '' for a null sender. */
  envelope: string;
  /** The From header's address. */
  from: string | null;
  /** Domains of the mail's DKIM-Signature headers (their d= tags). */
  dkimDomains: readonly string[];
  ownAddresses: readonly string[];
}

export type TrustFlag = 'unverified-sender' | 'own-address' | 'null-envelope' | 'envelope-mismatch';

export interface SenderTrust {
  /** The From address, lower-cased (null when the mail has none). */
  address: string | null;
  verified: boolean;
  /** Whether automatic mail may go to `address`. */
  answerable: boolean;
  /** Why it is not verified or not answerable, for the message's flags. */
  flags: TrustFlag[];
}

const status = (s: string | undefined) => (s ?? '').toUpperCase();
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Relaxed alignment without a public-suffix list: equal, or one a subdomain of the other. */
function aligned(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

function verifiedBy(e: SenderEvidence, from: string): boolean {
  const dmarc = status(e.verdicts.dmarc);
  const spf = status(e.verdicts.spf) === 'PASS';
  const dkim = status(e.verdicts.dkim) === 'PASS';
  if (dmarc === 'FAIL') return false;
  if (dmarc === 'PASS') return spf || dkim;
  const fromDomain = domainOf(from);
  const spfAligned = spf && e.envelope.includes('@') && aligned(domainOf(e.envelope), fromDomain);
  const dkimAligned = dkim && e.dkimDomains.some((d) => aligned(d.toLowerCase(), fromDomain));
  return spfAligned || dkimAligned;
}

export function senderTrust(e: SenderEvidence): SenderTrust {
  const address = e.from ? e.from.trim().toLowerCase() : null;
  const own = address !== null && e.ownAddresses.some((a) => a.toLowerCase() === address);
  const verified = address !== null && !own && verifiedBy(e, address);
  const flags: TrustFlag[] = [];
  if (!verified) flags.push('unverified-sender');
  if (own) flags.push('own-address');
  const envelope = e.envelope.trim().toLowerCase();
  if (!envelope) flags.push('null-envelope');
  else if (status(e.verdicts.dmarc) === 'FAIL' && envelope !== address) flags.push('envelope-mismatch');
  return { address, verified, answerable: verified && flags.length === 0, flags };
}
