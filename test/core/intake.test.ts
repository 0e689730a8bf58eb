import {
  type InboundComplaint,
  joinUpdate,
  keysToLink,
  newTicket,
  replyDecision,
  routeReference,
  STORED_LIMITS,
  storedMessage,
} from '#core/intake.ts';
import type { Ticket } from '#core/ticket.ts';
import { triageMail } from '#core/triage.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { parsedMail } from '../support/parsed.ts';

function complaint(text: string, over: Partial<InboundComplaint> = {}): InboundComplaint {
  const triage = triageMail(parsedMail(text, { from: { address: 'oki@surel.example', name: 'Oki' } }));
  if (!triage.category || !triage.priority) throw new Error('fixture is not a complaint');
  return {
    inboundId: 'ses-1',
    receivedAt: '2024-05-20T02:00:00.000Z',
    rawKey: 's3://mail/inbound/ses-1',
    from: 'oki@surel.example',
    subject: 'insentif',
    text,
    triage: { ...triage, category: triage.category, priority: triage.priority },
    sender: { address: 'oki@surel.example', verified: true, answerable: true, flags: [] },
    nikHash: null,
    suppressReply: false,
    flags: [],
    ...over,
  };
}

const FULL = 'insentif belum cair\nkartu 7741 0093 5528 6614\nhp 0813 7726 0914';
const PARTIAL = 'insentif belum cair';

describe('newTicket', () => {
  it('opens a ready ticket with its service-level clock running for a complete complaint', () => {
    const { ticket, keys } = newTicket(complaint(FULL), 'PRK-00000001', SLA_HOURS);
    expect(ticket).toMatchObject({ ref: 'PRK-00000001', openedBy: 'ses-1', status: 'ready', messageCount: 1 });
    expect(ticket.readyAt).toBe('2024-05-20T02:00:00.000Z');
    expect(ticket.dueAt).not.toBeNull();
    expect(keys.map((k) => k.kind)).toEqual(['card', 'phone', 'email']);
  });

  it('opens a waiting ticket without a clock when fields are missing', () => {
    const { ticket } = newTicket(complaint(PARTIAL), 'PRK-00000001', SLA_HOURS);
    expect(ticket).toMatchObject({ status: 'waiting_participant', missing: ['cardNumber', 'phone'], dueAt: null });
  });

  it('continues a long-resolved ticket: linked to it, knowing what it knew', () => {
    const old = newTicket(complaint(FULL), 'PRK-00000001', SLA_HOURS).ticket;
    const { ticket } = newTicket(complaint(PARTIAL), 'PRK-00000002', SLA_HOURS, { continues: old });
    expect(ticket).toMatchObject({ linkedTo: 'PRK-00000001', status: 'ready', missing: [] });
  });
});

describe('routeReference', () => {
  const base = newTicket(complaint(FULL), 'PRK-00000001', SLA_HOURS).ticket;
  it('threads into an open ticket, reopens within 7 days of resolution, continues it after', () => {
    expect(routeReference(base, '2024-05-21T00:00:00.000Z')).toMatchObject({ kind: 'join', outcome: 'threaded' });
    const resolved: Ticket = { ...base, status: 'resolved', resolvedAt: '2024-05-21T00:00:00.000Z' };
    expect(routeReference(resolved, '2024-05-27T00:00:00.000Z')).toMatchObject({ kind: 'join', outcome: 'reopened' });
    expect(routeReference(resolved, '2024-05-29T00:00:00.000Z')).toEqual({ kind: 'continue', from: resolved });
  });
});

