/**
 * The agent API routes the console uses beyond claiming and resolving, with the real handler on
 * the emulators (mail delivered as SES does, drained through triage and the mailer): get next
 * over all queues, ask the participant and their answer threading back, a participant's other
 * tickets through the links triage wrote, supervisors' views and search, canned responses.
 */
import type { Ticket } from '#core/ticket.ts';
import { type apiClient, type Caller, checkedApiClient } from '../support/agent-api.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { mime } from '../support/mime.ts';
import { seedTicket } from '../support/seed.ts';

let clock = new Date('2024-03-11T03:00:00.000Z');
let stack: TestStack;
let call: ReturnType<typeof apiClient>;

const sri: Caller = { agent: 'sri', queues: [], supervisor: true };
type TicketBody = { ticket: Ticket & { overdue: boolean } };
type Items<T = Record<string, unknown>> = { items: T[] };

/** An invented participant writing in about their incentive, with card number and phone. */
const WULAN = {
  name: 'Wulan Kusuma',
  address: 'wulan.kusuma@surel.example',
  card: '5522770011334466',
  phone: '+6281324681357',
};

async function complaint(id: string, subject: string, body: string): Promise<Ticket> {
  await stack.deliver({
    raw: await mime({
      from: `${WULAN.name} <${WULAN.address}>`,
      subject,
      messageId: `<${id}@surel.example>`,
      text: [
        body,
        '',
        `Nama: ${WULAN.name}`,
        'Nomor Kartu Prakerja: 5522 7700 1133 4466',
        'No HP: 0813-2468-1357',
      ].join('\n'),
    }),
    source: WULAN.address,
    messageId: id,
    at: clock,
  });
  await stack.drain();
  const found = await call<Items<Ticket>>('GET', `/participants/tickets?email=${WULAN.address}`, { as: sri });
  const t = found.body.items.find((x) => x.createdAt === clock.toISOString());
  if (!t) throw new Error(`complaint ${id} was not filed`);
  return t;
}

beforeAll(async () => {
  stack = await startTestStack({ now: () => clock, leaseSeconds: 900 });
  call = checkedApiClient(stack.pipeline.agentApi);
});
afterAll(async () => stack?.stop());

describe('who is signed in', () => {
  it('answers with the agent and the queues they may work', async () => {
    const r = await call('GET', '/me', { as: { agent: 'ani', queues: ['incentive', 'fraud'] } });
    expect(r).toEqual({ status: 200, body: { agent: 'ani', queues: ['incentive', 'fraud'], supervisor: false } });
    expect(((await call('GET', '/me', { as: sri })).body.queues as string[]).length).toBe(7);
  });
});

describe('get next', () => {
  it('claims over all the agent’s queues: overdue first, then priority, then age; 204 when none is ready', async () => {
    const oldNormal = await seedTicket(stack, { category: 'training', createdAt: '2024-03-01T00:00:00.000Z' });
    const high = await seedTicket(stack, {
      category: 'registration',
      priority: 'high',
      createdAt: '2024-03-09T20:00:00.000Z',
    });
    const late = await seedTicket(stack, {
      category: 'registration',
      priority: 'low',
      createdAt: '2024-03-09T23:00:00.000Z',
      dueAt: '2024-03-11T01:00:00.000Z',
    });
    await stack.pipeline.sweep();
    const agent: Caller = { agent: 'tono', queues: ['training', 'registration'] };
    const order: TicketBody['ticket'][] = [];
    for (;;) {
      const r = await call<TicketBody>('POST', '/work/next', { as: agent });
      if (r.status === 204) break;
      expect(r.status).toBe(200);
      order.push(r.body.ticket);
    }
    expect(order.map((t) => t.ref)).toEqual([late.ref, high.ref, oldNormal.ref]);
    expect(order[0]).toMatchObject({ claimedBy: 'tono', overdue: true, leaseExpiresAt: '2024-03-11T03:15:00.000Z' });
    expect(order[1]?.overdue).toBe(false);
  });
});

