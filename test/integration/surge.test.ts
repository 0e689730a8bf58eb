/**
 * Surges on the local emulators, through the real handlers wired as `npm start` wires them, on a
 * clock the test moves (mail is delivered as SES received it at a given minute; the scheduled
 * evaluation is invoked by hand): detection, tickets joining an incident, accept and the
 * broadcast into the SES store (exactly one answer per participant), dismiss. The tests run in
 * order on one stack.
 */
import type { Incident } from '#core/surge/model.ts';
import { checkedApiClient } from '../support/agent-api.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { everydayMail, outageMail, PLATFORM, SMALL_SURGE_SETTINGS, sender } from '../support/surge.ts';

const T0 = Date.parse('2024-05-20T01:00:00.000Z');
const MINUTE = 60_000;
const ANSWER = `Gangguan ${PLATFORM} sudah diperbaiki mitra pelatihan. Silakan lanjutkan pelatihan Anda; progres tidak hilang.`;
const sup = { agent: 'sari', queues: [], supervisor: true };

let stack: TestStack;
let clock = T0;
let call: ReturnType<typeof checkedApiClient>;
let incident: Incident;
const outageRefs: string[] = [];

async function deliver(raw: Buffer, source: string, atMs: number): Promise<string> {
  return stack.deliver({ raw, source, at: new Date(atMs) });
}

async function evaluate(atMs: number) {
  clock = atMs;
  return stack.pipeline.evaluateSurges();
}

/** Tickets by the inbound mail that opened them. */
async function ticketsByInbound(): Promise<Map<string, Record<string, unknown>>> {
  return new Map((await stack.items('ticket')).map((t) => [t.openedBy as string, t]));
}

/** `count` participants from `first` report `platform`'s outage over two minutes from `minute`. */
async function outage(first: number, count: number, minute: number, platform = PLATFORM): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = first + i;
    ids.push(await deliver(await outageMail(n, platform), sender(n), T0 + (minute + (2 * i) / count) * MINUTE));
  }
  await stack.drain();
  const tickets = await ticketsByInbound();
  return ids.map((id) => tickets.get(id)?.ref as string);
}

async function evaluateUntilProposed(from: number, to: number): Promise<Incident[]> {
  for (let minute = from; minute < to; minute++) {
    const r = await evaluate(T0 + minute * MINUTE);
    if (r.proposed.length) return r.proposed;
  }
  return [];
}

