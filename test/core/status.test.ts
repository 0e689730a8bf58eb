/**
 * The participant's view of a ticket: the timeline from the ticket's own times, the expected
 * answer in service hours (08:00-20:00 WIB), and how both read in Indonesian.
 */
import { expectedAnswer, participantStatus, type TicketProgress, timeline } from '#core/status.ts';
import { expectedAnswerText, STEP_LABELS, statusPageUrl, stepWhen } from '#core/status-text.ts';
import { formatWib } from '#core/wib.ts';

// Monday 11 March 2024, 09:00 WIB = 02:00 UTC.
const CREATED = '2024-03-11T02:00:00.000Z';
const waiting: TicketProgress = {
  status: 'waiting_participant',
  createdAt: CREATED,
  updatedAt: CREATED,
  readyAt: null,
  dueAt: null,
  resolvedAt: null,
};
// Data completed at 11:00 WIB; 24 service hours later: 9 on Monday, 12 on Tuesday, 3 on Wednesday = Wednesday 11:00 WIB.
const ready: TicketProgress = {
  ...waiting,
  status: 'ready',
  readyAt: '2024-03-11T04:00:00.000Z',
  updatedAt: '2024-03-11T04:00:00.000Z',
  dueAt: '2024-03-13T04:00:00.000Z',
};
const resolved: TicketProgress = {
  ...ready,
  status: 'resolved',
  resolvedAt: '2024-03-12T03:00:00.000Z',
  updatedAt: '2024-03-12T03:00:00.000Z',
};

const states = (t: TicketProgress, now: string) => timeline(t, now).map((s) => `${s.step}:${s.state}`);

describe('timeline', () => {
  it('shows a ticket waiting for data as received, then waiting for the participant now', () => {
    // Act
    const steps = timeline(waiting, '2024-03-11T03:00:00.000Z');

    // Assess
    expect(steps.map((s) => `${s.step}:${s.state}`)).toEqual([
      'received:done',
      'waiting_data:current',
      'in_progress:upcoming',
      'answered:upcoming',
      'closed:upcoming',
    ]);
    expect(steps[0]?.at).toBe(CREATED);
    expect(steps.find((s) => s.step === 'answered')?.at).toBeNull();
  });

  it('keeps the waiting step as done once the data came, and shows the ticket being handled since then', () => {
    // Act
    const steps = timeline(ready, '2024-03-11T05:00:00.000Z');

    // Assess
    expect(steps.map((s) => `${s.step}:${s.state}`)).toEqual([
      'received:done',
      'waiting_data:done',
      'in_progress:current',
      'answered:upcoming',
      'closed:upcoming',
    ]);
    expect(steps.find((s) => s.step === 'in_progress')?.at).toBe(ready.readyAt);
    expect(steps.find((s) => s.step === 'answered')?.at).toBe(ready.dueAt);
  });

  it('leaves out the waiting step for a complaint complete from its first mail', () => {
    // Prepare
    const complete: TicketProgress = { ...ready, readyAt: CREATED };

    // Act / Assess
    expect(states(complete, '2024-03-11T05:00:00.000Z')).toEqual([
      'received:done',
      'in_progress:current',
      'answered:upcoming',
      'closed:upcoming',
    ]);
  });

  it('shows an agent holding the ticket as still being handled', () => {
    expect(states({ ...ready, status: 'claimed' }, '2024-03-11T05:00:00.000Z')).toContain('in_progress:current');
  });

  it('marks an answered ticket answered, and closed only once the reopen window has passed', () => {
    // Act
    const fresh = timeline(resolved, '2024-03-12T04:00:00.000Z');
    const later = timeline(resolved, '2024-03-19T03:00:00.000Z');

    // Assess
    expect(fresh.map((s) => `${s.step}:${s.state}`)).toEqual([
      'received:done',
      'waiting_data:done',
      'in_progress:done',
      'answered:done',
      'closed:upcoming',
    ]);
    expect(fresh.at(-1)?.at).toBe('2024-03-19T03:00:00.000Z'); // seven days after the answer
    expect(later.at(-1)).toEqual({ step: 'closed', state: 'done', at: '2024-03-19T03:00:00.000Z' });
  });

  it('shows a reopened ticket as being handled again, not as answered', () => {
    // Prepare: reopened: ready again, the earlier answer's time still on the ticket
    const reopened: TicketProgress = { ...resolved, status: 'ready', readyAt: '2024-03-14T02:00:00.000Z' };

    // Act / Assess
    expect(states(reopened, '2024-03-14T03:00:00.000Z')).toEqual([
      'received:done',
      'waiting_data:done',
      'in_progress:current',
      'answered:upcoming',
      'closed:upcoming',
    ]);
  });
});

