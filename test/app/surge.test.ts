/**
 * Surges through the use cases on adapters in memory: triage shows the detector every new ticket,
 * the evaluation proposes and broadcasts, supervisors decide at the incident desk. The contract
 * suite holds the DynamoDB store to the same behaviour; test/integration runs it on the emulators.
 */
import { AppError } from '#app/errors.ts';
import { incidentJobId } from '#app/surge.ts';
import { finishBatch } from '#app/triage.ts';
import type { Incident } from '#core/surge/model.ts';
import type { ReplyJob } from '#ports';
import { mime } from '../support/mime.ts';
import { outageMail, PLATFORM, participant, sender } from '../support/surge.ts';
import { MINUTE, SUPERVISOR, surgeWorld, T0 } from '../support/surge-world.ts';

const ANSWER = `Layanan ${PLATFORM} sedang dipulihkan oleh mitra. Pelatihan Anda tidak hangus; silakan coba lagi besok pagi.`;
const jobsOf = (w: ReturnType<typeof surgeWorld>, ids: Set<string>) =>
  w.memory.queue.jobs.filter((j: ReplyJob) => ids.has(j.jobId));

async function proposed(w: ReturnType<typeof surgeWorld>) {
  const { proposed: incidents, reports } = await w.proposeOutage();
  expect(incidents).toHaveLength(1);
  return { incident: incidents[0] as Incident, reports, refs: reports.map((r) => r.ticket?.ref as string) };
}

describe('surge detection through triage', () => {
  it('proposes one incident covering exactly the outage tickets, with their participants counted once each', async () => {
    // Prepare, Act: ten minutes of everyday mail, then 30 participants report the outage
    const w = surgeWorld();
    const { incident, refs } = await proposed(w);

    // Assess
    expect(incident).toMatchObject({ status: 'proposed', category: 'training', tickets: 30, participants: 30 });
    expect(incident.topTerms[0]).toBe(PLATFORM.toLowerCase());
    expect((await w.store.members(incident.id)).map((m) => m.ref).sort()).toEqual([...refs].sort());
    expect(Date.parse(incident.proposedAt) - (T0 + 10 * MINUTE)).toBeLessThanOrEqual(5 * MINUTE);
  });

  it('shows supervisors the incident with masked examples and its count over time, and lists it as proposed', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident } = await proposed(w);

    // Act
    const list = await w.desk.list(SUPERVISOR, 'proposed');
    const detail = await w.desk.detail(SUPERVISOR, incident.id);

    // Assess
    expect(list.map((i) => i.id)).toEqual([incident.id]);
    expect(await w.desk.list(SUPERVISOR, 'accepted')).toEqual([]);
    expect(detail.timeline.reduce((n, b) => n + b.tickets, 0)).toBe(30);
    expect(detail.timeline.map((b) => b.at)).toEqual([...detail.timeline.map((b) => b.at)].sort());
    expect(detail.examples.length).toBeGreaterThan(0);
    for (const e of detail.examples) {
      expect(e.excerpt.toLowerCase()).toContain(PLATFORM.toLowerCase());
      // Card numbers and phones never in clear
      expect(e.excerpt).not.toMatch(/\d{6,}/);
    }
  });

  it('keeps the detector’s failure away from the mail: the ticket is filed and acknowledged, the failure noted', async () => {
    // Prepare: a store whose open incidents cannot be read
    const w = surgeWorld();
    w.store.liveIncidents = async () => {
      throw new Error('throttled');
    };

    // Act
    const r = await w.receive(await outageMail(7), { atMs: T0, source: sender(7) });

    // Assess
    expect(r).toMatchObject({
      outcome: 'created',
      reply: 'acknowledge',
      surge: { kind: 'failed', error: 'Error: throttled' },
    });
    expect(r.job?.kind).toBe('acknowledge');
    expect(w.memory.state.tickets.size).toBe(1);
  });

  it('stores a new ticket’s observation with its batch, and has the mail retried when that write fails, storing it then', async () => {
    // Prepare: the batch write fails once
    const w = surgeWorld();
    const recordNew = w.store.recordNew.bind(w.store);
    w.store.recordNew = async () => {
      throw new Error('throttled');
    };
    const mail = await outageMail(9);
    const observed = () =>
      w.store.observations(new Date(T0 - MINUTE).toISOString(), new Date(T0 + MINUTE).toISOString());

    // Act: the batch is finished; then SQS delivers the mail again
    const first = await w.triageOnly(mail, { atMs: T0, source: sender(9), id: 'ses-batch-1' });
    const retry = await finishBatch([first], w.triage);
    const storedAfterFailure = await observed();
    w.store.recordNew = recordNew;
    const again = await w.receive(mail, { atMs: T0, source: sender(9), id: 'ses-batch-1' });

    // Assess: the reply was queued the first time; the retry files nothing new and stores the observation
    expect(first.unstoredObservation?.ref).toBe(first.ticket?.ref);
    expect(retry).toEqual(new Set(['ses-batch-1']));
    expect(storedAfterFailure).toEqual([]);
    expect(again).toMatchObject({ outcome: 'created', ticket: { ref: first.ticket?.ref }, unstoredObservation: null });
    expect((await observed()).map((o) => o.ref)).toEqual([first.ticket?.ref]);
    expect(w.memory.state.tickets.size).toBe(1);
  });

  it('does not show mail SES flagged as spam to the detector', async () => {
    // Prepare
    const w = surgeWorld();

    // Act
    const r = await w.receive(await outageMail(8), { atMs: T0, source: sender(8), verdicts: { spam: 'FAIL' } });

    // Assess
    expect(r.outcome).toBe('created');
    expect(r.surge).toBeNull();
    expect(
      await w.store.observations(new Date(T0 - MINUTE).toISOString(), new Date(T0 + MINUTE).toISOString()),
    ).toEqual([]);
  });
});

