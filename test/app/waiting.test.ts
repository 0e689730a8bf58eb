/**
 * Tickets waiting for the participant, on adapters in memory: one reminder after 3 service days
 * without an answer, closed 7 service days after it (links freed, the participant told how to go
 * on); any mail of the participant's stops the clock; an agent's question starts it.
 */
import { type Agent, AgentApi } from '#app/agent-api.ts';
import { sweep } from '#app/sweeper.ts';
import type { Ticket } from '#core/ticket.ts';
import { buildAgentApiDeps, buildSweeperDeps } from '#lambdas/wiring.ts';
import type { ReplyJob } from '#ports';
import { AGENT_API_CONFIG, SWEEPER_CONFIG } from '../support/configs.ts';
import { memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const PARTICIPANT = 'wulan.pratiwi@kotakmasuk.example';
const CARD = '5318 2046 7719 3052';
const PHONE = '0813-7702-4519';
/** Monday 09:30 WIB: the participant's first mail. */
const OPENED = '2024-05-20T02:30:00.000Z';
/** 36 service hours (3 service days of 08:00-20:00 WIB) later: Thursday 09:30 WIB. */
const REMIND_AT = '2024-05-23T02:30:00.000Z';
/** 84 service hours (7 service days) after the reminder: the next Thursday 09:30 WIB. */
const CLOSE_AT = '2024-05-30T02:30:00.000Z';

let pipeline: ReturnType<typeof memoryTriage>;
let seq = 0;
beforeEach(() => {
  pipeline = memoryTriage();
});

const justBefore = (iso: string) => new Date(Date.parse(iso) - 60_000).toISOString();
const runSweep = (at: string) => sweep(buildSweeperDeps(SWEEPER_CONFIG, pipeline.memory, () => new Date(at)));
const jobs = (kind: ReplyJob['kind']) => pipeline.memory.queue.jobs.filter((j) => j.kind === kind);
const ticket = async (ref: string) => pipeline.memory.work.get(ref);

async function mail(text: string, at: string, over: Parameters<typeof mime>[0] = {}, receipt = {}) {
  return pipeline.receive(
    await mime({ from: `Wulan <${PARTICIPANT}>`, subject: 'insentif belum masuk', text, ...over }),
    { id: `mail-${++seq}`, at, source: PARTICIPANT, ...receipt },
  );
}

/** The participant's incentive complaint, without the phone number: it waits for them. */
async function waitingTicket(): Promise<Ticket> {
  const r = await mail(`insentif saya belum masuk\nNo kartu: ${CARD}`, OPENED, {
    messageId: '<keluhan-wulan@kotakmasuk.example>',
  });
  expect(r.ticket).toMatchObject({ status: 'waiting_participant', missing: ['phone'], waitingSince: OPENED });
  return r.ticket as Ticket;
}

describe('a ticket waiting for the participant', () => {
  it('is reminded once, 3 service days into the wait, for exactly what is missing and when it will close', async () => {
    // Prepare
    const t = await waitingTicket();

    // Act
    const early = await runSweep(justBefore(REMIND_AT));
    const due = await runSweep(REMIND_AT);
    const again = await runSweep(new Date(Date.parse(REMIND_AT) + 3600_000).toISOString());

    // Assess
    expect([early.waitingReminded, due.waitingReminded, again.waitingReminded]).toEqual([0, 1, 0]);
    expect(jobs('waiting_reminder')).toEqual([
      {
        jobId: `${t.ref}:waiting_reminder:1`,
        kind: 'waiting_reminder',
        ticketRef: t.ref,
        to: PARTICIPANT,
        category: 'incentive',
        missing: ['phone'],
        inReplyTo: '<keluhan-wulan@kotakmasuk.example>',
        references: ['<keluhan-wulan@kotakmasuk.example>'],
        closesAt: CLOSE_AT,
      },
    ]);
    expect(await ticket(t.ref)).toMatchObject({ status: 'waiting_participant', remindedAt: REMIND_AT, outbox: [] });
  });

  it('is closed 7 service days after the reminder: off the waiting count, its links freed, the participant told', async () => {
    // Prepare
    const t = await waitingTicket();
    await runSweep(REMIND_AT);

    // Act
    const early = await runSweep(justBefore(CLOSE_AT));
    const due = await runSweep(CLOSE_AT);

    // Assess
    expect([early.closedUnanswered, due.closedUnanswered]).toEqual([0, 1]);
    expect(await ticket(t.ref)).toMatchObject({ status: 'closed', updatedAt: CLOSE_AT, outbox: [] });
    expect(jobs('closed_unanswered')).toEqual([
      expect.objectContaining({
        jobId: `${t.ref}:closed_unanswered:2`,
        to: PARTICIPANT,
        missing: ['phone'],
        inReplyTo: '<keluhan-wulan@kotakmasuk.example>',
      }),
    ]);
    expect((await pipeline.memory.work.stats('incentive')).waitingParticipant).toBe(0);
    // The card's link was freed: a new complaint with it opens a ticket of its own.
    const fresh = await mail(`insentif bulan lalu juga belum masuk\nNo kartu: ${CARD}`, '2024-06-03T03:00:00.000Z');
    expect(fresh.outcome).toBe('created');
    expect(fresh.ticket?.ref).not.toBe(t.ref);
  });

  it('is continued, as a closed ticket is today, when the participant answers the closing mail', async () => {
    // Prepare
    const t = await waitingTicket();
    await runSweep(REMIND_AT);
    await runSweep(CLOSE_AT);

    // Act
    const answer = await mail(`ini nomor HP saya ${PHONE}`, '2024-05-31T03:00:00.000Z', {
      subject: `Re: [${t.ref}] Tiket pengaduan Anda kami tutup`,
    });

    // Assess: a new ticket continuing the closed one, complete with what the participant sent before
    expect(answer.outcome).toBe('created');
    expect(answer.ticket).toMatchObject({ linkedTo: t.ref, status: 'ready', missing: [], waitingSince: null });
    expect(await ticket(t.ref)).toMatchObject({ status: 'closed' });
  });

  it('is continued, not reopened, when the sweeper closes it between the routing of an answer and its join', async () => {
    // Prepare: the answer is routed to the waiting ticket; the sweeper closes it just before the join
    const t = await waitingTicket();
    await runSweep(REMIND_AT);
    const tickets = pipeline.memory.tickets;
    const append = tickets.append.bind(tickets);
    let raced = false;
    tickets.append = async (...args) => {
      if (!raced) {
        raced = true;
        await runSweep(CLOSE_AT);
      }
      return append(...args);
    };

    // Act
    const answer = await mail(`ini nomor HP saya ${PHONE}`, justBefore(CLOSE_AT), {
      subject: `Re: [${t.ref}] Pengingat: data pengaduan Anda`,
    });

    // Assess: the closed ticket stays closed with its one message; a new ticket continues it
    expect(raced).toBe(true);
    expect(await ticket(t.ref)).toMatchObject({ status: 'closed', messageCount: 1 });
    expect(answer.outcome).toBe('created');
    expect(answer.ticket).toMatchObject({ linkedTo: t.ref, status: 'ready', missing: [] });
  });

  it('starts its wait afresh on any mail of the participant’s, and leaves the clock once complete', async () => {
    // Prepare
    const t = await waitingTicket();

    // Act: a follow-up a day in, still without the phone number; later one with it
    const followUp = await mail('apakah sudah diproses?', '2024-05-21T03:00:00.000Z', {
      subject: `Re: [${t.ref}] Mohon lengkapi data pengaduan Anda`,
    });
    const atFirstDue = await runSweep(REMIND_AT);
    await mail(`No HP: ${PHONE}`, '2024-05-23T03:00:00.000Z', { subject: `Re: [${t.ref}] Mohon lengkapi data` });
    const muchLater = await runSweep('2024-07-01T03:00:00.000Z');

    // Assess
    expect(followUp.ticket).toMatchObject({ status: 'waiting_participant', waitingSince: '2024-05-21T03:00:00.000Z' });
    expect(atFirstDue.waitingReminded).toBe(0);
    expect(muchLater).toMatchObject({ waitingReminded: 0, closedUnanswered: 0 });
    expect(await ticket(t.ref)).toMatchObject({ status: 'ready', waitingSince: null, remindedAt: null });
    expect(jobs('waiting_reminder')).toEqual([]);
  });

  it('is not closed when the participant answers after the reminder: the answer starts a new wait', async () => {
    // Prepare
    const t = await waitingTicket();
    await runSweep(REMIND_AT);

    // Act: an answer that still lacks the number
    await mail('maaf, nomor HP saya sedang hilang', '2024-05-24T03:00:00.000Z', {
      subject: `Re: [${t.ref}] Pengingat: kami masih menunggu balasan Anda`,
    });
    const atClose = await runSweep(CLOSE_AT);

    // Assess: waiting from the answer, whose own 3 service days are over by then: reminded anew
    expect(atClose).toMatchObject({ closedUnanswered: 0, waitingReminded: 1 });
    expect(await ticket(t.ref)).toMatchObject({
      status: 'waiting_participant',
      waitingSince: '2024-05-24T03:00:00.000Z',
      remindedAt: CLOSE_AT,
    });
    expect(jobs('waiting_reminder').map((j) => j.closesAt)).toEqual([CLOSE_AT, '2024-06-06T02:30:00.000Z']);
  });

  it('waits from an agent’s question too, reminding of the question without repeating it', async () => {
    // Prepare: a complete complaint an agent asks about on Monday 10:00 WIB
    const api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, pipeline.memory, () => new Date(ASKED)));
    const agent: Agent = { id: 'dewi', queues: ['incentive'], supervisor: false };
    const r = await mail(`insentif saya belum masuk\nNo kartu: ${CARD}\nNo HP: ${PHONE}`, OPENED);
    await api.claim(agent, 'incentive');

    // Act
    const asked = await api.ask(agent, r.ticket?.ref ?? '', 'Mohon kirim tangkapan layar dashboard Anda.');
    const early = await runSweep(justBefore(ASKED_REMIND_AT));
    const due = await runSweep(ASKED_REMIND_AT);

    // Assess
    expect(asked).toMatchObject({ status: 'waiting_participant', waitingSince: ASKED, remindedAt: null });
    expect([early.waitingReminded, due.waitingReminded]).toEqual([0, 1]);
    expect(jobs('waiting_reminder')).toEqual([expect.objectContaining({ missing: [], to: PARTICIPANT })]);
    expect(jobs('waiting_reminder')[0]?.body).toBeUndefined();
  });

  it('is reminded and closed on time without any mail to a sender who was not verified', async () => {
    // Prepare: an unverified sender's complaint goes to an agent, who asks them something
    const api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, pipeline.memory, () => new Date(ASKED)));
    const agent: Agent = { id: 'dewi', queues: ['incentive'], supervisor: false };
    const r = await mail(
      `insentif saya belum masuk\nNo kartu: ${CARD}`,
      OPENED,
      {},
      {
        verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
      },
    );
    expect(r.ticket).toMatchObject({ senderVerified: false, status: 'ready' });
    await api.claim(agent, 'incentive');
    await api.ask(agent, r.ticket?.ref ?? '', 'Mohon konfirmasi alamat email Anda.');
    const mailsBefore = pipeline.memory.queue.jobs.length;

    // Act
    const reminded = await runSweep(ASKED_REMIND_AT);
    const closed = await runSweep('2024-06-10T03:00:00.000Z');

    // Assess
    expect(reminded.waitingReminded).toBe(1);
    expect(closed.closedUnanswered).toBe(1);
    expect(await ticket(r.ticket?.ref ?? '')).toMatchObject({ status: 'closed' });
    expect(pipeline.memory.queue.jobs).toHaveLength(mailsBefore);
  });
});

/** Monday 10:00 WIB, and 3 service days later. */
const ASKED = '2024-05-20T03:00:00.000Z';
const ASKED_REMIND_AT = '2024-05-23T03:00:00.000Z';
