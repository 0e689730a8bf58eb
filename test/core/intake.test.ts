import { MemoryTicketStore } from '#adapters/memory/ticket-store.ts';
import { type InboundComplaint, intakeComplaint, maskNik } from '#core/intake.ts';
import { triageMail } from '#core/triage.ts';
import type { ParsedMail } from '#core/types.ts';
import { parsedMail } from '../support/parsed.ts';

const SLA = { fraud: 4, incentive: 24, certificate: 48, training: 48, account: 48, registration: 48, general: 48 };

let seq = 0;
function inbound(text: string, over: Partial<ParsedMail> = {}, at = '2024-03-11T01:00:00.000Z'): InboundComplaint {
  seq++;
  const mail = parsedMail(text, { messageId: `<m${seq}@mail.example.com>`, ...over });
  return {
    inboundId: `ses-${seq}`,
    receivedAt: at,
    rawKey: `inbound/ses-${seq}`,
    from: mail.from?.address ?? null,
    subject: mail.subject,
    text,
    triage: triageMail(mail),
  };
}

const FULL = 'insentif blm masuk\nNo kartu: 5412 8830 1967 2245\nNo HP: 0813-1977-4420';
const budi = { from: { address: 'budi@example.com', name: 'Budi' }, subject: 'insentif belum masuk' };

describe('intakeComplaint', () => {
  let store: MemoryTicketStore;
  beforeEach(() => {
    store = new MemoryTicketStore();
  });

  it('creates a ready ticket and an acknowledge job for a complete complaint', async () => {
    const r = await intakeComplaint(inbound(FULL, budi), store, SLA);
    expect(r).toMatchObject({ outcome: 'created', duplicate: false, reply: 'acknowledge' });
    expect(r.ticket).toMatchObject({ status: 'ready', category: 'incentive', priority: 'high', missing: [] });
    expect(r.job).toMatchObject({ kind: 'acknowledge', to: 'budi@example.com', ticketRef: r.ticket.ref });
  });

  it('creates a waiting ticket and asks for exactly the missing fields', async () => {
    const r = await intakeComplaint(inbound('insentif OVO saya gagal', budi), store, SLA);
    expect(r.ticket.status).toBe('waiting_participant');
    expect(r.job).toMatchObject({ kind: 'ask_missing', missing: ['cardNumber', 'phone'] });
  });

  it('merges the same participant (any shared key) with the same category into the open ticket', async () => {
    const first = await intakeComplaint(inbound(FULL, budi), store, SLA);
    // other sender address, linked only by the card
    const again = await intakeComplaint(
      inbound('insentif sy gagal, kirim ulang ya. no kartu 5412883019672245', {
        from: { address: 'other@example.com', name: '' },
        subject: 'insentif',
      }),
      store,
      SLA,
    );
    expect(again).toMatchObject({ outcome: 'merged', duplicate: true });
    expect(again.ticket.ref).toBe(first.ticket.ref);
    expect(again.ticket.messageCount).toBe(2);
  });

  it('opens a new ticket for the same participant with a new category', async () => {
    const first = await intakeComplaint(inbound(FULL, budi), store, SLA);
    const cert = await intakeComplaint(
      inbound('sertifikat blm muncul padahal udh rating\nKartu: 5412883019672245', { ...budi, subject: 'sertifikat' }),
      store,
      SLA,
    );
    expect(cert.outcome).toBe('created');
    expect(cert.ticket.ref).not.toBe(first.ticket.ref);
  });

  it('keeps different participants with the same text apart', async () => {
    const a = await intakeComplaint(inbound(FULL, budi), store, SLA);
    const text = FULL.replace('5412 8830 1967 2245', '4127 9603 2285 1149').replace('0813-1977-4420', '0838-9012-4456');
    const b = await intakeComplaint(
      inbound(text, { ...budi, from: { address: 'wahyu@example.com', name: '' } }),
      store,
      SLA,
    );
    expect(b.outcome).toBe('created');
    expect(b.ticket.ref).not.toBe(a.ticket.ref);
  });

  it('lets a reply to an ask_missing mail fill the gaps and make the ticket ready', async () => {
    const first = await intakeComplaint(inbound('insentif OVO saya gagal', budi), store, SLA);
    const reply = await intakeComplaint(
      inbound('Ini datanya\nNo kartu 2817 4409 6653 0126\nNo hp 0877 5512 9084', {
        ...budi,
        subject: `Re: [${first.ticket.ref}] Mohon lengkapi data pengaduan Anda`,
        from: { address: 'another@example.com', name: '' },
      }),
      store,
      SLA,
    );
    expect(reply).toMatchObject({ outcome: 'threaded', duplicate: false, reply: 'acknowledge' });
    expect(reply.ticket).toMatchObject({ ref: first.ticket.ref, status: 'ready', missing: [] });
    expect(reply.ticket.fields.cardNumber).toBe('2817440966530126');
  });

  it('is idempotent: the same inbound mail twice gives one ticket, one message and the same job id', async () => {
    const msg = inbound(FULL, budi);
    const a = await intakeComplaint(msg, store, SLA);
    const b = await intakeComplaint(msg, store, SLA);
    expect(b.ticket.ref).toBe(a.ticket.ref);
    expect(b.job?.jobId).toBe(a.job?.jobId);
    expect(store.tickets.size).toBe(1);
    expect(store.messages.get(a.ticket.ref)).toHaveLength(1);
  });

  it('reopens a resolved ticket on a reply within 7 days, and starts a linked one after', async () => {
    const first = await intakeComplaint(inbound(FULL, budi), store, SLA);
    await store.setStatus(first.ticket.ref, 'resolved', '2024-03-12T00:00:00.000Z');
    const subject = `Re: [${first.ticket.ref}] Tanggapan atas pengaduan Anda`;
    const soon = await intakeComplaint(
      inbound('masih belum masuk min', { ...budi, subject }, '2024-03-15T00:00:00.000Z'),
      store,
      SLA,
    );
    expect(soon).toMatchObject({ outcome: 'reopened' });
    expect(soon.ticket.status).toBe('ready');
    await store.setStatus(first.ticket.ref, 'resolved', '2024-03-16T00:00:00.000Z');
    const late = await intakeComplaint(inbound(FULL, { ...budi, subject }, '2024-04-01T00:00:00.000Z'), store, SLA);
    expect(late.outcome).toBe('created');
    expect(late.ticket.linkedTo).toBe(first.ticket.ref);
  });

  it('suppresses the reply when asked (spam verdict) but still files the ticket', async () => {
    const r = await intakeComplaint({ ...inbound(FULL, budi), suppressReply: true }, store, SLA);
    expect(r).toMatchObject({ outcome: 'created', reply: 'none', job: null });
  });

  it('stores the message text with the NIK masked', async () => {
    const r = await intakeComplaint(
      inbound('NIK: 3374 1206 0590 0003\nNo kartu 5412883019672245 insentif', budi),
      store,
      SLA,
    );
    const stored = store.messages.get(r.ticket.ref)?.[0];
    expect(stored?.text).not.toContain('3374 1206 0590 0003');
    expect(stored?.text).toContain('3374************');
  });

  it('refuses automated mail', async () => {
    await expect(intakeComplaint(inbound('x', { headers: { precedence: 'bulk' } }), store, SLA)).rejects.toThrow(
      'human complaints only',
    );
  });
});