describe('one answer for all', () => {
  it('answers every open member ticket once after acceptance, resolving each, even over interrupted runs', async () => {
    // Prepare: a broadcast of 7 tickets a run, and one member an agent resolved before acceptance
    const w = surgeWorld(undefined, 7);
    const { incident, refs } = await proposed(w);
    const [handled, ...open] = refs as [string, ...string[]];
    const t = await w.memory.work.get(handled);
    await w.memory.work.transition(t as NonNullable<typeof t>, {
      status: 'resolved',
      resolvedAt: 'x',
      updatedAt: 'x',
    });
    const ids = new Set(refs.map((ref) => incidentJobId(incident.id, ref)));

    // Act
    const accepted = await w.desk.accept(SUPERVISOR, incident.id, { reply: ANSWER, afterwards: 'resolve' });
    const runs: number[] = [];
    for (let minute = 16; minute < 24; minute++) runs.push((await w.evaluate(T0 + minute * MINUTE)).answered);

    // Assess: 30 answered over five runs; one reply per open ticket, threaded, none to the resolved one
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: 'sari', answer: { afterwards: 'resolve' } });
    expect(runs).toEqual([7, 7, 7, 7, 2, 0, 0, 0]);
    const jobs = jobsOf(w, ids);
    expect(jobs.map((j) => j.ticketRef).sort()).toEqual([...open].sort());
    expect(new Set(jobs.map((j) => j.jobId)).size).toBe(jobs.length);
    for (const j of jobs) {
      expect(j).toMatchObject({ kind: 'agent_reply', body: ANSWER });
      expect(j.inReplyTo).toMatch(/^<gangguan-\d+@surel\.example>$/);
    }
    for (const ref of open) expect((await w.memory.work.get(ref))?.status).toBe('resolved');
    // The participant links are free: their next complaint opens a new ticket
    const again = await w.receive(await outageMail(1003), { atMs: T0 + 30 * MINUTE, source: sender(1003) });
    expect(again.outcome).toBe('created');
  });

  it('answers a member only at an address SES takes, in the form it takes, and settles the others unanswered', async () => {
    // Prepare: one member wrote from an IP-literal address, one from an internationalised domain
    const w = surgeWorld();
    const { incident, refs } = await proposed(w);
    const [literal, idn] = refs as [string, string];
    const setReplyTo = (ref: string, address: string) => {
      const row = w.memory.state.tickets.get(ref);
      if (row) row.ticket = { ...row.ticket, replyTo: address };
    };
    setReplyTo(literal, 'warga@[192.0.2.44]');
    setReplyTo(idn, 'warga@dapur-büro.example');

    // Act
    await w.desk.accept(SUPERVISOR, incident.id, { reply: ANSWER, afterwards: 'resolve' });
    await w.evaluate(T0 + 16 * MINUTE);

    // Assess
    const jobs = jobsOf(w, new Set(refs.map((ref) => incidentJobId(incident.id, ref))));
    expect(jobs.map((j) => j.ticketRef)).not.toContain(literal);
    expect(jobs.find((j) => j.ticketRef === idn)?.to).toBe('warga@xn--dapur-bro-w9a.example');
    expect(jobs).toHaveLength(refs.length - 1);
    expect((await w.memory.work.get(literal))?.status).toBe('resolved');
  });

  it('sends nothing twice when accept is retried and the broadcast is run again', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident, refs } = await proposed(w);
    const answer = { reply: ANSWER, afterwards: 'resolve' } as const;
    await w.desk.accept(SUPERVISOR, incident.id, answer);
    await w.evaluate(T0 + 16 * MINUTE);

    // Act
    await w.desk.accept(SUPERVISOR, incident.id, answer);
    await w.evaluate(T0 + 17 * MINUTE);

    // Assess
    const jobs = jobsOf(w, new Set(refs.map((ref) => incidentJobId(incident.id, ref))));
    expect(jobs).toHaveLength(30);
  });

  it('leaves member tickets unanswered while the reply queue refuses their replies, and answers them in the next run', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident, refs } = await proposed(w);
    await w.desk.accept(SUPERVISOR, incident.id, { reply: ANSWER, afterwards: 'resolve' });
    const enqueue = w.memory.queue.enqueue.bind(w.memory.queue);
    w.memory.queue.enqueue = async (jobs) => jobs.map((j) => j.jobId);

    // Act
    const refused = await w.evaluate(T0 + 16 * MINUTE);
    const untouched = await w.memory.work.get(refs[0] as string);
    w.memory.queue.enqueue = enqueue;
    const next = await w.evaluate(T0 + 17 * MINUTE);

    // Assess
    expect(refused.answered).toBe(0);
    expect(untouched?.status).toBe('ready');
    expect(next.answered).toBe(30);
    expect(jobsOf(w, new Set(refs.map((ref) => incidentJobId(incident.id, ref))))).toHaveLength(30);
  });

  it('answers a later ticket of the accepted incident itself, instead of acknowledging it, and lets it wait', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident } = await proposed(w);
    await w.desk.accept(SUPERVISOR, incident.id, { reply: ANSWER, afterwards: 'wait' });
    await w.evaluate(T0 + 16 * MINUTE);

    // Act
    const r = await w.receive(await outageMail(2001), { atMs: T0 + 17 * MINUTE, source: sender(2001) });
    const again = await w.receive(await outageMail(2001), {
      id: r.inboundId,
      atMs: T0 + 17 * MINUTE,
      source: sender(2001),
    });
    await w.evaluate(T0 + 18 * MINUTE);

    // Assess: the incident's answer, threaded, under the one job id; waiting for the participant
    const ref = r.ticket?.ref as string;
    expect(r).toMatchObject({
      outcome: 'created',
      reply: 'incident_reply',
      surge: { kind: 'observed', incidentId: incident.id, status: 'accepted', answered: true },
    });
    expect(r.job).toEqual({
      jobId: incidentJobId(incident.id, ref),
      kind: 'incident_reply',
      ticketRef: ref,
      to: participant(2001).address,
      category: r.ticket?.category,
      missing: [],
      inReplyTo: '<gangguan-2001@surel.example>',
      references: ['<gangguan-2001@surel.example>'],
      body: ANSWER,
    });
    expect(again.job?.jobId).toBe(r.job?.jobId);
    expect((await w.memory.work.get(ref))?.status).toBe('waiting_participant');
    expect(w.memory.queue.jobs.filter((j) => j.ticketRef === ref).map((j) => j.jobId)).toEqual([
      r.job?.jobId,
      r.job?.jobId,
    ]);
    expect((await w.store.ticketPage(incident.id, 100, null)).tickets.find((t) => t.ref === ref)?.answeredAt).toBe(
      new Date(T0 + 17 * MINUTE).toISOString(),
    );
  });

  it('acknowledges tickets as usual once the incident is closed, and an unrelated ticket throughout', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident } = await proposed(w);
    await w.desk.accept(SUPERVISOR, incident.id, { reply: ANSWER, afterwards: 'resolve' });
    const unrelated = await w.receive(
      await mime({
        from: `Peserta Lain <${participant(3000).address}>`,
        subject: 'sertifikat belum ada',
        text: `sertifikat saya belum ada di akun\nNo kartu prakerja: ${participant(3000).card}\nNo HP: ${participant(3000).phone}`,
      }),
      { atMs: T0 + 16 * MINUTE, source: participant(3000).address },
    );

    // Act
    const closed = await w.desk.close(SUPERVISOR, incident.id);
    const after = await w.receive(await outageMail(2002), { atMs: T0 + 17 * MINUTE, source: sender(2002) });

    // Assess
    expect(unrelated).toMatchObject({ reply: 'acknowledge', surge: { incidentId: null } });
    expect(closed.status).toBe('closed');
    expect(after).toMatchObject({ reply: 'acknowledge', surge: { incidentId: null } });
  });

  it('sends nothing for a dismissed incident, and acknowledges its later tickets as usual', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident } = await proposed(w);

    // Act
    const dismissed = await w.desk.dismiss(SUPERVISOR, incident.id);
    const run = await w.evaluate(T0 + 16 * MINUTE);
    const later = await w.receive(await outageMail(2003), { atMs: T0 + 17 * MINUTE, source: sender(2003) });

    // Assess
    expect(dismissed).toMatchObject({ status: 'dismissed', decidedBy: 'sari' });
    expect(run).toMatchObject({ answered: 0, proposed: [] });
    expect(later).toMatchObject({ reply: 'acknowledge', surge: { incidentId: null } });
    expect(w.memory.queue.jobs.some((j) => j.jobId.startsWith(incident.id))).toBe(false);
  });
});

