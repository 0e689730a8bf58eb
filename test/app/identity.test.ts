/**
 * Finding 3 (issue 11): a mail joins a ticket, and fills its fields, only when its verified sender
 * is one of the ticket's participants. Anyone else gets a ticket of their own, learns nothing of
 * the other one, and the two are linked for the agents as probable duplicates (held: not worked
 * twice). Triage, the agent API and the sweeper on adapters in memory.
 */
import { AgentApi } from '#app/agent-api.ts';
import { sweep } from '#app/sweeper.ts';
import { CATEGORY_LABELS } from '#core/templates.ts';
import { buildAgentApiDeps, buildSweeperDeps } from '#lambdas/wiring.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { AGENT_API_CONFIG, SWEEPER_CONFIG } from '../support/configs.ts';
import { memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const PARTICIPANT = { name: 'Sekar Ayuningtyas', address: 'sekar.ayu@surel.example' };
const CARD = '6203 1185 4471 2096';
const PHONE = '0857-4410-3386';

let pipeline: ReturnType<typeof memoryTriage>;
beforeEach(() => {
  pipeline = memoryTriage();
});

const from = (address: string, over: Parameters<typeof mime>[0] = {}) =>
  mime({ from: `Pengirim <${address}>`, subject: 'insentif belum masuk', ...over });
const receive = (raw: Buffer, source: string, over: Parameters<typeof pipeline.receive>[1] = {}) =>
  pipeline.receive(raw, { source, ...over });
const detail = async (ref: string | undefined) => pipeline.memory.work.detail(ref ?? '');
const jobFor = (inboundId: string) => pipeline.memory.queue.jobs.find((j) => j.jobId.startsWith(`${inboundId}:`));

/** The participant's open incentive ticket, waiting for their phone number. */
async function participantTicket() {
  const r = await receive(
    await from(PARTICIPANT.address, {
      text: `insentif bulan ini belum masuk\nNama: ${PARTICIPANT.name}\nNo kartu: ${CARD}`,
    }),
    PARTICIPANT.address,
    { id: 'first' },
  );
  expect(r.ticket).toMatchObject({ status: 'waiting_participant', missing: ['phone'] });
  return r.ticket as NonNullable<typeof r.ticket>;
}

describe('a mail from someone who is not a participant of the ticket it points at', () => {
  it('does not join a ticket by its reference, fills nothing on it, and is answered under its own reference only', async () => {
    // Prepare
    const t = await participantTicket();
    // Act: a stranger writes under the ticket's reference, with a phone number
    const r = await receive(
      await from('orang.lain@kotakpos.example', {
        subject: `Re: [${t.ref}] Mohon lengkapi data pengaduan Anda`,
        text: `ini nomor hp saya ${PHONE}`,
      }),
      'orang.lain@kotakpos.example',
      { id: 'stranger' },
    );
    // Assess: a ticket of its own; the participant's ticket unchanged
    expect(r.outcome).toBe('created');
    expect(r.ticket?.ref).not.toBe(t.ref);
    expect((await detail(t.ref))?.ticket).toMatchObject({
      messageCount: 1,
      missing: ['phone'],
      fields: { phone: null },
    });
    expect((await detail(t.ref))?.messages).toHaveLength(1);
    const job = jobFor('stranger');
    expect(job?.ticketRef).toBe(r.ticket?.ref);
    expect(JSON.stringify(job)).not.toContain(t.ref);
  });

  it('does not merge a new mail that only writes the participant’s card number, and reveals nothing of their ticket', async () => {
    const t = await participantTicket();
    const r = await receive(
      await from('penipu@kotakpos.example', {
        text: `insentif saya belum masuk\nNo kartu: ${CARD}\nNo HP: 0813-7726-0914`,
      }),
      'penipu@kotakpos.example',
      { id: 'stranger' },
    );
    expect(r.outcome).toBe('created');
    expect(r.ticket?.ref).not.toBe(t.ref);
    expect((await detail(t.ref))?.ticket).toMatchObject({ messageCount: 1, fields: { phone: null } });
    const job = jobFor('stranger');
    const said = JSON.stringify(job);
    for (const secret of [t.ref, PARTICIPANT.name, 'waiting', CATEGORY_LABELS.incentive])
      expect(said).not.toContain(secret);
  });

  it('gives nine senders sharing one card number nine tickets, each answered with its own reference', async () => {
    const t = await participantTicket();
    const refs = new Set<string>([t.ref]);
    for (let i = 1; i <= 8; i++) {
      const address = `pengirim${i}@kotakpos.example`;
      const r = await receive(await from(address, { text: `insentif belum masuk. kartu prakerja ${CARD}` }), address, {
        id: `s${i}`,
      });
      refs.add(r.ticket?.ref ?? '');
      expect(jobFor(`s${i}`)?.ticketRef).toBe(r.ticket?.ref);
    }
    expect(refs.size).toBe(9);
  });

  it('does not merge a mail From our own complaint address into a participant’s ticket', async () => {
    const t = await participantTicket();
    const r = await receive(
      await from(COMPLAINT_ADDRESS, { text: `insentif belum masuk\nNo kartu: ${CARD}\nNo HP: ${PHONE}` }),
      COMPLAINT_ADDRESS,
    );
    expect(r).toMatchObject({ outcome: 'created', reply: 'none' });
    expect(r.ticket?.ref).not.toBe(t.ref);
  });

  it('does not join even from the participant’s address when the sender is not verified', async () => {
    const t = await participantTicket();
    const r = await receive(
      await from(PARTICIPANT.address, { subject: `Re: [${t.ref}] data`, text: `hp saya ${PHONE}` }),
      PARTICIPANT.address,
      { verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } },
    );
    expect(r.ticket?.ref).not.toBe(t.ref);
    expect((await detail(t.ref))?.ticket.fields.phone).toBeNull();
  });
});

