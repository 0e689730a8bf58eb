/**
 * Waiting for the participant (core/waiting.ts): when the reminder and the close are due, in
 * service days, who gets their mails, and what those mails say.
 */
import { buildReply } from '#core/reply-message.ts';
import { FIELD_REQUESTS, renderReply } from '#core/templates.ts';
import { closesUnansweredAt, DEFAULT_WAITING_POLICY, waitingCutoffs, waitingMail, waitingStep } from '#core/waiting.ts';

// Monday 20 May 2024, 09:30 WIB.
const SINCE = '2024-05-20T02:30:00.000Z';
const waiting = { status: 'waiting_participant' as const, createdAt: SINCE, waitingSince: SINCE, remindedAt: null };
const stepAt = (t: Parameters<typeof waitingStep>[0], at: string) => waitingStep(t, at, DEFAULT_WAITING_POLICY);

describe('the wait for the participant', () => {
  it('is due for its reminder after 3 service days (36 service hours: nights do not count)', () => {
    expect(stepAt(waiting, '2024-05-23T02:29:59.999Z')).toBeNull(); // Thursday 09:29:59 WIB
    expect(stepAt(waiting, '2024-05-23T02:30:00.000Z')).toBe('remind');
  });

  it('is due to close 7 service days after the reminder, the time the reminder announces', () => {
    const reminded = { ...waiting, remindedAt: '2024-05-23T02:30:00.000Z' };
    const closesAt = closesUnansweredAt(reminded.remindedAt, DEFAULT_WAITING_POLICY);
    expect(closesAt).toBe('2024-05-30T02:30:00.000Z');
    expect(stepAt(reminded, '2024-05-30T02:29:59.999Z')).toBeNull();
    expect(stepAt(reminded, closesAt)).toBe('close');
  });

  it('counts from the opening of a ticket stored before waits were kept, and never for a ticket not waiting', () => {
    expect(stepAt({ ...waiting, waitingSince: null }, '2024-05-23T02:30:00.000Z')).toBe('remind');
    expect(stepAt({ ...waiting, status: 'ready' }, '2024-06-30T00:00:00.000Z')).toBeNull();
  });

  it('reads its lists up to the latest wait start and reminder that are due', () => {
    expect(waitingCutoffs('2024-05-23T02:30:00.000Z', DEFAULT_WAITING_POLICY)).toEqual({
      remindIfWaitingSince: SINCE,
      closeIfRemindedAt: '2024-05-16T02:30:00.000Z',
    });
  });
});

describe('mails about the wait', () => {
  it('go only to a verified sender’s address that is not a machine’s and that SES sends to', () => {
    expect(waitingMail({ replyTo: 'Wulan.P@Kotakmasuk.example', senderVerified: true })).toEqual({
      send: true,
      to: 'Wulan.P@kotakmasuk.example',
    });
    expect(waitingMail({ replyTo: 'wulan.p@kotakmasuk.example', senderVerified: false })).toMatchObject({
      send: false,
      reason: 'unverified-sender',
    });
    expect(waitingMail({ replyTo: 'no-reply@kotakmasuk.example', senderVerified: true })).toMatchObject({
      send: false,
      reason: 'automated-address',
    });
    expect(waitingMail({ replyTo: null, senderVerified: true })).toMatchObject({ send: false, reason: 'no-address' });
    expect(waitingMail({ replyTo: 'wulan@[192.0.2.7]', senderVerified: true })).toMatchObject({
      send: false,
      reason: 'undeliverable',
    });
  });

  it('remind of exactly what is missing and say, in WIB, when the ticket closes and that a reply continues it', () => {
    const r = renderReply({
      kind: 'waiting_reminder',
      ticketRef: 'PRK-4R7T2W9Q',
      category: 'incentive',
      missing: ['phone'],
      closesAt: '2024-05-30T02:30:00.000Z',
    });
    expect(r.subject).toBe('[PRK-4R7T2W9Q] Pengingat: kami masih menunggu balasan Anda');
    expect(r.text).toContain(`- ${FIELD_REQUESTS.phone.label}, contoh: ${FIELD_REQUESTS.phone.example}`);
    expect(r.text).not.toContain(FIELD_REQUESTS.cardNumber.label);
    expect(r.text).toContain('Bila sampai Kamis, 30 Mei 2024 pukul 09.30 WIB kami belum menerima balasan Anda');
    expect(r.text).toContain('tetap dapat membalas email ini untuk melanjutkan pengaduan Anda');
  });

  it('refer to an agent’s question, without repeating it, when no data is missing', () => {
    const r = renderReply({
      kind: 'waiting_reminder',
      ticketRef: 'PRK-4R7T2W9Q',
      category: 'incentive',
      missing: [],
      closesAt: '2024-05-30T02:30:00.000Z',
    });
    expect(r.text).toContain('jawaban Anda atas pertanyaan petugas kami');
    expect(r.text).not.toContain('contoh:');
  });

  it('tell the participant the ticket is closed, what is still needed, and that answering continues it', () => {
    const r = renderReply({
      kind: 'closed_unanswered',
      ticketRef: 'PRK-4R7T2W9Q',
      category: 'incentive',
      missing: ['phone'],
    });
    expect(r.subject).toBe('[PRK-4R7T2W9Q] Tiket pengaduan Anda kami tutup');
    expect(r.text).toContain(FIELD_REQUESTS.phone.label);
    expect(r.text).toContain('cukup balas email ini tanpa mengubah subjeknya');
    expect(r.text).toContain('nomor tiket baru yang terhubung ke tiket PRK-4R7T2W9Q');
  });

  it('are marked as sent on our own initiative (RFC 3834 auto-generated), like the survey', () => {
    for (const kind of ['waiting_reminder', 'closed_unanswered'] as const) {
      const mail = buildReply(
        { kind, ticketRef: 'PRK-4R7T2W9Q', category: 'incentive', missing: [], closesAt: '2024-05-30T02:30:00.000Z' },
        {
          jobId: `j-${kind}`,
          from: 'pengaduan@prakerja.example.id',
          to: 'w@kotakmasuk.example',
          inReplyTo: null,
          references: [],
        },
      );
      expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
    }
  });
});
