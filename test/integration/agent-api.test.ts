/**
 * The agent API handler against the real DynamoDB emulator: every endpoint's happy path and error
 * codes, leases and the sweeper, overdue ordering, the reopen rule and the public status check.
 */
import { PurgeQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoTicketStore } from '#adapters/dynamodb/ticket-store.ts';
import type { Ticket } from '#core/ticket.ts';
import { type apiClient, type Caller, checkedApiClient } from '../support/agent-api.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { seedTicket } from '../support/seed.ts';

let clock = new Date('2024-03-11T03:00:00.000Z');
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const ani: Caller = { agent: 'ani', queues: ['incentive', 'certificate'] };
const budi: Caller = { agent: 'budi', queues: ['incentive'] };
const sri: Caller = { agent: 'sri', queues: [], supervisor: true };

beforeAll(async () => {
  stack = await startTestStack({ now: () => clock, leaseSeconds: 900 });
  // Every answer, on every route these tests take: built from the domain, no table bookkeeping in it.
  call = checkedApiClient(stack.pipeline.agentApi);
});
afterAll(async () => stack?.stop());

type TicketBody = { ticket: Ticket };

describe('claiming', () => {
  it('hands out the highest-priority, oldest ready ticket, then 204 when the list is empty', async () => {
    const oldNormal = await seedTicket(stack, {
      category: 'training',
      priority: 'normal',
      createdAt: '2024-03-09T12:00:00.000Z',
    });
    const newHigh = await seedTicket(stack, {
      category: 'training',
      priority: 'high',
      createdAt: '2024-03-11T00:00:00.000Z',
    });
    const oldHigh = await seedTicket(stack, {
      category: 'training',
      priority: 'high',
      createdAt: '2024-03-09T00:00:00.000Z',
    });
    const trainer: Caller = { agent: 'tono', queues: ['training'] };
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call<TicketBody>('POST', '/queues/training/claim', { as: trainer });
      expect(r.status).toBe(200);
      expect(r.body.ticket).toMatchObject({
        status: 'claimed',
        claimedBy: 'tono',
        leaseExpiresAt: '2024-03-11T03:15:00.000Z',
      });
      order.push(r.body.ticket.ref);
    }
    expect(order).toEqual([oldHigh.ref, newHigh.ref, oldNormal.ref]);
    const empty = await call('POST', '/queues/training/claim', { as: trainer });
    expect(empty).toEqual({ status: 204, body: null });
  });

  it('refuses a queue the token does not grant (403) and an unknown category (400)', async () => {
    expect((await call('POST', '/queues/fraud/claim', { as: budi })).status).toBe(403);
    const bad = await call('POST', '/queues/lottery/claim', { as: budi });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'BadRequest' });
  });

  it('answers 401 without a verified caller', async () => {
    const r = await call('GET', '/queues');
    expect(r).toEqual({ status: 401, body: { error: 'Unauthorized', message: 'missing or invalid token' } });
  });

  it('gives each of 200 tickets to exactly one of 50 concurrent agents and loses none', async () => {
    const seeded = new Set<string>();
    for (let i = 0; i < 200; i++)
      seeded.add((await seedTicket(stack, { category: 'general', priority: i % 3 === 0 ? 'high' : 'low' })).ref);
    const agents: Caller[] = Array.from({ length: 50 }, (_, i) => ({ agent: `agent-${i}`, queues: ['general'] }));
    const claims = await Promise.all(
      agents.map(async (a) => {
        const mine: string[] = [];
        for (;;) {
          const r = await call<TicketBody>('POST', '/queues/general/claim', { as: a });
          if (r.status === 204) return mine;
          expect(r.status).toBe(200);
          mine.push(r.body.ticket.ref);
        }
      }),
    );
    const all = claims.flat();
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect(new Set(all)).toEqual(seeded);
  }, 120_000);
});