describe('a ticket closed because the participant did not answer', () => {
  const CLOSED_AT = '2024-03-28T03:00:00.000Z';
  const closed: TicketProgress = { ...waiting, status: 'closed', updatedAt: CLOSED_AT };

  it('reads as closed after waiting for data, never as handled or answered', () => {
    // Act
    const s = participantStatus(closed, '2024-03-29T00:00:00.000Z', 48);

    // Assess
    expect(s.steps.map((x) => `${x.step}:${x.state}`)).toEqual(['received:done', 'waiting_data:done', 'closed:done']);
    expect(s.steps.at(-1)?.at).toBe(CLOSED_AT);
    expect(s.current).toBe('closed');
    expect(s.expected).toEqual({ kind: 'closed_unanswered', at: CLOSED_AT });
    expect(expectedAnswerText(s.expected)).toBe(
      `Tiket ini kami tutup pada ${formatWib(CLOSED_AT)} karena kami tidak menerima balasan Anda atas permintaan kami. Bila masalah Anda belum selesai, balas email kami tentang tiket ini untuk melanjutkannya.`,
    );
  });

  it('shows the handling before an agent’s question that was never answered', () => {
    const asked: TicketProgress = { ...ready, status: 'closed', updatedAt: CLOSED_AT };
    expect(states(asked, '2024-03-29T00:00:00.000Z')).toEqual(['received:done', 'in_progress:done', 'closed:done']);
  });
});

describe('participantStatus', () => {
  it('names the step the complaint is at now', () => {
    expect(participantStatus(waiting, CREATED, 48).current).toBe('waiting_data');
    expect(participantStatus(ready, CREATED, 24).current).toBe('in_progress');
    expect(participantStatus(resolved, '2024-03-12T04:00:00.000Z', 24).current).toBe('answered');
    expect(participantStatus(resolved, '2024-03-20T00:00:00.000Z', 24).current).toBe('closed');
  });
});

describe('expectedAnswer', () => {
  it('counts the service hours left until the due time, skipping the nights', () => {
    // Monday 18:00 WIB: 2 h left on Monday, 12 on Tuesday, 3 on Wednesday until 11:00 WIB.
    expect(expectedAnswer(ready, '2024-03-11T11:00:00.000Z', 24)).toEqual({
      kind: 'by',
      dueAt: ready.dueAt,
      serviceHoursLeft: 17,
    });
  });

  it('counts no hours during the night before the next opening', () => {
    // Tuesday 21:00 WIB to Wednesday 11:00 WIB: 3 service hours.
    expect(expectedAnswer(ready, '2024-03-12T14:00:00.000Z', 24)).toMatchObject({ serviceHoursLeft: 3 });
  });

  it('says overdue once the due time has passed without an answer', () => {
    expect(expectedAnswer(ready, '2024-03-13T04:00:00.000Z', 24)).toEqual({ kind: 'overdue', dueAt: ready.dueAt });
  });

  it('gives the category target while the data is incomplete (the clock has not started)', () => {
    expect(expectedAnswer(waiting, CREATED, 48)).toEqual({ kind: 'after_data', serviceHours: 48 });
  });

  it('gives the answer time once answered', () => {
    expect(expectedAnswer(resolved, '2024-03-12T04:00:00.000Z', 24)).toEqual({
      kind: 'answered',
      at: resolved.resolvedAt,
    });
  });
});

describe('status wording', () => {
  it('writes times in WIB with Indonesian day and month names', () => {
    expect(formatWib('2024-03-11T02:05:00.000Z')).toBe('Senin, 11 Maret 2024 pukul 09.05 WIB');
    expect(formatWib('2024-03-11T17:30:00.000Z')).toBe('Selasa, 12 Maret 2024 pukul 00.30 WIB'); // past midnight WIB
  });

  it('says by when to expect the answer and how many service hours that is', () => {
    const text = expectedAnswerText(expectedAnswer(ready, '2024-03-11T11:00:00.000Z', 24));
    expect(text).toBe(
      'Perkiraan jawaban: paling lambat Rabu, 13 Maret 2024 pukul 11.00 WIB (sekitar 17 jam layanan lagi). Jam layanan kami 08.00–20.00 WIB setiap hari.',
    );
  });

  it('says less than an hour rather than zero hours', () => {
    const text = expectedAnswerText({ kind: 'by', dueAt: ready.dueAt ?? '', serviceHoursLeft: 0.25 });
    expect(text).toContain('kurang dari 1 jam layanan lagi');
  });

  it('says the target in service hours while waiting for data', () => {
    expect(expectedAnswerText({ kind: 'after_data', serviceHours: 48 })).toContain(
      'Setelah data Anda lengkap, kami menjawab paling lambat 48 jam layanan kemudian.',
    );
  });

  it('labels each step and its time', () => {
    const steps = timeline(ready, '2024-03-11T05:00:00.000Z');
    expect(steps.map((s) => `${STEP_LABELS[s.step]}: ${stepWhen(s)}`)).toEqual([
      'Diterima: Senin, 11 Maret 2024 pukul 09.00 WIB',
      'Menunggu data dari Anda: Senin, 11 Maret 2024 pukul 09.00 WIB',
      'Sedang ditangani: sejak Senin, 11 Maret 2024 pukul 11.00 WIB',
      'Dijawab: paling lambat Rabu, 13 Maret 2024 pukul 11.00 WIB',
      'Ditutup: belum',
    ]);
  });

  it('builds the status page link under the base URL, with or without a trailing slash', () => {
    expect(statusPageUrl('http://127.0.0.1:3000', 'PRK-0A1B2C3D')).toBe('http://127.0.0.1:3000/cek/PRK-0A1B2C3D');
    expect(statusPageUrl('https://abc.example/', 'PRK-0A1B2C3D')).toBe('https://abc.example/cek/PRK-0A1B2C3D');
  });
});
