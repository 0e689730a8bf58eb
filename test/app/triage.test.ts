/**
 * The triage use case on adapters in memory (the contract suite holds DynamoDB to the same
 * behaviour): what one inbound mail does to the tickets, the inbound log and the reply queue.
 */
import { LARAS } from '../support/mails.ts';
import { BUCKET, memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const COMPLETE_TEXT = ['insentif bulan ini belum masuk', 'No kartu: 6203 1185 4471 2096', 'No HP: 0857-4410-3386'].join(
  '\n',
);
const laras = (over: Parameters<typeof mime>[0] = {}) =>
  mime({ from: `Laras <${LARAS.address}>`, subject: 'insentif belum masuk', text: COMPLETE_TEXT, ...over });

let pipeline: ReturnType<typeof memoryTriage>;
beforeEach(() => {
  pipeline = memoryTriage();
});
const ticketCount = () => pipeline.memory.state.tickets.size;
const messagesOf = async (ref: string) => (await pipeline.memory.work.detail(ref))?.messages ?? [];

describe('triage of a human complaint', () => {
  it('opens a ready ticket for a complete complaint and queues an acknowledgement threaded to it', async () => {
    const r = await pipeline.receive(await laras({ messageId: '<laras-a@surel.example>' }), { id: 'ses-a' });
    expect(r).toMatchObject({ outcome: 'created', reply: 'acknowledge', reason: null });
    expect(r.ticket).toMatchObject({ status: 'ready', category: 'incentive', priority: 'high', missing: [] });
    expect(pipeline.memory.queue.jobs).toEqual([
      {
        jobId: 'ses-a:acknowledge',
        kind: 'acknowledge',
        ticketRef: r.ticket?.ref,
        to: LARAS.address,
        category: 'incentive',
        missing: [],
        inReplyTo: '<laras-a@surel.example>',
        references: ['<laras-a@surel.example>'],
        // Where the ticket stands, so the reply says by when to expect an answer (incentive: 24 service hours).
        progress: {
          status: 'ready',
          createdAt: r.ticket?.createdAt,
          updatedAt: r.ticket?.createdAt,
          readyAt: r.ticket?.createdAt,
          dueAt: r.ticket?.dueAt,
          resolvedAt: null,
          serviceHours: 24,
        },
      },
    ]);
    expect(await messagesOf(r.ticket?.ref ?? '')).toEqual([
      expect.objectContaining({ inboundId: 'ses-a', outcome: 'created', rawKey: `s3://${BUCKET}/inbound/ses-a` }),
    ]);
  });

  it('opens a waiting ticket and asks for exactly the missing fields', async () => {
    const r = await pipeline.receive(await laras({ text: 'insentif OVO saya gagal terus' }));
    expect(r.ticket?.status).toBe('waiting_participant');
    expect(r.job).toMatchObject({ kind: 'ask_missing', missing: ['cardNumber', 'phone'] });
  });

  it('merges the same participant about the same issue into their open ticket', async () => {
    const first = await pipeline.receive(await laras());
    const again = await pipeline.receive(
      await laras({ subject: 'insentif', text: 'insentif saya gagal, tolong kirim ulang. kartu 6203118544712096' }),
    );
    expect(again).toMatchObject({ outcome: 'merged', reply: 'acknowledge' });
    expect(again.ticket).toMatchObject({ ref: first.ticket?.ref, messageCount: 2 });
    expect(ticketCount()).toBe(1);
  });

  it('opens a new ticket for the same participant about another issue', async () => {
    const first = await pipeline.receive(await laras());
    const cert = await pipeline.receive(
      await laras({
        subject: 'sertifikat',
        text: 'sertifikat pelatihan belum tampil di dashboard padahal ulasan sudah diisi\nKartu: 6203118544712096',
      }),
    );
    expect(cert.outcome).toBe('created');
    expect(cert.ticket?.ref).not.toBe(first.ticket?.ref);
  });

  it('keeps different participants with the same words apart', async () => {
    await pipeline.receive(await laras());
    const other = await pipeline.receive(
      await mime({
        from: 'Oki <oki.firdaus@surel.example>',
        subject: 'insentif belum masuk',
        text: COMPLETE_TEXT.replace('6203 1185 4471 2096', '7741 0093 5528 6614').replace(
          '0857-4410-3386',
          '0813-7726-0914',
        ),
      }),
    );
    expect(other.outcome).toBe('created');
    expect(ticketCount()).toBe(2);
  });

  it('threads the participant’s answer to an ask_missing reply into its ticket, filling the gaps', async () => {
    const asked = await pipeline.receive(await laras({ text: 'insentif OVO saya gagal terus' }));
    const ref = asked.ticket?.ref ?? '';
    const answer = await pipeline.receive(
      await laras({
        subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`,
        text: 'ini datanya min\nkartu 6203 1185 4471 2096\nhp 0857 4410 3386',
      }),
    );
    expect(answer).toMatchObject({ outcome: 'threaded', reply: 'acknowledge' });
    expect(answer.ticket).toMatchObject({ ref, status: 'ready', missing: [] });
    expect(answer.ticket?.fields.cardNumber).toBe(LARAS.card);
  });

  it('changes nothing when the same mail is delivered again, and queues the same job id', async () => {
    const raw = await laras();
    const a = await pipeline.receive(raw, { id: 'twice' });
    const b = await pipeline.receive(raw, { id: 'twice' });
    expect(b.ticket?.ref).toBe(a.ticket?.ref);
    expect(b.job?.jobId).toBe(a.job?.jobId);
    expect(ticketCount()).toBe(1);
    expect(await messagesOf(a.ticket?.ref ?? '')).toHaveLength(1);
  });

  it('reports the outcome of the first run when the same mail is triaged again, even one that scored close to another category', async () => {
    const raw = await laras({
      subject: 'insentif',
      text: 'insentif sy blm cair, kmrn ada yg telp katanya dari prakerja, dia minta kode otp sy. kartu 6203118544712096',
    });
    const first = await pipeline.receive(raw, { id: 'close-call' });
    expect(first.triage?.alternativeCategories).not.toEqual([]);
    const again = await pipeline.receive(raw, { id: 'close-call' });
    expect([first.outcome, again.outcome]).toEqual(['created', 'created']);
    expect(again.ticket?.ref).toBe(first.ticket?.ref);
    expect(await messagesOf(first.ticket?.ref ?? '')).toHaveLength(1);
  });

  it('reopens a resolved ticket on an answer within 7 days, and opens a linked one after', async () => {
    const first = await pipeline.receive(await laras(), { at: '2024-05-20T02:00:00.000Z' });
    const ref = first.ticket?.ref ?? '';
    const resolve = async (at: string) => {
      const t = await pipeline.memory.work.get(ref);
      if (t) await pipeline.memory.work.transition(t, { status: 'resolved', resolvedAt: at, updatedAt: at });
    };
    await resolve('2024-05-21T00:00:00.000Z');
    const subject = `Re: [${ref}] Tanggapan atas pengaduan Anda`;
    const soon = await pipeline.receive(await laras({ subject, text: 'masih belum masuk min' }), {
      at: '2024-05-24T00:00:00.000Z',
    });
    expect(soon).toMatchObject({ outcome: 'reopened', ticket: { ref, status: 'ready' } });
    await resolve('2024-05-25T00:00:00.000Z');
    const late = await pipeline.receive(await laras({ subject, text: 'masih belum masuk min' }), {
      at: '2024-06-10T00:00:00.000Z',
    });
    expect(late).toMatchObject({ outcome: 'created', ticket: { linkedTo: ref, status: 'ready' } });
    expect(late.ticket?.fields.cardNumber).toBe(LARAS.card); // inherited: we do not ask again
  });

  it('merges a follow-up read as fraud into the open incentive ticket when incentive scored close, giving back its fraud claims', async () => {
    const first = await pipeline.receive(await laras());
    const followUp = await pipeline.receive(
      await laras({
        subject: 'insentif',
        text: 'insentif sy blm cair, td sore ada yg nelpon mengaku dr admin prakerja trs nanya kode otp sy. kartu 6203118544712096',
      }),
    );
    expect(followUp.triage).toMatchObject({ category: 'fraud', alternativeCategories: ['incentive'] });
    expect(followUp).toMatchObject({ outcome: 'merged', ticket: { ref: first.ticket?.ref } });
    // Its claims of the participant's keys for fraud were given back: no fraud ticket holds them.
    expect([...pipeline.memory.state.links.keys()].filter((id) => id.endsWith('#fraud'))).toEqual([]);
  });

  it('keeps the links of the ticket a mail opened when it comes again after a close ticket appeared', async () => {
    // Prepare: the mail opens a fraud ticket (incentive scored close), then an incentive ticket appears
    const raw = await laras({
      subject: 'insentif',
      text: 'insentif sy blm cair, td sore ada yg nelpon mengaku dr admin prakerja trs nanya kode otp sy. kartu 6203118544712096',
    });
    const first = await pipeline.receive(raw, { id: 'comes-again' });
    expect(first).toMatchObject({ outcome: 'created', ticket: { category: 'fraud' } });
    const other = await pipeline.receive(await laras(), { id: 'incentive-later' });
    expect(other).toMatchObject({ outcome: 'created', ticket: { category: 'incentive' } });
    // Act: SQS delivers the first mail again
    const again = await pipeline.receive(raw, { id: 'comes-again' });
    // Assess: its own ticket is found, not the incentive one joined, and its fraud links stay
    expect(again).toMatchObject({ outcome: 'created', ticket: { ref: first.ticket?.ref } });
    expect(await messagesOf(other.ticket?.ref ?? '')).toHaveLength(1);
    expect([...pipeline.memory.state.links.keys()].filter((id) => id.endsWith('#fraud'))).not.toEqual([]);
  });

  it('stores the message with the NIK masked in text and fields, and the ticket with its masked form only', async () => {
    const r = await pipeline.receive(
      await laras({ text: 'NIK saya 3302 1408 7105 0007\nNo kartu 6203118544712096 insentif belum masuk' }),
    );
    const [stored] = await messagesOf(r.ticket?.ref ?? '');
    expect(stored?.text).not.toMatch(/3302 1408 7105 0007|3302140871050007/);
    expect(stored?.text).toContain('3302************');
    expect(stored?.fields.nik).toBe('3302********0007');
    expect(r.ticket?.fields.nik).toBe('3302********0007');
  });

  it('caps what a stranger’s mail can put into the stored ticket', async () => {
    const r = await pipeline.receive(
      await laras({ subject: 'insentif '.repeat(200), text: `${COMPLETE_TEXT}\n${'x'.repeat(50_000)}` }),
    );
    const [stored] = await messagesOf(r.ticket?.ref ?? '');
    expect(stored?.subject.length).toBeLessThanOrEqual(300);
    expect(stored?.text.length).toBeLessThanOrEqual(8000);
  });
});

describe('a follow-up that only asks where the complaint stands', () => {
  it('is stored on the participant’s open ticket and answered with its status, with no new ticket and no change an agent works on', async () => {
    // Prepare: a complete complaint, on the work list
    const first = await pipeline.receive(await laras({ messageId: '<laras-a@surel.example>' }));
    const before = first.ticket;

    // Act: the same participant asks, in a new mail without our reference
    const question = await pipeline.receive(
      await laras({
        subject: 'tanya',
        text: 'Selamat pagi, laporan saya sudah sampai mana ya?',
        messageId: '<laras-b@surel.example>',
      }),
      { at: '2024-05-21T03:00:00.000Z' },
    );

    // Assess
    expect(question).toMatchObject({ outcome: 'merged', reply: 'status' });
    expect(ticketCount()).toBe(1);
    expect(question.ticket).toMatchObject({
      ref: before?.ref,
      status: 'ready',
      priority: before?.priority,
      dueAt: before?.dueAt,
      readyAt: before?.readyAt,
      messageCount: 2,
    });
    expect((await messagesOf(before?.ref ?? '')).map((m) => m.text)).toContain(
      'Selamat pagi, laporan saya sudah sampai mana ya?',
    );
    expect(pipeline.memory.queue.jobs.at(-1)).toMatchObject({
      kind: 'status',
      ticketRef: before?.ref,
      to: LARAS.address,
      inReplyTo: '<laras-b@surel.example>',
      missing: [],
      progress: { status: 'ready', dueAt: before?.dueAt, serviceHours: 24 },
    });
  });

  it('answers a question threaded under our reference while data is missing with the status, still waiting for that data', async () => {
    // Prepare
    const asked = await pipeline.receive(await laras({ text: 'insentif OVO saya gagal terus' }));
    const ref = asked.ticket?.ref ?? '';

    // Act
    const question = await pipeline.receive(
      await laras({ subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`, text: 'kok belum ada kabar min?' }),
    );

    // Assess
    expect(question).toMatchObject({ outcome: 'threaded', reply: 'status' });
    expect(question.ticket).toMatchObject({ ref, status: 'waiting_participant', missing: ['cardNumber', 'phone'] });
    expect(question.job).toMatchObject({ kind: 'status', missing: ['cardNumber', 'phone'] });
  });

  it('is not answered with the status from an address that is not the ticket’s: it opens its own ticket', async () => {
    // Prepare
    const asked = await pipeline.receive(await laras({ text: 'insentif OVO saya gagal terus' }));
    const ref = asked.ticket?.ref ?? '';

    // Act
    const question = await pipeline.receive(
      await mime({
        from: 'Orang Lain <orang.lain@surel.example>',
        subject: `Re: [${ref}] status`,
        text: 'sudah sampai mana?',
      }),
    );

    // Assess: a stranger does not join the ticket by its reference (issue 11, identity before merging)
    expect(question).toMatchObject({ outcome: 'created', reply: 'acknowledge' });
    expect(question.ticket?.ref).not.toBe(ref);
    expect(question.job?.kind).not.toBe('status');
  });
});

describe('triage of what is not a complaint, and of receipt verdicts', () => {
  it('quarantines a virus without reading the mail, filing anything or answering', async () => {
    const r = await pipeline.receive(await laras(), { id: 'infected', verdicts: { virus: 'FAIL' }, notStored: true });
    expect(r).toMatchObject({ outcome: 'quarantined', reason: 'virus', ticket: null, job: null });
    expect((await pipeline.memory.inbound.list('quarantined', 10)).items).toEqual([
      expect.objectContaining({ inboundId: 'infected', rawKey: `s3://${BUCKET}/inbound/infected` }),
    ]);
  });

  it('files spam as a flagged ticket but never answers it', async () => {
    const r = await pipeline.receive(await laras(), { verdicts: { spam: 'FAIL' } });
    expect(r).toMatchObject({ outcome: 'created', reply: 'none', job: null, reason: 'spam' });
    expect((await messagesOf(r.ticket?.ref ?? ''))[0]?.flags).toEqual(['spam']);
    expect(pipeline.memory.queue.jobs).toEqual([]);
  });

  it('records SPF, DKIM and DMARC failures and what they mean for the sender on the message', async () => {
    const r = await pipeline.receive(await laras(), {
      source: LARAS.address,
      verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
    });
    expect((await messagesOf(r.ticket?.ref ?? ''))[0]?.flags).toEqual([
      'spf-fail',
      'dkim-fail',
      'dmarc-fail',
      'unverified-sender',
    ]);
    expect(r.reply).toBe('none');
  });

  it('sets machine-generated mail aside for ops with the rule that fired, masked sender, and files nothing', async () => {
    const r = await pipeline.receive(
      await mime({ from: 'Kabar <kabar@toko-kursus.example>', html: '<p>promo</p>', headers: { Precedence: 'bulk' } }),
      { id: 'promo', source: 'kabar@toko-kursus.example' },
    );
    expect(r).toMatchObject({ outcome: 'automated', reason: 'precedence', ticket: null, job: null });
    expect((await pipeline.memory.inbound.list('automated', 10)).items).toEqual([
      {
        inboundId: 'promo',
        receivedAt: '2024-05-20T02:30:00.000Z',
        outcome: 'automated',
        rawKey: `s3://${BUCKET}/inbound/promo`,
        reason: 'precedence',
        sender: 'ka***@toko-kursus.example',
        flags: [],
        failures: 0,
        ticketRef: null,
        // Kept so that a supervisor's re-triage judges the sender as SES did on receipt.
        verdicts: { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      },
    ]);
    expect(ticketCount()).toBe(0);
  });

  it('keeps an unparseable mail: a parse_failed record pointing at the raw mail, no error', async () => {
    const r = await pipeline.receive(Buffer.from([0, 1, 2, 255]), { id: 'broken' });
    expect(r).toMatchObject({ outcome: 'parse_failed', ticket: null });
    expect((await pipeline.memory.inbound.list('parse_failed', 10)).items).toEqual([
      expect.objectContaining({ inboundId: 'broken', rawKey: `s3://${BUCKET}/inbound/broken` }),
    ]);
  });

  it('fails (for SQS to retry) when the raw mail cannot be read', async () => {
    await expect(pipeline.receive(await laras(), { notStored: true })).rejects.toThrow(/does not exist/);
  });
});

describe('queueing reply jobs', () => {
  it('reports the mails whose job could not be queued, so they are retried', async () => {
    const { finishBatch } = await import('#app/triage.ts');
    const ok = await pipeline.receive(await laras(), { id: 'queued' });
    const lost = await pipeline.receive(await laras({ from: 'Oki <oki@surel.example>' }), { id: 'not-queued' });
    const set = await pipeline.receive(await mime({ html: '<p>promo</p>', headers: { Precedence: 'bulk' } }), {
      id: 'set-aside',
    });
    pipeline.memory.queue.enqueue = async () => [lost.job?.jobId ?? ''];
    expect(await finishBatch([ok, lost, set], pipeline.deps)).toEqual(new Set(['not-queued']));
  });
});
