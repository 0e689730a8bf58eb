/** A participant's answer to a resolved ticket within the reopen window, appended as triage files it: the ticket is ready again. */

import type { TicketMessage } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import type { TicketStore } from '#ports';

export async function reopenByAnswer(tickets: TicketStore, ref: string, at: Date, category: Category): Promise<void> {
  const message: TicketMessage = {
    inboundId: `again-${ref}`,
    messageId: `<again-${ref}@surel.example>`,
    receivedAt: at.toISOString(),
    from: 'peserta@surel.example',
    subject: `Re: [${ref}]`,
    text: 'ternyata masih belum beres',
    rawKey: null,
    fields: { cardNumber: null, phone: null, email: null, name: null, nik: null },
    evidence: [],
    category,
    flags: [],
    outcome: 'reopened',
  };
  await tickets.append(ref, message, (c) => ({
    fields: c.fields,
    missing: [],
    status: 'ready',
    priority: c.priority,
    keys: [],
    participants: c.participants,
    senderVerified: c.senderVerified,
    nikHash: c.nikHash,
    updatedAt: at.toISOString(),
    readyAt: at.toISOString(),
    dueAt: c.dueAt,
    waitingSince: null,
    remindedAt: null,
  }));
}
