/**
 * Every reply links the ticket's status page and says when to expect an answer (from the ticket's
 * due time, in WIB service hours); the status reply answers "where does my complaint stand?".
 */
import type { ReplyProgress } from '#core/status.ts';
import { REPLY_KINDS, type ReplyContent, renderReply } from '#core/templates.ts';

const URL = 'http://127.0.0.1:3000/cek/PRK-7K3M9Q2X';
// Monday 11 March 2024: received 09:00 WIB, complete at 11:00 WIB, due Wednesday 11:00 WIB.
const READY: ReplyProgress = {
  status: 'ready',
  createdAt: '2024-03-11T02:00:00.000Z',
  updatedAt: '2024-03-11T04:00:00.000Z',
  readyAt: '2024-03-11T04:00:00.000Z',
  dueAt: '2024-03-13T04:00:00.000Z',
  serviceHours: 24,
  resolvedAt: null,
};
const WAITING: ReplyProgress = {
  ...READY,
  status: 'waiting_participant',
  readyAt: null,
  dueAt: null,
  serviceHours: 48,
};

const content = (over: Partial<ReplyContent>): ReplyContent => ({
  kind: 'acknowledge',
  ticketRef: 'PRK-7K3M9Q2X',
  category: 'incentive',
  statusUrl: URL,
  progress: READY,
  at: '2024-03-11T04:00:30.000Z',
  ...over,
});

describe('replies and the status page', () => {
  it('link every kind of reply to the status page, clickable in HTML, opening a new tab without a referrer', () => {
    // The satisfaction survey is not a reply about the complaint: it asks for one rating, its links are the ratings.
    for (const kind of REPLY_KINDS.filter((k) => k !== 'survey')) {
      // Act
      const r = renderReply(
        content({ kind, body: 'Sudah kami proses.', missing: ['phone'], closesAt: '2024-03-20T04:00:00.000Z' }),
      );

      // Assess
      expect(r.text).toContain(`Pantau status pengaduan Anda kapan saja di ${URL} (masukkan email atau nomor HP`);
      expect(r.html).toContain(`<a href="${URL}" target="_blank" rel="noopener noreferrer">${URL}</a>`);
    }
  });

  it('tell a complete complaint by when to expect the answer, from its due time in service hours', () => {
    // Act
    const r = renderReply(content({ kind: 'acknowledge' }));

    // Assess: 11:00 Monday → 11:00 Wednesday WIB is 9 + 12 + 3 = 24 service hours
    expect(r.text).toContain(
      'Perkiraan jawaban: paling lambat Rabu, 13 Maret 2024 pukul 11.00 WIB (sekitar 24 jam layanan lagi). Jam layanan kami 08.00–20.00 WIB setiap hari.',
    );
  });

  it('tell a complaint waiting for data the target that starts once it is complete', () => {
    // Act
    const r = renderReply(content({ kind: 'ask_missing', missing: ['cardNumber'], progress: WAITING }));

    // Assess
    expect(r.text).toContain('Setelah data Anda lengkap, kami menjawab paling lambat 48 jam layanan kemudian.');
  });

  it('leave the expected time out when the job does not carry the ticket’s progress', () => {
    const r = renderReply(content({ progress: undefined }));
    expect(r.text).not.toContain('Perkiraan jawaban');
    expect(r.text).toContain(URL);
  });

  it('answer a status question with the current step, the timeline in WIB, what is missing and the expected time', () => {
    // Act
    const r = renderReply(
      content({ kind: 'status', progress: WAITING, missing: ['cardNumber', 'phone'], at: '2024-03-11T06:00:00.000Z' }),
    );

    // Assess
    expect(r.subject).toBe('[PRK-7K3M9Q2X] Status pengaduan Anda');
    expect(r.text).toContain('Status saat ini: Menunggu data dari Anda.');
    expect(r.text).toContain(
      [
        '- Diterima: Senin, 11 Maret 2024 pukul 09.00 WIB',
        '- Menunggu data dari Anda: sejak Senin, 11 Maret 2024 pukul 09.00 WIB',
        '- Sedang ditangani: belum',
        '- Dijawab: belum',
        '- Ditutup: belum',
      ].join('\n'),
    );
    expect(r.text).toContain('mohon lengkapi data berikut dengan membalas email ini:\n\n- Nomor Kartu Prakerja');
    expect(r.text).toContain('- Nomor HP yang terdaftar di akun Prakerja, contoh: 08xx-xxxx-xxxx');
    expect(r.text).toContain('Setelah data Anda lengkap, kami menjawab paling lambat 48 jam layanan kemudian.');
    expect(r.html).toContain('<li>Sedang ditangani: belum</li>');
  });

  it('answer a status question about a ticket being handled with no request for data', () => {
    // Act
    const r = renderReply(content({ kind: 'status', missing: [], at: '2024-03-12T02:00:00.000Z' }));

    // Assess
    expect(r.text).toContain('Status saat ini: Sedang ditangani.');
    expect(r.text).toContain('- Dijawab: paling lambat Rabu, 13 Maret 2024 pukul 11.00 WIB');
    expect(r.text).toContain('(sekitar 14 jam layanan lagi)'); // Tuesday 09:00-20:00 and Wednesday 08:00-11:00 WIB
    expect(r.text).not.toContain('mohon lengkapi');
  });
});