describe('working a ticket', () => {
  let ref: string;
  let claimed: Ticket;
  beforeEach(async () => {
    await seedTicket(stack, {
      category: 'incentive',
      priority: 'high',
      email: 'peserta@example.com',
      phone: '+6285744103386',
    });
    claimed = (await call<TicketBody>('POST', '/queues/incentive/claim', { as: ani })).body.ticket;
    ref = claimed.ref;
  });

  it('shows the ticket with its messages, replies and notes', async () => {
    await call('POST', `/tickets/${ref}/note`, { as: ani, body: { text: 'sudah cek ke tim pembayaran' } });
    const r = await call<{ ticket: Ticket; messages: unknown[]; notes: { text: string; author: string }[] }>(
      'GET',
      `/tickets/${ref}`,
      { as: ani },
    );
    expect(r.status).toBe(200);
    expect(r.body.ticket.ref).toBe(ref);
    expect(r.body.messages).toHaveLength(1);
    expect(r.body.notes).toEqual([expect.objectContaining({ text: 'sudah cek ke tim pembayaran', author: 'ani' })]);
  });

  it('answers 404 for an unknown ref, 400 for a malformed one, 403 outside the agent’s queues', async () => {
    expect((await call('GET', '/tickets/PRK-ZZZZZZZZ', { as: ani })).status).toBe(404);
    expect((await call('GET', '/tickets/not-a-ref', { as: ani })).body).toMatchObject({ error: 'BadRequest' });
    expect((await call('GET', `/tickets/${ref}`, { as: { agent: 'x', queues: ['fraud'] } })).status).toBe(403);
  });

  it('lets only the lease holder (or a supervisor) extend it: 409 for someone else', async () => {
    clock = new Date(clock.getTime() + 60_000);
    const mine = await call<TicketBody>('POST', `/tickets/${ref}/extend`, { as: ani });
    expect(mine.status).toBe(200);
    expect(mine.body.ticket.leaseExpiresAt).toBe(new Date(clock.getTime() + 900_000).toISOString());
    const theirs = await call('POST', `/tickets/${ref}/extend`, { as: budi });
    expect(theirs).toMatchObject({ status: 409, body: { error: 'Conflict' } });
    expect((await call('POST', `/tickets/${ref}/extend`, { as: sri })).status).toBe(200);
  });

  it('releases it back to ready at the front of its priority', async () => {
    await seedTicket(stack, { category: 'incentive', priority: 'high', createdAt: '2020-01-01T00:00:00.000Z' }); // older, same priority
    const r = await call<TicketBody>('POST', `/tickets/${ref}/release`, { as: ani });
    expect(r.body.ticket).toMatchObject({ status: 'ready', claimedBy: null });
    const next = await call<TicketBody>('POST', '/queues/incentive/claim', { as: budi });
    expect(next.body.ticket.ref).toBe(ref);
  });

  it('resolves it: status resolved and the agent’s reply queued for the mailer, threaded', async () => {
    await stack.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: stack.provisioned.outbound.url }));
    const r = await call<TicketBody>('POST', `/tickets/${ref}/resolve`, {
      as: ani,
      body: { reply: 'Insentif Anda sudah dikirim ulang.' },
    });
    expect(r.status).toBe(200);
    expect(r.body.ticket).toMatchObject({ status: 'resolved', resolvedAt: clock.toISOString() });
    const q = await stack.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.provisioned.outbound.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 0,
      }),
    );
    const jobs = (q.Messages ?? []).map((m) => JSON.parse(m.Body ?? '{}'));
    expect(jobs).toEqual([
      expect.objectContaining({
        kind: 'agent_reply',
        ticketRef: ref,
        to: claimed.replyTo,
        body: 'Insentif Anda sudah dikirim ulang.',
      }),
    ]);
    expect(jobs[0].inReplyTo).toMatch(/^<seed-\d+@mail\.example\.com>$/);
    expect((await call('POST', `/tickets/${ref}/resolve`, { as: ani, body: { reply: 'again' } })).status).toBe(409);
  });

  it('rejects bad bodies with 400 and a message, never 500', async () => {
    for (const [path, body] of [
      ['resolve', { reply: '' }],
      ['resolve', 'not json'],
      ['reassign', { category: 'lottery' }],
      ['note', {}],
    ] as const) {
      const r = await call('POST', `/tickets/${ref}/${path}`, { as: ani, body });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: 'BadRequest', message: expect.any(String) });
    }
  });

  it('reassigns it to another work list', async () => {
    const r = await call<TicketBody>('POST', `/tickets/${ref}/reassign`, {
      as: ani,
      body: { category: 'certificate' },
    });
    expect(r.body.ticket).toMatchObject({ category: 'certificate', status: 'ready', claimedBy: null });
    const next = await call<TicketBody>('POST', '/queues/certificate/claim', { as: ani });
    expect(next.body.ticket.ref).toBe(ref);
  });
});