beforeAll(async () => {
  stack = await startTestStack({
    now: () => new Date(clock),
    surgeSettings: SMALL_SURGE_SETTINGS,
    surgeIncidentsCacheSeconds: 0,
  });
  call = checkedApiClient(stack.pipeline.agentApi);
  // Ten minutes of everyday mail, six participants a minute, evaluated every minute
  let n = 0;
  for (let minute = 0; minute < 10; minute++) {
    for (let k = 0; k < 6; k++) {
      n++;
      await deliver(await everydayMail(n), sender(n), T0 + (minute + k / 6) * MINUTE);
    }
    await stack.drain();
    expect((await evaluate(T0 + (minute + 1) * MINUTE)).proposed).toEqual([]);
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('surges on the emulators', () => {
  it('proposes one incident when 30 participants report a platform nobody named before, covering exactly their tickets', async () => {
    // Act
    outageRefs.push(...(await outage(1000, 30, 10)));
    const proposed = await evaluateUntilProposed(12, 16);

    // Assess
    expect(proposed).toHaveLength(1);
    incident = proposed[0] as Incident;
    const listed = await call<{ items: { id: string; tickets: number; topTerms: string[] }[] }>(
      'GET',
      '/incidents?status=proposed',
      { as: sup },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: incident.id, tickets: 30, topTerms: expect.arrayContaining(['kelasria']) }),
    ]);
    const page = await call<{ items: { ref: string }[] }>('GET', `/incidents/${incident.id}/tickets?limit=100`, {
      as: sup,
    });
    expect(page.body.items.map((t) => t.ref).sort()).toEqual([...outageRefs].sort());
  });

  it('joins a later report to the proposed incident as it is filed, and acknowledges it as usual', async () => {
    // Act
    const [ref] = await outage(1100, 1, 13);
    outageRefs.push(ref as string);

    // Assess
    const detail = await call<{ incident: { tickets: number; participants: number } }>(
      'GET',
      `/incidents/${incident.id}`,
      { as: sup },
    );
    expect(detail.body.incident).toMatchObject({ tickets: 31, participants: 31 });
    const sent = (await stack.sentMail()).filter((m) => m.destination.to[0] === sender(1100));
    expect(sent.map((m) => m.subject)).toEqual([`[${ref}] Pengaduan Anda kami terima`]);
  });

  it('sends the accepted answer exactly once to each of its participants, resolving their tickets, however often accept and the evaluation run', async () => {
    // Act: accept, retry the accept, and let the evaluation run three times
    const body = { reply: ANSWER, afterwards: 'resolve' };
    const accepted = await call('POST', `/incidents/${incident.id}/accept`, { as: sup, body });
    const retried = await call('POST', `/incidents/${incident.id}/accept`, { as: sup, body });
    const runs = [];
    for (let minute = 14; minute < 17; minute++) runs.push((await evaluate(T0 + minute * MINUTE)).answered);
    await stack.drain();

    // Assess
    expect([accepted.status, retried.status]).toEqual([200, 200]);
    expect(runs).toEqual([31, 0, 0]);
    const answers = (await stack.sentMail()).filter((m) => m.body.text?.includes(ANSWER));
    const participants = [...Array(30).keys()].map((i) => sender(1000 + i)).concat(sender(1100));
    expect(answers.map((m) => m.destination.to[0]).sort()).toEqual(participants.sort());
    const tickets = await stack.items('ticket');
    for (const ref of outageRefs) expect(tickets.find((t) => t.ref === ref)?.status).toBe('resolved');
    for (const m of answers) expect(m.subject).toMatch(/^\[PRK-[0-9A-Z]{8}\] Tanggapan atas pengaduan Anda$/);
  });

  it('answers a ticket filed into the accepted incident with its answer instead of an acknowledgement', async () => {
    // Act
    const [ref] = await outage(1200, 1, 17);
    await evaluate(T0 + 18 * MINUTE);
    await stack.drain();

    // Assess
    const sent = (await stack.sentMail()).filter((m) => m.destination.to[0] === sender(1200));
    expect(sent.map((m) => m.subject)).toEqual([`[${ref}] Tanggapan atas pengaduan Anda`]);
    expect(sent[0]?.body.text).toContain(ANSWER);
    const ticket = (await stack.items('ticket')).find((t) => t.ref === ref);
    expect(ticket?.status).toBe('resolved');
  });

  it('sends nothing for a dismissed incident and leaves its tickets on their work lists', async () => {
    // Prepare: another platform goes down
    const refs = await outage(1300, 25, 19, 'Ruangmahir');
    const [other] = await evaluateUntilProposed(21, 25);
    expect(other?.topTerms).toContain('ruangmahir');
    const before = (await stack.sentMail()).length;

    // Act
    const dismissed = await call<{ incident: { status: string } }>('POST', `/incidents/${other?.id}/dismiss`, {
      as: sup,
    });
    await evaluate(T0 + 26 * MINUTE);
    await stack.drain();

    // Assess
    expect(dismissed.body.incident.status).toBe('dismissed');
    expect((await stack.sentMail()).length).toBe(before);
    const tickets = await stack.items('ticket');
    for (const ref of refs) expect(tickets.find((t) => t.ref === ref)?.status).toBe('ready');
    const listed = await call<{ items: { id: string }[] }>('GET', '/incidents?status=dismissed', { as: sup });
    expect(listed.body.items.map((i) => i.id)).toEqual([other?.id]);
  });

  it('refuses agents and decisions that do not fit', async () => {
    const agent = { agent: 'ani', queues: ['training' as const] };
    expect((await call('GET', '/incidents', { as: agent })).status).toBe(403);
    expect((await call('POST', `/incidents/${incident.id}/dismiss`, { as: sup })).status).toBe(409);
  });
});
