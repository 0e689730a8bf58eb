/** Puts tickets straight into the test stack's table (for agent API tests that need many, in a known order). */
import { DynamoTicketStore } from '#adapters/dynamodb/ticket-store.ts';
import type { Ticket } from '#core/ticket.ts';
import { type SeedTicket, seedTicket as seed } from '#local/seed-tickets.ts';
import type { TestStack } from './local-stack.ts';

let n = 0;

export function seedTicket(stack: TestStack, t: SeedTicket): Promise<Ticket> {
  n++;
  return seed(new DynamoTicketStore(stack.clients.dynamo, stack.provisioned.names.table), n, t);
}
