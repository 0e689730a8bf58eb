/** Files a ticket as triage does (app/triage.ts): claims its keys, then creates it unless another open ticket holds one. */
import type { ParticipantKey, Ticket, TicketMessage } from '#core/ticket.ts';
import type { CreateOutcome, StoredTicket, TicketStore } from '#ports';

/** A create's outcome, or the open ticket holding one of the keys (the claims made before it given back). */
export type Filed = CreateOutcome | { kind: 'held'; ticket: StoredTicket; key: ParticipantKey };

export async function fileTicket(
  store: TicketStore,
  d: { ticket: Ticket; first: TicketMessage },
  keys: readonly ParticipantKey[],
): Promise<Filed> {
  const claims = await store.claimLinks(d.ticket, keys);
  if (claims.held) {
    await store.releaseLinks(d.ticket, claims.claimed);
    return { kind: 'held', ...claims.held };
  }
  return store.create(d.ticket, d.first, claims.claimed);
}
