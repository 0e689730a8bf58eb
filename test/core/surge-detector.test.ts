import { MemorySurgeState } from '#adapters/memory/surge-state.ts';
import { type FiledTicket, SurgeDetector } from '#core/surge/detector.ts';
import { bucketOf, DEFAULT_SETTINGS, type Incident } from '#core/surge/model.ts';
import type { Category } from '#core/types.ts';

const settings = { ...DEFAULT_SETTINGS, minBaselineParticipants: 400 };
const T0 = Date.parse('2025-03-04T00:00:00.000Z');
const MINUTE = 60_000;

// Everyday complaints, written for this test; the number varies the wording a little.
const EVERYDAY: [Category, (i: number) => string][] = [
  [
    'incentive',
    (i) => `insentif saya belum masuk ke ${['ovo', 'gopay', 'linkaja'][i % 3]} sudah ${2 + (i % 5)} minggu`,
  ],
  ['incentive', () => 'status insentif di dashboard gagal padahal rekening aktif'],
  ['certificate', (i) => `sertifikat pelatihan ${['excel', 'desain', 'menjahit'][i % 3]} belum muncul di dashboard`],
  ['certificate', () => 'sudah kasih ulasan tapi status pelatihan masih belum selesai'],
  ['training', () => 'kode voucher tidak bisa ditukar katanya sudah terpakai'],
  ['account', () => 'kode otp tidak pernah masuk ke nomor hp saya'],
  ['registration', () => 'muncul pesan nik sudah terdaftar waktu daftar'],
  ['general', () => 'kapan pembukaan gelombang berikutnya'],
];
// A platform nobody mentioned before goes down: each participant says it differently.
const OUTAGE = [
  (i: number) => `aplikasi kelasku tidak bisa dibuka sejak ${i % 2 ? 'pagi' : 'tadi'} layar putih`,
  () => 'kelasku error terus tidak bisa lanjut pelatihan',
  () => 'gagal login ke kelasku muncul pesan server sibuk',
  () => 'video di kelasku berhenti terus dan keluar sendiri',
];

let serial = 0;
function ticket(at: number, category: Category, body: string, participant?: string): FiledTicket {
  serial++;
  return {
    ref: `PRK-${String(serial).padStart(8, '0')}`,
    participant: participant ?? `hash-${serial}`,
    category,
    filedAt: new Date(at).toISOString(),
    subject: '',
    body,
    senderName: null,
    senderAddress: null,
  };
}

/** Files everyday tickets every 30 s and evaluates every minute, from `from` to `to` (minutes after T0). */
async function everyday(
  detector: SurgeDetector,
  from: number,
  to: number,
  extra: (minute: number) => FiledTicket[] = () => [],
) {
  const proposed: Incident[] = [];
  for (let minute = from; minute < to; minute++) {
    for (const half of [0, 0.5]) {
      const i = serial;
      const [category, text] = EVERYDAY[i % EVERYDAY.length] as [Category, (i: number) => string];
      await detector.observe(ticket(T0 + (minute + half) * MINUTE, category, text(i)));
    }
    for (const t of extra(minute)) await detector.observe(t);
    proposed.push(...(await detector.evaluate(new Date(T0 + (minute + 1) * MINUTE).toISOString())).proposed);
  }
  return proposed;
}