describe('queues overview, leases and service levels', () => {
  it('counts ready, claimed, waiting and overdue per queue, and the oldest ready age', async () => {
    await seedTicket(stack, { category: 'registration', createdAt: '2024-03-11T02:00:00.000Z' });
    await seedTicket(stack, { category: 'registration', createdAt: '2024-03-11T02:30:00.000Z' });
    await seedTicket(stack, { category: 'registration', status: 'waiting_participant' });
    const reg: Caller = { agent: 'rina', queues: ['registration'] };
    await call('POST', '/queues/registration/claim', { as: reg });
    const r = await call<{ queues: Record<string, unknown>[] }>('GET', '/queues', { as: reg });
    expect(r.body.queues).toEqual([
      expect.objectContaining({
        category: 'registration',
        ready: 1,
        claimed: 1,
        waitingParticipant: 1,
        overdue: 0,
        oldestReadyAt: '2024-03-11T02:30:00.000Z',
        oldestReadyAgeSeconds: (clock.getTime() - Date.parse('2024-03-11T02:30:00.000Z')) / 1000,
      }),
    ]);
    const all = await call<{ queues: unknown[] }>('GET', '/queues', { as: sri });
    expect(all.body.queues).toHaveLength(7);
  });

  it('returns an expired lease to the list through the sweeper, so another agent can take it', async () => {
    const acc: Caller = { agent: 'dewi', queues: ['account'] };
    const t = await seedTicket(stack, { category: 'account' });
    expect((await call<TicketBody>('POST', '/queues/account/claim', { as: acc })).body.ticket.ref).toBe(t.ref);
    clock = new Date(clock.getTime() + 16 * 60_000);
    const swept = await stack.pipeline.sweep();
    expect(swept.leasesExpired).toBeGreaterThanOrEqual(1); // every lease taken in earlier tests ran out too
    const other = await call<TicketBody>('POST', '/queues/account/claim', {
      as: { agent: 'eko', queues: ['account'] },
    });
    expect(other.body.ticket).toMatchObject({ ref: t.ref, claimedBy: 'eko' });
    // the first agent's lease is gone: acting now is a conflict
    expect((await call('POST', `/tickets/${t.ref}/extend`, { as: acc })).status).toBe(409);
  });

  it('marks a ready ticket past its due time overdue and serves it first', async () => {
    const fraudAgent: Caller = { agent: 'fajar', queues: ['fraud'] };
    await seedTicket(stack, { category: 'fraud', priority: 'urgent', createdAt: '2024-03-11T01:00:00.000Z' });
    const late = await seedTicket(stack, {
      category: 'fraud',
      priority: 'normal',
      createdAt: '2024-03-11T01:30:00.000Z',
      dueAt: '2024-03-11T02:00:00.000Z',
    });
    const swept = await stack.pipeline.sweep();
    expect(swept.markedOverdue).toBe(1);
    const q = await call<{ queues: { overdue: number }[] }>('GET', '/queues', { as: fraudAgent });
    expect(q.body.queues[0]?.overdue).toBe(1);
    expect((await call<TicketBody>('POST', '/queues/fraud/claim', { as: fraudAgent })).body.ticket.ref).toBe(late.ref);
  });
});

describe('public status check', () => {
  let t: Ticket;
  beforeAll(async () => {
    t = await seedTicket(stack, { category: 'certificate', email: 'Maya.S@Surel.example', phone: '+6285612340987' });
  });

  it('answers with the status only, when the email or phone matches (any spelling)', async () => {
    for (const contact of ['maya.s@surel.example', '0856-1234-0987', '+62 856 1234 0987']) {
      const r = await call('GET', `/status/${t.ref}?contact=${encodeURIComponent(contact)}`);
      expect(r).toEqual({
        status: 200,
        body: { ref: t.ref, status: 'ready', updatedAt: t.updatedAt },
      });
    }
  });

  it('gives the same 404 for a wrong contact and an unknown ref, so it never reveals a ref exists', async () => {
    const wrong = await call('GET', `/status/${t.ref}?contact=someone@example.com`);
    const unknown = await call('GET', '/status/PRK-ZZZZZZZZ?contact=maya.s@surel.example');
    const garbage = await call('GET', '/status/xyz?contact=maya.s@surel.example');
    expect(wrong.status).toBe(404);
    expect(unknown).toEqual(wrong);
    expect(garbage).toEqual(wrong);
  });

  it('asks for the contact (400) when it is missing', async () => {
    expect((await call('GET', `/status/${t.ref}`)).status).toBe(400);
  });
});

