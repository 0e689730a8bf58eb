/**
 * What an agent types to find a participant's tickets, read as a participant key in the form
 * triage stores keys (card: 16 digits; phone: E.164 mobile; email: lower case), or as a ticket
 * reference. Separators and case do not matter; anything else is not a key (null).
 */
import { parsePhone } from './phone.ts';
import { isTicketRef, type ParticipantKey, type ParticipantKeyKind } from './ticket.ts';

const SEPARATORS = /[\s.\-()/]/g;
const CARD = /^\d{16}$/;
// What an address needs to be one at all; the key matches only an address a ticket carries.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function participantKeyFrom(kind: ParticipantKeyKind, text: string): ParticipantKey | null {
  const t = text.trim();
  if (kind === 'email') return EMAIL.test(t) ? { kind, value: t.toLowerCase() } : null;
  if (kind === 'card') {
    const digits = t.replace(SEPARATORS, '');
    return CARD.test(digits) ? { kind, value: digits } : null;
  }
  const phone = parsePhone(t);
  return phone?.isValid() ? { kind, value: phone.number } : null;
}

export type SearchTerm = { kind: 'ref'; ref: string } | { kind: 'participant'; key: ParticipantKey };

/** A search box's text: a ticket reference, an email, a 16-digit card number, or a phone. */
export function searchTerm(q: string): SearchTerm | null {
  const t = q.trim();
  if (isTicketRef(t.toUpperCase())) return { kind: 'ref', ref: t.toUpperCase() };
  const kind: ParticipantKeyKind = t.includes('@') ? 'email' : CARD.test(t.replace(SEPARATORS, '')) ? 'card' : 'phone';
  const key = participantKeyFrom(kind, t);
  return key ? { kind: 'participant', key } : null;
}