describe('probable duplicates', () => {
  it('links both tickets, holds the newer one off the work list while the other is open, and acknowledges it under its own reference', async () => {
    // Prepare: the participant, then the same card from their second address
    const t = await participantTicket();
    // Act
    const dup = await receive(
      await from('wulan.kantor@kantor.example', { text: `insentif belum masuk min, kartu ${CARD}` }),
      'wulan.kantor@kantor.example',
      { id: 'second-address' },
    );
    // Assess
    expect(dup.ticket).toMatchObject({ status: 'ready', heldBehind: t.ref });
    expect(dup.reply).toBe('acknowledge');
    expect((await detail(t.ref))?.related).toEqual([
      { ref: dup.ticket?.ref, status: 'ready', category: 'incentive', reason: 'same card number' },
    ]);
    expect((await detail(dup.ticket?.ref))?.related).toEqual([
      { ref: t.ref, status: 'waiting_participant', category: 'incentive', reason: 'same card number' },
    ]);
    expect((await pipeline.memory.work.stats('incentive')).ready).toBe(0);
  });

  it('puts the held ticket on the work list once the one it is held behind is resolved', async () => {
    const t = await participantTicket();
    const dup = await receive(
      await from('wulan.kantor@kantor.example', { text: `insentif belum masuk min, kartu ${CARD}` }),
      'wulan.kantor@kantor.example',
    );
    const clock = () => new Date('2024-05-20T04:00:00.000Z');
    const current = await pipeline.memory.work.get(t.ref);
    if (current)
      await pipeline.memory.work.transition(current, {
        status: 'resolved',
        resolvedAt: clock().toISOString(),
        updatedAt: clock().toISOString(),
      });
    // Act
    await sweep(buildSweeperDeps(SWEEPER_CONFIG, pipeline.memory, clock));
    // Assess
    const api = new AgentApi(buildAgentApiDeps(AGENT_API_CONFIG, pipeline.memory, clock));
    const agent = { id: 'dewi', queues: ['incentive' as const], supervisor: false };
    expect(await api.claim(agent, 'incentive')).toMatchObject({ ref: dup.ticket?.ref, heldBehind: null });
  });

  it('links a participant’s new mail about another problem to their open ticket instead of merging it', async () => {
    const t = await participantTicket();
    const cert = await receive(
      await from(PARTICIPANT.address, {
        subject: 'sertifikat tidak muncul',
        text: `sertifikat pelatihan belum tampil di dashboard padahal ulasan sudah diisi\nkartu ${CARD}`,
      }),
      PARTICIPANT.address,
    );
    expect(cert).toMatchObject({ outcome: 'created', ticket: { category: 'certificate', heldBehind: null } });
    expect((await detail(cert.ticket?.ref))?.related).toEqual([
      { ref: t.ref, status: 'waiting_participant', category: 'incentive', reason: 'same participant, other problem' },
    ]);
  });
});

describe('a mail from a participant', () => {
  it('still threads by reference and fills the ticket’s gaps', async () => {
    const t = await participantTicket();
    const r = await receive(
      await from(PARTICIPANT.address, { subject: `Re: [${t.ref}] Mohon lengkapi`, text: `hp saya ${PHONE}` }),
      PARTICIPANT.address,
    );
    expect(r).toMatchObject({ outcome: 'threaded', ticket: { ref: t.ref, missing: [], status: 'ready' } });
  });

  it('makes an unverified ticket’s address a participant once it writes as a verified sender', async () => {
    const forged = await receive(
      await from(PARTICIPANT.address, { text: `insentif belum masuk\nkartu ${CARD}` }),
      PARTICIPANT.address,
      { verdicts: { dmarc: 'FAIL' } },
    );
    expect(forged.ticket).toMatchObject({ senderVerified: false });
    const real = await receive(
      await from(PARTICIPANT.address, { subject: `Re: [${forged.ticket?.ref}] data`, text: `hp saya ${PHONE}` }),
      PARTICIPANT.address,
    );
    expect(real).toMatchObject({ outcome: 'threaded', ticket: { ref: forged.ticket?.ref, senderVerified: true } });
  });
});
