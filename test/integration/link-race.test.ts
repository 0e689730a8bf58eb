/**
 * Dedupe under concurrency on the emulator: two triage functions filing the same participant's
 * mails at the same moment. The first claims the participant's link and is still writing its
 * ticket when the second finds the link: the second must wait for that ticket and join it, not
 * take the link over (which made two tickets for one participant).
 */
import { awsAdapters, awsClients } from '#adapters/aws.ts';
import type { SdkClient } from '#adapters/clients.ts';
import type { ParticipantKey } from '#core/ticket.ts';
import { type Emulators, startEmulators } from '#local/emulators.ts';
import { localEndpoints } from '#local/pipeline.ts';
import { provision } from '#local/provision.ts';
import { seededTicket } from '#local/seed-tickets.ts';
import { fileTicket } from '../support/file-ticket.ts';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const card: ParticipantKey = { kind: 'card', value: '4471520398812260' };

/** A client whose ticket puts wait until `release` is called (a slow triage function, mid-create). */
function slowTicketPuts() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let linked: () => void = () => undefined;
  const linkClaimed = new Promise<void>((resolve) => {
    linked = resolve;
  });
  const instrument = <C extends SdkClient>(client: C): C => {
    (client.middlewareStack.add as (mw: unknown, o: unknown) => void)(
      (next: (a: { input: { Item?: { PK?: string }; Key?: { PK?: string } } }) => Promise<unknown>) =>
        async (args: { input: { Item?: { PK?: string }; Key?: { PK?: string } } }) => {
          const pk = args.input.Item?.PK ?? args.input.Key?.PK ?? '';
          if (pk.startsWith('TICKET#') && args.input.Item) await released;
          const out = await next(args);
          if (pk.startsWith('PARTICIPANT#')) linked();
          return out;
        },
      { step: 'initialize', name: 'slowTicketPuts' },
    );
    return client;
  };
  return { instrument, release, linkClaimed };
}

/** A client that calls `then` once its first read of a ticket has been answered (not found, while it is being created). */
function afterFirstTicketRead(then: () => void) {
  const reads: string[] = [];
  const instrument = <C extends SdkClient>(client: C): C => {
    (client.middlewareStack.add as (mw: unknown, o: unknown) => void)(
      (next: (a: { input: { Key?: { PK?: string } } }) => Promise<unknown>) =>
        async (args: { input: { Key?: { PK?: string } } }) => {
          const out = await next(args);
          if (args.input.Key?.PK?.startsWith('TICKET#')) {
            reads.push(args.input.Key.PK);
            then();
          }
          return out;
        },
      { step: 'initialize', name: 'afterFirstTicketRead' },
    );
    return client;
  };
  return { instrument, reads };
}

describe('participant links under concurrent creates (emulator)', () => {
  let emulators: Emulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(async () => {
    await emulators.stop();
  });

  it('makes the second of two simultaneous complaints by one participant join the first one’s ticket', async () => {
    const endpoints = localEndpoints(emulators.endpoints);
    const setup = awsClients(endpoints, { credentials: CREDENTIALS });
    const p = await provision(setup);
    const slow = slowTicketPuts();
    const resources = { TABLE_NAME: p.names.table };
    const first = awsAdapters(resources, awsClients(endpoints, { credentials: CREDENTIALS, ...slow })).ticketStore();
    // The first's ticket is written only once the second has looked for it and not found it, so
    // the second always waits (no timer racing the second's wait on a busy machine).
    const looking = afterFirstTicketRead(slow.release);
    const secondClients = awsClients(endpoints, { credentials: CREDENTIALS, instrument: looking.instrument });
    const second = awsAdapters(resources, secondClients).ticketStore();
    const a = seededTicket(1, { category: 'incentive', card: card.value });
    const b = seededTicket(2, { category: 'incentive', card: card.value });

    const creating = fileTicket(first, a, [card]);
    await slow.linkClaimed; // the first function holds the link and is writing its ticket
    const joining = fileTicket(second, b, [card]);
    // Should the second never read the ticket by its key, the first still finishes (the test then
    // fails on its assertions instead of hanging).
    const fallback = setTimeout(slow.release, 10_000);
    const [ra, rb] = await Promise.all([creating, joining]);
    clearTimeout(fallback);

    expect(ra).toEqual({ kind: 'created' });
    expect(rb).toMatchObject({ kind: 'held', ticket: { ref: a.ticket.ref } });
    expect(await second.get(b.ticket.ref)).toBeNull();
    // It looked for the first's ticket, did not find it, waited, and found it.
    expect(looking.reads.filter((pk) => pk.endsWith(a.ticket.ref)).length).toBeGreaterThanOrEqual(2);
    setup.destroy();
    secondClients.destroy();
  });
});
