/**
 * Tickets put straight into a store, for the benchmarks and tests that need many in a known
 * order (agents claiming, the sweeper): a ready ticket per number, with a made-up participant.
 */
import type { Ticket, TicketMessage } from '#core/ticket.ts';
import type { Category, Priority } from '#core/types.ts';
import { waitAfter } from '#core/waiting.ts';
import type { TicketStore } from '#ports';

export interface SeedTicket {
  category: Category;
  priority?: Priority;
  createdAt?: string;
  status?: Ticket['status'];
  email?: string;
  phone?: string | null;
  card?: string | null;
  dueAt?: string;
}

/** Ticket number n (`PRK-0000000n`), ready unless told otherwise. */
export function seededTicket(n: number, t: SeedTicket): { ticket: Ticket; first: TicketMessage } {
  const createdAt = t.createdAt ?? new Date(Date.UTC(2024, 2, 11, 0, 0, n)).toISOString();
  const fields = {
    cardNumber: t.card ?? null,
    phone: t.phone === undefined ? `+6281200${String(n).padStart(6, '0')}` : t.phone,
    email: t.email ?? `p${n}@example.com`,
    name: null,
    nik: null,
  };
  const ticket: Ticket = {
    ref: `PRK-${String(n).padStart(8, '0')}`,
    openedBy: `seed-${n}`,
    status: t.status ?? 'ready',
    category: t.category,
    priority: t.priority ?? 'normal',
    fields,
    missing: [],
    replyTo: fields.email,
    nikHash: null,
    senderVerified: true,
    participants: [fields.email],
    messageCount: 1,
    createdAt,
    updatedAt: createdAt,
    resolvedAt: null,
    linkedTo: null,
    heldBehind: null,
    readyAt: createdAt,
    dueAt: t.dueAt ?? '2099-01-01T00:00:00.000Z',
    claimedBy: null,
    leaseExpiresAt: null,
    firstActionAt: null,
    ...waitAfter(t.status ?? 'ready', createdAt),
  };
  const first: TicketMessage = {
    inboundId: ticket.openedBy,
    messageId: `<seed-${n}@mail.example.com>`,
    receivedAt: createdAt,
    from: fields.email,
    subject: 'seeded',
    text: 'seeded complaint',
    rawKey: null,
    fields,
    evidence: [],
    category: t.category,
    flags: [],
    outcome: 'created',
  };
  return { ticket, first };
}

/** Seeds ticket number n without participant links (seeded tickets never dedupe). */
export async function seedTicket(store: TicketStore, n: number, t: SeedTicket): Promise<Ticket> {
  const { ticket, first } = seededTicket(n, t);
  const r = await store.create(ticket, first, []);
  if (r.kind !== 'created') throw new Error(`seed ${ticket.ref}: ${r.kind}`);
  return ticket;
}