describe('joinUpdate', () => {
  const waiting = newTicket(complaint(PARTIAL), 'PRK-00000001', SLA_HOURS).ticket;

  it('fills the gaps and puts a now complete ticket on the work list, starting its clock', () => {
    const u = joinUpdate(complaint(FULL, { receivedAt: '2024-05-21T03:00:00.000Z' }), 'threaded', SLA_HOURS)(waiting);
    expect(u).toMatchObject({ status: 'ready', missing: [], readyAt: '2024-05-21T03:00:00.000Z' });
    expect(u.fields.cardNumber).toBe('7741009355286614');
  });

  it('leaves a claimed ticket with its agent', () => {
    const claimed: Ticket = { ...waiting, status: 'claimed' };
    expect(joinUpdate(complaint(FULL), 'merged', SLA_HOURS)(claimed).status).toBe('claimed');
  });

  it('links only the keys a ticket gains, or all when it was closed', () => {
    const full = newTicket(complaint(FULL), 'PRK-00000002', SLA_HOURS).ticket;
    const u = joinUpdate(complaint(FULL), 'merged', SLA_HOURS)(waiting);
    expect(keysToLink(waiting, u).map((k) => k.kind)).toEqual(['card', 'phone']);
    expect(keysToLink({ ...full, status: 'resolved' }, u).map((k) => k.kind)).toEqual(['card', 'phone', 'email']);
  });
});

describe('storedMessage', () => {
  it('masks the NIK however it is grouped, in the text and the fields', () => {
    const c = complaint('NIK: 3302-1408-7105-0007\nkartu 7741009355286614 insentif belum cair, NIK 3302140871050007');
    const m = storedMessage(c, 'created', 'incentive');
    expect(m.text).not.toMatch(/3302.?1408.?7105.?0007/);
    expect(m.text.match(/3302\*{12}/g)).toHaveLength(2);
    expect(m.fields.nik).toBe('3302********0007');
  });

  it('bounds every part a sender controls', () => {
    const long = 'x'.repeat(100_000);
    const c = complaint(FULL, { subject: long, text: long, from: `${long}@surel.example` });
    c.triage = {
      ...c.triage,
      messageId: `<${long}>`,
      evidence: Array.from(
        { length: 500 },
        () => c.triage.evidence[0] ?? { field: 'category', source: 'new', detail: long },
      ),
    };
    const m = storedMessage(c, 'created', 'incentive');
    expect(m.subject.length).toBe(STORED_LIMITS.subject);
    expect(m.text.length).toBe(STORED_LIMITS.text);
    expect(m.from?.length).toBe(STORED_LIMITS.header);
    expect(m.messageId?.length).toBe(STORED_LIMITS.header);
    expect(m.evidence.length).toBe(STORED_LIMITS.evidence);
  });
});

describe('replyDecision', () => {
  it('asks for what the ticket still lacks, acknowledges a complete one, and never answers suppressed mail', () => {
    const c = complaint(PARTIAL);
    const waiting = newTicket(c, 'PRK-00000001', SLA_HOURS).ticket;
    expect(replyDecision(c, waiting, 'created')).toBe('ask_missing');
    expect(replyDecision(c, { ...waiting, missing: [] }, 'created')).toBe('acknowledge');
    expect(replyDecision({ ...c, suppressReply: true }, waiting, 'created')).toBe('none');
  });

  it('answers a status question from the ticket’s participant about an open ticket it joined with the status', () => {
    // Prepare
    const question = complaint('min laporan saya sudah sampai mana ya?');
    const open = newTicket(complaint(FULL), 'PRK-00000001', SLA_HOURS).ticket;

    // Act / Assess
    expect(question.triage.asksStatus).toBe(true);
    expect(replyDecision(question, open, 'merged')).toBe('status');
    expect(replyDecision(question, { ...open, status: 'waiting_participant' }, 'threaded')).toBe('status');
  });

  it('answers a status question the ordinary way when it opened a ticket, reopened one, comes from someone else or is suppressed', () => {
    // Prepare
    const question = complaint('min laporan saya sudah sampai mana ya?');
    const open = newTicket(complaint(FULL), 'PRK-00000001', SLA_HOURS).ticket;
    const otherSender = { ...question, from: 'orang.lain@surel.example' };

    // Act / Assess
    expect(replyDecision(question, open, 'created')).toBe('acknowledge');
    expect(replyDecision(question, open, 'reopened')).toBe('acknowledge');
    expect(replyDecision(otherSender, open, 'threaded')).toBe('acknowledge');
    expect(replyDecision({ ...question, suppressReply: true }, open, 'merged')).toBe('none');
  });
});