describe('asking the participant', () => {
  it('mails the question threaded, the ticket waits; the participant’s answer puts it back on the list', async () => {
    const t = await complaint('wulan-ask', 'insentif belum masuk', 'Insentif bulan ini belum masuk ke rekening saya.');
    const agent: Caller = { agent: 'ani', queues: ['incentive'] };
    let claimed: TicketBody;
    do claimed = (await call<TicketBody>('POST', '/work/next', { as: agent })).body;
    while (claimed.ticket.ref !== t.ref);

    const asked = await call<TicketBody>('POST', `/tickets/${t.ref}/ask`, {
      as: agent,
      body: { message: 'Rekening bank apa yang terdaftar di akun Anda?' },
    });
    expect(asked.status).toBe(200);
    expect(asked.body.ticket).toMatchObject({ status: 'waiting_participant', claimedBy: null, leaseExpiresAt: null });
    await stack.drain();
    const mail = (await stack.sentMail()).find((m) => m.body.text?.includes('Rekening bank apa'));
    expect(mail).toMatchObject({ destination: { to: [WULAN.address] } });
    expect(mail?.subject).toBe(`[${t.ref}] Pertanyaan petugas tentang pengaduan Anda`);
    // Acting on a ticket no longer held is a conflict.
    expect((await call('POST', `/tickets/${t.ref}/ask`, { as: agent, body: { message: 'lagi' } })).status).toBe(409);

    await stack.deliver({
      raw: await mime({
        from: `${WULAN.name} <${WULAN.address}>`,
        subject: `Re: ${mail?.subject}`,
        text: 'Rekening saya di bank pemerintah, atas nama saya sendiri.',
        messageId: '<wulan-answer@surel.example>',
        inReplyTo: mail?.messageId,
      }),
      source: WULAN.address,
      messageId: 'wulan-answer',
      at: new Date(clock.getTime() + 3600_000),
    });
    await stack.drain();
    const back = await call<{ ticket: Ticket; replies: { kind: string; status: string }[] }>(
      'GET',
      `/tickets/${t.ref}`,
      { as: agent },
    );
    expect(back.body.ticket).toMatchObject({ status: 'ready', messageCount: 2 });
    expect(back.body.replies).toContainEqual(expect.objectContaining({ kind: 'agent_ask', status: 'sent' }));
  });

  it('refuses an empty question (400) and another agent’s ticket (409)', async () => {
    const t = await seedTicket(stack, { category: 'account' });
    const acc: Caller = { agent: 'dewi', queues: ['account'] };
    expect((await call<TicketBody>('POST', '/queues/account/claim', { as: acc })).body.ticket.ref).toBe(t.ref);
    const empty = await call('POST', `/tickets/${t.ref}/ask`, { as: acc, body: { message: ' ' } });
    expect(empty).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
    const other = await call('POST', `/tickets/${t.ref}/ask`, {
      as: { agent: 'eko', queues: ['account'] },
      body: { message: 'x' },
    });
    expect(other.status).toBe(409);
  });
});

describe('a participant’s other tickets and search', () => {
  it('finds the participant’s tickets, open and resolved, by card number, phone or email, with one query and one batch read', async () => {
    clock = new Date('2024-03-12T03:00:00.000Z');
    const cert = await complaint('wulan-cert', 'sertifikat belum muncul', 'Sertifikat pelatihan saya belum muncul.');
    const inc = (await call<Items<Ticket>>('GET', `/search?q=${WULAN.address}`, { as: sri })).body.items.find(
      (x) => x.category === 'incentive',
    ) as Ticket;
    // Resolve the incentive ticket: it stays findable.
    const agent: Caller = { agent: 'ani', queues: ['incentive'] };
    let claimed: TicketBody;
    do claimed = (await call<TicketBody>('POST', '/work/next', { as: agent })).body;
    while (claimed.ticket.ref !== inc.ref);
    await call('POST', `/tickets/${inc.ref}/resolve`, { as: agent, body: { reply: 'Sudah kami proses.' } });

    for (const query of ['card=5522-7700-1133-4466', 'phone=%2B62%20813%202468%201357', `email=${WULAN.address}`]) {
      const r = await call<Items>('GET', `/participants/tickets?${query}`, { as: { agent: 'x', queues: [] } });
      expect(r.status).toBe(200);
      expect(r.body.items.map((i) => [i.ref, i.status])).toEqual([
        [cert.ref, 'ready'],
        [inc.ref, 'resolved'],
      ]);
      expect(Object.keys(r.body.items[0] ?? {}).sort()).toEqual(
        ['category', 'claimedBy', 'createdAt', 'dueAt', 'overdue', 'priority', 'ref', 'status', 'updatedAt'].sort(),
      );
    }
    // One Query of the key's partition and one batch read of its tickets: no scan.
    stack.calls.reset();
    await call('GET', `/participants/tickets?email=${WULAN.address}`, { as: sri });
    expect(Object.fromEntries(stack.calls.of('agentApi'))).toEqual({
      'DynamoDB Query': 1,
      'DynamoDB BatchGetItem': 1,
    });
    const search = await call<Items>('GET', `/search?q=${encodeURIComponent('0813 2468 1357')}`, { as: sri });
    expect(search.body.items.map((i) => i.ref)).toEqual([cert.ref, inc.ref]);
    expect((await call<Items>('GET', `/search?q=${cert.ref.toLowerCase()}`, { as: sri })).body.items).toHaveLength(1);
  });

  it('answers 400 for a key that is not one or not exactly one, and for an empty search', async () => {
    for (const url of [
      '/participants/tickets?card=1234',
      '/participants/tickets',
      '/participants/tickets?card=5522770011334466&email=a@b.example',
      '/search',
      '/search?q=insentif',
    ]) {
      const r = await call('GET', url, { as: sri });
      expect({ url, status: r.status, error: r.body.error }).toEqual({ url, status: 400, error: 'BadRequest' });
    }
  });
});