describe('reopen rule', () => {
  it('reopens a resolved ticket when the participant replies within 7 days; later it starts a linked ticket', async () => {
    const { mime } = await import('../support/mime.ts');
    const t = await seedTicket(stack, {
      category: 'incentive',
      priority: 'high',
      email: 'oki@surel.example',
      card: '6203118544712096',
      phone: '+6285744103386',
    });
    const agent: Caller = { agent: 'ani2', queues: ['incentive'] };
    let got: TicketBody;
    do got = (await call<TicketBody>('POST', '/queues/incentive/claim', { as: agent })).body;
    while (got.ticket.ref !== t.ref);
    await call('POST', `/tickets/${t.ref}/resolve`, { as: agent, body: { reply: 'Sudah kami proses.' } });

    const reply = (id: string) =>
      mime({
        from: 'Oki <oki@surel.example>',
        subject: `Re: [${t.ref}] Tanggapan atas pengaduan Anda`,
        text: 'insentif masih belum masuk min',
        messageId: `<${id}@mail.example.com>`,
      });
    await stack.deliver({
      raw: await reply('soon'),
      source: 'oki@surel.example',
      messageId: 'reopen-soon',
      at: new Date(clock.getTime() + 3 * 86400_000),
    });
    await stack.drain();
    const reopened = await call<{ ticket: Ticket }>('GET', `/tickets/${t.ref}`, { as: agent });
    expect(reopened.body.ticket).toMatchObject({ status: 'ready', messageCount: 2 });

    // resolve again, then answer 8 days later: a new ticket, linked to the old one
    do got = (await call<TicketBody>('POST', '/queues/incentive/claim', { as: agent })).body;
    while (got.ticket.ref !== t.ref);
    await call('POST', `/tickets/${t.ref}/resolve`, { as: agent, body: { reply: 'Sudah kami proses lagi.' } });
    await stack.deliver({
      raw: await reply('late'),
      source: 'oki@surel.example',
      messageId: 'reopen-late',
      at: new Date(clock.getTime() + 8 * 86400_000),
    });
    await stack.drain();
    const tickets = await stack.items('ticket');
    const linked = tickets.find((x) => x.linkedTo === t.ref);
    expect(linked).toMatchObject({ status: 'ready', category: 'incentive', openedBy: 'reopen-late' });
    expect(tickets.find((x) => x.ref === t.ref)?.status).toBe('resolved');
  });
});

describe('tickets waiting for the participant', () => {
  it('reminds once, then closes on DynamoDB: off the waiting list and count, links freed, both mails queued', async () => {
    // Prepare: waiting since Wednesday 20 March 2024, 09:00 WIB
    const agent: Caller = { agent: 'wening', queues: ['training'] };
    const t = await seedTicket(stack, {
      category: 'training',
      status: 'waiting_participant',
      createdAt: '2024-03-20T02:00:00.000Z',
    });
    const waitingCount = async () =>
      (await call<{ queues: { waitingParticipant: number }[] }>('GET', '/queues', { as: agent })).body.queues[0]
        ?.waitingParticipant;
    const before = await waitingCount();
    await stack.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: stack.provisioned.outbound.url }));

    // Act: 3 service days later (Saturday 09:00 WIB), then 7 more
    clock = new Date('2024-03-23T02:00:00.000Z');
    const reminded = await stack.pipeline.sweep();
    const afterReminder = (await call<TicketBody>('GET', `/tickets/${t.ref}`, { as: agent })).body.ticket;
    clock = new Date('2024-03-30T02:00:00.000Z');
    const closed = await stack.pipeline.sweep();

    // Assess
    expect(reminded.waitingReminded).toBeGreaterThanOrEqual(1);
    expect(afterReminder).toMatchObject({ status: 'waiting_participant', remindedAt: '2024-03-23T02:00:00.000Z' });
    expect(closed.closedUnanswered).toBeGreaterThanOrEqual(1);
    const item = (await stack.items('ticket')).find((x) => x.ref === t.ref);
    expect(item?.status).toBe('closed');
    expect(item?.outbox ?? []).toEqual([]); // both mails confirmed on the outbound queue
    const queued = new Map<string, { kind: string; ticketRef: string }>();
    for (let i = 0; i < 3; i++) {
      const q = await stack.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.provisioned.outbound.url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 30,
        }),
      );
      for (const m of q.Messages ?? []) queued.set(m.MessageId ?? '', JSON.parse(m.Body ?? '{}'));
    }
    expect(
      [...queued.values()]
        .filter((j) => j.ticketRef === t.ref)
        .map((j) => j.kind)
        .sort(),
    ).toEqual(['closed_unanswered', 'waiting_reminder']);
    expect(item?.gsi2pk).toBeUndefined();
    expect(await waitingCount()).toBe((before ?? 0) - 1);
    const store = new DynamoTicketStore(stack.clients.dynamo, stack.provisioned.names.table);
    expect(await store.openTickets([{ kind: 'email', value: t.fields.email ?? '' }], ['training'])).toEqual([]);
  });
});
