/**
 * Findings 1 and 7 (issue 11): only a sender who is who they claim gets automatic mail, and the
 * pipeline never answers itself or the void. Triage on adapters in memory.
 */
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { LARAS } from '../support/mails.ts';
import { memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const COMPLETE_TEXT = 'insentif bulan ini belum masuk\nNo kartu: 6203 1185 4471 2096\nNo HP: 0857-4410-3386';
const VICTIM = 'korban.lain@kotakpos.example';

let pipeline: ReturnType<typeof memoryTriage>;
beforeEach(() => {
  pipeline = memoryTriage();
});

describe('sender trust', () => {
  it('sends nothing to a forged sender, files the mail as an unverified ticket and lists it for supervisors', async () => {
    // Prepare: a third party's address in From, every SES verdict on it failing
    const raw = await mime({ from: `Korban <${VICTIM}>`, text: COMPLETE_TEXT });
    // Act
    const r = await pipeline.receive(raw, {
      id: 'forged',
      source: 'bulk@pengirim-massal.example',
      verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
    });
    // Assess
    expect(r).toMatchObject({ outcome: 'created', reply: 'none', job: null });
    expect(r.ticket).toMatchObject({ senderVerified: false, status: 'ready' });
    expect(pipeline.memory.queue.jobs).toEqual([]);
    expect((await pipeline.memory.inbound.list('unverified', 10)).items).toEqual([
      expect.objectContaining({ inboundId: 'forged', outcome: 'unverified', ticketRef: r.ticket?.ref }),
    ]);
  });

  it.each([
    ['SPF and DKIM both not PASS', { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' }],
    ['DMARC FAIL although SPF passes', { spf: 'PASS', dkim: 'FAIL', dmarc: 'FAIL' }],
  ] as const)('does not answer a sender when %s', async (_why, verdicts) => {
    const r = await pipeline.receive(await mime({ from: `Laras <${LARAS.address}>`, text: COMPLETE_TEXT }), {
      source: LARAS.address,
      verdicts,
    });
    expect(r).toMatchObject({ reply: 'none', job: null, ticket: { senderVerified: false } });
  });

  it('answers a sender that DMARC, SPF or DKIM vouches for', async () => {
    const r = await pipeline.receive(await mime({ from: `Laras <${LARAS.address}>`, text: COMPLETE_TEXT }), {
      source: LARAS.address,
      verdicts: { spf: 'FAIL', dkim: 'PASS', dmarc: 'PASS' },
    });
    expect(r).toMatchObject({ reply: 'acknowledge', ticket: { senderVerified: true } });
    expect(pipeline.memory.queue.jobs.map((j) => j.to)).toEqual([LARAS.address]);
  });

  it('does not count an SPF pass for another domain than the From’s when the From domain has no DMARC', async () => {
    const r = await pipeline.receive(await mime({ from: `Korban <${VICTIM}>`, text: COMPLETE_TEXT }), {
      source: 'kirim@domain-penyerang.example',
      verdicts: { spf: 'PASS', dkim: 'GRAY', dmarc: 'GRAY' },
    });
    expect(r).toMatchObject({ reply: 'none', ticket: { senderVerified: false } });
  });
});

describe('never answering ourselves or the void', () => {
  it('does not answer a mail From our own complaint address', async () => {
    const own = await mime({ from: `Pengaduan <${COMPLAINT_ADDRESS}>`, text: COMPLETE_TEXT });
    const r = await pipeline.receive(own, { source: COMPLAINT_ADDRESS });
    expect(r).toMatchObject({ reply: 'none', job: null, ticket: { senderVerified: false } });
    expect(r.reason).toContain('own-address');
  });

  it('does not answer a mail with an empty envelope sender (MAIL FROM:<>)', async () => {
    const r = await pipeline.receive(await mime({ from: `Laras <${LARAS.address}>`, text: COMPLETE_TEXT }), {
      source: '',
    });
    expect(r).toMatchObject({ reply: 'none', job: null });
  });
});