describe('supervisors’ views', () => {
  it('shows supervisors who holds what since when, and the overdue list; agents get 403', async () => {
    const t = await seedTicket(stack, { category: 'fraud', dueAt: '2024-03-12T01:00:00.000Z' });
    await stack.pipeline.sweep();
    const fajar: Caller = { agent: 'fajar', queues: ['fraud'] };
    expect((await call<TicketBody>('POST', '/queues/fraud/claim', { as: fajar })).body.ticket.ref).toBe(t.ref);

    const claims = await call<Items>('GET', '/supervisor/claims', { as: sri });
    expect(claims.body.items).toContainEqual({
      ref: t.ref,
      category: 'fraud',
      claimedBy: 'fajar',
      since: clock.toISOString(),
      leaseExpiresAt: new Date(clock.getTime() + 900_000).toISOString(),
    });
    const overdue = await call<Items>('GET', '/supervisor/overdue', { as: sri });
    expect(overdue.body.items).toContainEqual(
      expect.objectContaining({ ref: t.ref, status: 'claimed', overdue: true, claimedBy: 'fajar' }),
    );
    for (const url of ['/supervisor/claims', '/supervisor/overdue', `/search?q=${t.ref}`])
      expect((await call('GET', url, { as: fajar })).status).toBe(403);
  });
});

describe('canned responses', () => {
  it('are written by supervisors and read by every agent, placeholders kept', async () => {
    const agent: Caller = { agent: 'ani', queues: ['incentive'] };
    const body = {
      title: 'Insentif sedang diproses',
      body: 'Halo {nama}, insentif untuk kartu {kartu} sedang diproses.',
    };
    expect((await call('POST', '/canned-responses', { as: agent, body })).status).toBe(403);
    const made = await call<{ id: string }>('POST', '/canned-responses', { as: sri, body });
    expect(made.status).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), ...body, updatedAt: clock.toISOString(), updatedBy: 'sri' });
    const id = made.body.id;

    const changed = await call('PUT', `/canned-responses/${id}`, { as: sri, body: { ...body, title: 'Insentif' } });
    expect(changed).toMatchObject({ status: 200, body: { id, title: 'Insentif' } });
    const list = await call<Items>('GET', '/canned-responses', { as: agent });
    expect(list.body.items).toEqual([expect.objectContaining({ id, title: 'Insentif', body: body.body })]);

    expect((await call('PUT', `/canned-responses/${id}`, { as: agent, body })).status).toBe(403);
    expect((await call('DELETE', `/canned-responses/${id}`, { as: agent })).status).toBe(403);
    expect((await call('PUT', '/canned-responses/tidak-ada', { as: sri, body })).status).toBe(404);
    expect((await call('POST', '/canned-responses', { as: sri, body: { title: '', body: 'x' } })).status).toBe(400);
    expect((await call('PUT', '/canned-responses/bukan%20id', { as: sri, body })).status).toBe(400);
    expect((await call('DELETE', `/canned-responses/${id}`, { as: sri })).status).toBe(204);
    expect((await call('DELETE', `/canned-responses/${id}`, { as: sri })).status).toBe(404);
    expect((await call<Items>('GET', '/canned-responses', { as: agent })).body.items).toEqual([]);
  });
});
