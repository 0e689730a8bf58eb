/**
 * Who a ticket's participant is, for counting distinct participants: a hash of the ticket's first
 * key (card, else phone, else email), hashed as the participant links hash it; a ticket with no
 * key counts as its reply address, and without one as itself. Never the key in clear.
 */
import { createHash } from 'node:crypto';
import { participantKeys, type Ticket } from '../ticket.ts';

export function participantOf(ticket: Pick<Ticket, 'fields' | 'replyTo' | 'ref'>): string {
  const key =
    participantKeys(ticket.fields)[0] ??
    (ticket.replyTo ? { kind: 'email', value: ticket.replyTo.toLowerCase() } : { kind: 'ticket', value: ticket.ref });
  return createHash('sha256').update(`${key.kind}:${key.value}`).digest('hex').slice(0, 32);
}
