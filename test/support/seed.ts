/** Puts tickets straight into the store (for agent API tests that need many, in a known order). */
import { DynamoTicketStore } from '#adapters/dynamodb/ticket-store.ts';
import type { TicketMessage } from '#core/intake.ts';
import type { Ticket } from '#core/ticket.ts';
import type { Category, Priority } from '#core/types.ts';
import type { TestStack } from './local-stack.ts';

let n = 0;

export async function seedTicket(
  stack: TestStack,
  t: {
    category: Category;
    priority?: Priority;
    createdAt?: string;
    status?: Ticket['status'];
    email?: string;
    phone?: string;
    card?: string;
    dueAt?: string;
  },
): Promise<Ticket> {
  n++;
  const ref = `PRK-${String(n).padStart(8, '0')}`;
  const createdAt = t.createdAt ?? new Date(Date.UTC(2024, 2, 11, 0, 0, n)).toISOString();
  const fields = {
    cardNumber: t.card ?? null,
    phone: t.phone ?? `+6281200${String(n).padStart(6, '0')}`,
    email: t.email ?? `p${n}@example.com`,
    name: null,
    nik: null,
  };
  const ticket: Ticket = {
    ref,
    openedBy: `seed-${n}`,
    status: t.status ?? 'ready',
    category: t.category,
    priority: t.priority ?? 'normal',
    fields,
    missing: [],
    replyTo: fields.email,
    messageCount: 1,
    createdAt,
    updatedAt: createdAt,
    readyAt: createdAt,
    dueAt: t.dueAt ?? '2099-01-01T00:00:00.000Z',
  };
  const message: TicketMessage = {
    inboundId: `seed-${n}`,
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
  };
  const store = new DynamoTicketStore(stack.clients.doc, stack.provisioned.names.table);
  const r = await store.create(ticket, [], message);
  if (r.kind !== 'created') throw new Error(`seed ${ref}: ${r.kind}`);
  return ticket;
}