describe('maskNik', () => {
  it('masks the NIK however it is grouped', () => {
    expect(maskNik('a 3374-1206-0590-0003 b 3374120605900003', '3374120605900003')).toBe(
      'a 3374************ b 3374************',
    );
  });
});

describe('intakeComplaint: close readings of the same issue', () => {
  it('merges a follow-up read as fraud into the participant’s open incentive ticket when incentive scored close', async () => {
    const store = new MemoryTicketStore();
    const first = await intakeComplaint(inbound(FULL, budi), store, SLA);
    // Mentions a caller posing as staff (fraud) but is about the same missing incentive.
    const followUp = inbound('insentif sy blm masuk ke ovo, kemarin ada yg ngaku petugas. no kartu 5412883019672245', {
      from: { address: 'budi@example.com', name: '' },
      subject: 'insentif & penipuan',
    });
    expect(followUp.triage.category).toBe('fraud');
    expect(followUp.triage.alternativeCategories).toContain('incentive');
    const r = await intakeComplaint(followUp, store, SLA);
    expect(r).toMatchObject({ outcome: 'merged', duplicate: true });
    expect(r.ticket.ref).toBe(first.ticket.ref);
  });

  it('keeps a clearly different issue of the same participant apart', async () => {
    const store = new MemoryTicketStore();
    await intakeComplaint(inbound(FULL, budi), store, SLA);
    const cert = inbound(
      'sertifikat pelatihan kedua blm muncul di dashboard pdhl udh kasih ulasan. sy yg kemarin nanya insentif\nKartu: 5412883019672245',
      {
        ...budi,
        subject: 'sertifikat blm muncul',
      },
    );
    expect(cert.triage.alternativeCategories).not.toContain('incentive');
    expect((await intakeComplaint(cert, store, SLA)).outcome).toBe('created');
  });
});
