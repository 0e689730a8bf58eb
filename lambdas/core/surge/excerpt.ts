/**
 * An incident's example tickets as a supervisor reads them: the start of the participant's text
 * with personal data masked (core/mask.ts). Every e-mail address and every run of 8 or more digits
 * (card numbers, phone numbers, NIKs, accounts, however grouped) is masked, whether or not
 * extraction recognised it, and so is the participant's stated name.
 */
import { mask } from '../mask.ts';
import type { Fields } from '../types.ts';

// Starts only where an address can start (else a long word is tried from each of its positions).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Digits with the separators people put between groups: "6203 1185-4471.2096", "+62 857 ...".
const NUMBER = /\+?\d(?:[ .-]?\d){7,}/g;

function maskNumber(run: string): string {
  const digits = run.replace(/\D/g, '');
  return `${run.startsWith('+') ? '+' : ''}${mask.nik(digits)}`;
}

/** Masks the personal data in a text: addresses, long numbers, and the words of the known name. */
export function maskPersonalData(text: string, known: Pick<Fields, 'name'> = { name: null }): string {
  let out = text.replace(EMAIL, (m) => mask.email(m)).replace(NUMBER, maskNumber);
  for (const word of (known.name ?? '').split(/\s+/).filter((w) => w.length >= 3)) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'giu'), `${word[0]}***`);
  }
  return out;
}

/** The first `max` characters of the text, whitespace folded, masked; an ellipsis when cut. */
export function maskedExcerpt(text: string, known: Pick<Fields, 'name'>, max = 400): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const masked = maskPersonalData(folded, known);
  return masked.length > max ? `${masked.slice(0, max - 1).trimEnd()}…` : masked;
}