describe('the incident desk refuses', () => {
  const refused = (kind: AppError['kind']) => expect.objectContaining({ name: 'AppError', kind });

  it('agents who are not supervisors', async () => {
    const w = surgeWorld();
    const agent = { id: 'ani', queues: ['training' as const], supervisor: false };
    await expect(w.desk.list(agent, null)).rejects.toEqual(refused('Forbidden'));
    await expect(w.desk.accept(agent, 'SRG-1', { reply: 'x', afterwards: 'resolve' })).rejects.toEqual(
      refused('Forbidden'),
    );
  });

  it('unknown incidents, unknown statuses, blank answers and decisions that do not fit', async () => {
    // Prepare
    const w = surgeWorld();
    const { incident } = await proposed(w);

    // Act, Assess
    await expect(w.desk.detail(SUPERVISOR, 'SRG-NONE')).rejects.toEqual(refused('NotFound'));
    await expect(w.desk.dismiss(SUPERVISOR, 'SRG-NONE')).rejects.toEqual(refused('NotFound'));
    await expect(w.desk.list(SUPERVISOR, 'pending')).rejects.toEqual(refused('InvalidInput'));
    await expect(w.desk.tickets(SUPERVISOR, incident.id, 0, null)).rejects.toEqual(refused('InvalidInput'));
    await expect(w.desk.accept(SUPERVISOR, incident.id, { reply: '  ', afterwards: 'resolve' })).rejects.toEqual(
      refused('InvalidInput'),
    );
    await expect(w.desk.close(SUPERVISOR, incident.id)).rejects.toEqual(refused('Conflict'));
    await w.desk.accept(SUPERVISOR, incident.id, { reply: ANSWER, afterwards: 'resolve' });
    await expect(w.desk.accept(SUPERVISOR, incident.id, { reply: 'lain', afterwards: 'resolve' })).rejects.toEqual(
      refused('Conflict'),
    );
    await expect(w.desk.dismiss(SUPERVISOR, incident.id)).rejects.toBeInstanceOf(AppError);
  });
});