describe('surge detector', () => {
  it('proposes nothing on ordinary days, however many tickets come', async () => {
    // Prepare
    const detector = new SurgeDetector(new MemorySurgeState(settings), settings);

    // Act: six hours of the usual mix
    const proposed = await everyday(detector, 0, 360);

    // Assess
    expect(proposed).toEqual([]);
  });

  it('proposes one incident for many participants with one new problem, with exactly their tickets', async () => {
    // Prepare: four hours of baseline, then 40 participants report the outage within 10 minutes
    const state = new MemorySurgeState(settings);
    const detector = new SurgeDetector(state, settings);
    await everyday(detector, 0, 240);
    const outage: string[] = [];
    const report = (minute: number) =>
      minute >= 240 && minute < 250
        ? [0, 1, 2, 3].map((k) => {
            const t = ticket(T0 + (minute + k / 4) * MINUTE, 'training', (OUTAGE[k] as (i: number) => string)(minute));
            outage.push(t.ref);
            return t;
          })
        : [];

    // Act
    const proposed = await everyday(detector, 240, 270, report);

    // Assess: one incident, within 15 minutes of the first report, covering the reports only
    expect(proposed).toHaveLength(1);
    const incident = proposed[0] as Incident;
    expect(Date.parse(incident.proposedAt) - (T0 + 240 * MINUTE)).toBeLessThanOrEqual(15 * MINUTE);
    expect(incident.topTerms).toContain('kelasku');
    expect(incident.evidence.seed).toBe('kelasku');
    const members = (await state.members(incident.id)).map((m) => m.ref);
    expect(new Set(members)).toEqual(new Set(outage));
    const stored = await state.getIncident(incident.id);
    expect(stored?.tickets).toBe(40);
    expect(stored?.participants).toBe(40);
    expect(stored?.examples.length).toBeGreaterThan(0);
  });

  it('joins a matching ticket to the open incident as it is filed, and leaves others alone', async () => {
    // Prepare
    const state = new MemorySurgeState(settings);
    const detector = new SurgeDetector(state, settings);
    await everyday(detector, 0, 240);
    const report = (minute: number) =>
      minute >= 240 && minute < 250
        ? [0, 1, 2, 3].map((k) =>
            ticket(T0 + (minute + k / 4) * MINUTE, 'training', (OUTAGE[k] as (i: number) => string)(minute)),
          )
        : [];
    const [incident] = await everyday(detector, 240, 260, report);

    // Act
    const late = await detector.observe(ticket(T0 + 261 * MINUTE, 'account', 'tidak bisa login kelasku dari tadi'));
    const unrelated = await detector.observe(ticket(T0 + 261 * MINUTE, 'account', 'kode otp tidak pernah masuk'));

    // Assess
    expect(late.incident?.id).toBe(incident?.id);
    expect(late.incident?.tickets).toBe(41);
    expect(late.observation.incidentId).toBe(incident?.id);
    expect(unrelated.incident).toBeNull();
  });

  it('does not propose for one participant writing thirty times about a new problem', async () => {
    // Prepare
    const detector = new SurgeDetector(new MemorySurgeState(settings), settings);
    await everyday(detector, 0, 240);
    const again = (minute: number) =>
      minute >= 240 && minute < 270
        ? [ticket(T0 + minute * MINUTE, 'general', 'poin mitra saya hilang tolong kembalikan', 'one-participant')]
        : [];

    // Act / Assess
    expect(await everyday(detector, 240, 280, again)).toEqual([]);
  });

  it('does not propose the same surge again after a supervisor dismissed it (cool-down)', async () => {
    // Prepare: a surge, proposed and dismissed
    const detector = new SurgeDetector(new MemorySurgeState(settings), settings);
    await everyday(detector, 0, 240);
    const reports = (from: number, to: number) => (minute: number) =>
      minute >= from && minute < to
        ? [0, 1, 2, 3].map((k) =>
            ticket(T0 + (minute + k / 4) * MINUTE, 'training', (OUTAGE[k] as (i: number) => string)(minute)),
          )
        : [];
    const [incident] = await everyday(detector, 240, 260, reports(240, 250));
    const dismissed = await detector.decide(
      incident?.id as string,
      { action: 'dismiss' },
      'sup-1',
      new Date(T0 + 260 * MINUTE).toISOString(),
    );

    // Act: the same reports keep coming
    const again = await everyday(detector, 260, 300, reports(260, 290));

    // Assess
    expect(dismissed.ok).toBe(true);
    expect(again).toEqual([]);
  });

  it('reports an unknown incident and a decision that does not fit as error values', async () => {
    const detector = new SurgeDetector(new MemorySurgeState(settings), settings);
    expect(await detector.decide('SRG-NONE', { action: 'close' }, 'sup-1', new Date(T0).toISOString())).toEqual({
      ok: false,
      error: { kind: 'NotFound', message: 'no incident SRG-NONE' },
    });
  });
});

describe('surge baseline in the detector', () => {
  it('folds a bucket only once it has left the window: the baseline never holds what it is compared with', async () => {
    // Prepare
    const state = new MemorySurgeState(settings);
    const detector = new SurgeDetector(state, settings);

    // Act: an hour of tickets, evaluated every minute
    await everyday(detector, 0, 60);

    // Assess: at minute 60 the window starts at minute 45, bucket 9 (5-minute buckets from T0)
    const baseline = await state.loadBaseline();
    expect(baseline.through).toBe(bucketOf(T0 + 45 * MINUTE, settings) - 1);
    expect(baseline.seen).toBe(90); // two tickets a minute for minutes 0-44
  });
});

describe('memory surge state', () => {
  it('keeps a redelivered ticket once', async () => {
    // Prepare
    const state = new MemorySurgeState(settings);
    const detector = new SurgeDetector(state, settings);
    const t = ticket(T0, 'general', 'kapan pembukaan gelombang berikutnya');

    // Act
    await detector.observe(t);
    await detector.observe(t);

    // Assess
    expect(await state.observations(new Date(T0).toISOString(), new Date(T0 + MINUTE).toISOString())).toHaveLength(1);
  });

  it('refuses a stale write of an incident or the baseline', async () => {
    const state = new MemorySurgeState(settings);
    const baseline = await state.loadBaseline();
    expect(await state.saveBaseline({ ...baseline, through: 7 }, null)).toBe(true);
    expect(await state.saveBaseline({ ...baseline, through: 8 }, null)).toBe(false);
  });
});
