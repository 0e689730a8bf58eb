/**
 * Which recipient addresses Amazon SES sends to, decided before a reply is queued: a reply SES
 * would refuse is a permanent error, so it must never be retried as if it were transient.
 *
 * SES has no SMTPUTF8: the local part must be 7-bit ASCII, and a domain with other characters
 * must be given in Punycode (we convert it). What we refuse, and why:
 *  - a non-ASCII local part (`pérez@…`): SES cannot carry it;
 *  - a quoted local part (`"budi santoso"@…`): legal in RFC 5322, but we send only the dot-atom
 *    form SES documents and receiving servers reliably accept;
 *  - an IP literal (`budi@[192.0.2.1]`) or a domain without a dot (`budi@localhost`): no public
 *    mail domain, so SES cannot deliver there (and a send would only bounce, hurting reputation).
 * Pure: `node:url`'s domainToASCII is computation only.
 */
import { domainToASCII } from 'node:url';

/** RFC 5322 dot-atom characters of a local part. */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export type AddressVerdict = { ok: true; address: string } | { ok: false; reason: string };

/** The address as SES takes it (domain in Punycode, lower case), or why SES cannot send to it. */
export function sesRecipient(address: string): AddressVerdict {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return { ok: false, reason: 'not an email address' };
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.startsWith('"')) return { ok: false, reason: 'quoted local part' };
  if (/[^\x21-\x7e]/.test(local)) return { ok: false, reason: 'local part is not 7-bit ASCII' };
  if (local.length > 64) return { ok: false, reason: 'local part longer than 64 characters' };
  if (!local.split('.').every((atom) => ATEXT.test(atom))) return { ok: false, reason: 'invalid local part' };
  if (domain.startsWith('[')) return { ok: false, reason: 'IP address literal' };
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii || ascii.length > 253) return { ok: false, reason: 'invalid domain' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, reason: 'domain without a dot' };
  if (!labels.every((l) => LABEL.test(l)) || !TLD.test(labels.at(-1) ?? ''))
    return { ok: false, reason: 'invalid domain' };
  return { ok: true, address: `${local}@${ascii}` };
}
