/**
 * The surge store's contract (in memory and on DynamoDB alike): observations kept once per
 * ticket (one at a time, or new tickets' in one go), the baseline and incidents written only over what the writer read, incidents listed
 * live and past, members linked once per ticket and answered once.
 */
import { minHash } from '#core/surge/minhash.ts';
import type { Incident, Member, Observation } from '#core/surge/model.ts';
import type { SurgeStore } from '#ports';
import type { Storage } from './harness.ts';

const SETTINGS = { bucketMinutes: 5 };
const MINUTE = 60_000;
const T0 = Date.parse('2024-05-20T02:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * MINUTE).toISOString();

function observation(ref: string, minutes: number, over: Partial<Observation> = {}): Observation {
  return {
    ref,
    participant: `peserta-${ref}`,
    category: 'training',
    at: at(minutes),
    bucket: Math.floor((T0 + minutes * MINUTE) / (SETTINGS.bucketMinutes * MINUTE)),
    terms: ['kelasku', 'error', `kata${ref.slice(-1)}`],
    minhash: minHash([`kelasku error ${ref}`]),
    incidentId: null,
    ...over,
  };
}

const member = (o: Observation, over: Partial<Member> = {}): Member => ({
  ref: o.ref,
  participant: o.participant,
  category: o.category,
  at: o.at,
  score: 4.25,
  matched: ['kelasku'],
  minhash: o.minhash,
  ...over,
});

function incident(id: string, over: Partial<Incident> = {}): Incident {
  return {
    id,
    status: 'proposed',
    category: 'training',
    signature: {
      entries: [
        { terms: ['kelasku'], weight: 5.298317366548036, observed: 21, expected: 0.012 },
        { terms: ['error', 'kelasku'], weight: 2.75, observed: 9, expected: 0.5 },
      ],
      phrases: [['pijar', 'mahir']],
      minScore: Math.log(50),
    },
    evidence: { seed: 'kelasku', observed: 21, expected: 0.4, windowMinutes: 15 },
    topTerms: ['kelasku', 'error'],
    proposedAt: at(30),
    firstTicketAt: at(10),
    lastTicketAt: at(29),
    tickets: 0,
    participants: 0,
    timeline: { [at(10)]: 3, [at(15)]: 18 },
    examples: ['PRK-00000001'],
    answer: null,
    decidedBy: null,
    decidedAt: null,
    coolUntil: null,
    version: 0,
    ...over,
  };
}

export function surgeStoreCases(storage: () => Storage): void {
  const store = (): SurgeStore => storage().adapters.surgeStore(SETTINGS);

  it('keeps a ticket’s observation once, returns the stored one on a second record, and reads by time', async () => {
    const a = observation('PRK-0000000A', 1);
    const b = observation('PRK-0000000B', 7);
    const c = observation('PRK-0000000C', 12);
    for (const o of [a, b, c]) expect(await store().record(o)).toEqual(o);
    expect(await store().record({ ...a, terms: ['lain'] })).toEqual(a);
    const sorted = (os: Observation[]) => os.sort((x, y) => (x.ref < y.ref ? -1 : 1));
    expect(sorted(await store().observations(at(0), at(15)))).toEqual([a, b, c]);
    // From inclusive, to exclusive, across buckets
    expect(sorted(await store().observations(at(1), at(12)))).toEqual([a, b]);
    expect(await store().observations(at(13), at(60))).toEqual([]);
  });

  it('hands back a redelivered ticket’s observation with the incident it joined', async () => {
    const o = observation('PRK-0000000D', 3);
    await store().record(o);
    await store().saveIncident(incident('SRG-A'), null);
    await store().addMembers('SRG-A', [member(o)]);
    expect(await store().record(o)).toEqual({ ...o, incidentId: 'SRG-A' });
    expect(await store().observations(at(0), at(5))).toEqual([{ ...o, incidentId: 'SRG-A' }]);
  });

  it('stores new tickets’ observations in one go, each kept as record keeps it and joinable', async () => {
    // Prepare: more than one batch request holds
    const news = Array.from({ length: 27 }, (_, i) =>
      observation(`PRK-1000${String(i).padStart(4, '0')}`, 2 + (i % 9)),
    );
    // Act
    const unstored = await store().recordNew(news);
    // Assess: all read back by time, a later record of one keeps what is stored, a join links it
    expect(unstored).toEqual([]);
    const sorted = (os: Observation[]) => os.sort((x, y) => (x.ref < y.ref ? -1 : 1));
    expect(sorted(await store().observations(at(0), at(15)))).toEqual(news);
    const first = news[0] as Observation;
    expect(await store().record({ ...first, terms: ['lain'] })).toEqual(first);
    await store().saveIncident(incident('SRG-N'), null);
    expect((await store().addMembers('SRG-N', [member(first)])).added).toEqual([member(first)]);
  });

  it('saves the baseline only over the one the writer read', async () => {
    expect(await store().loadBaseline()).toEqual({ through: null, participants: 0, seen: 0, features: {} });
    const first = { through: 100, participants: 12.5, seen: 40, features: { kelasku: 0.25, '#training': 3.125 } };
    expect(await store().saveBaseline(first, 99)).toBe(false);
    expect(await store().saveBaseline(first, null)).toBe(true);
    expect(await store().saveBaseline({ ...first, through: 101 }, null)).toBe(false);
    expect(await store().loadBaseline()).toEqual(first);
    const next = { ...first, through: 101, seen: 52 };
    expect(await store().saveBaseline(next, 100)).toBe(true);
    expect(await store().saveBaseline({ ...next, through: 102 }, 100)).toBe(false);
    expect(await store().loadBaseline()).toEqual(next);
  });

  it('saves an incident only at the version read, and reads back every field', async () => {
    const i = incident('SRG-B');
    expect(await store().saveIncident(i, 3)).toBe(false);
    expect(await store().saveIncident(i, null)).toBe(true);
    expect(await store().saveIncident(i, null)).toBe(false);
    expect(await store().getIncident('SRG-B')).toEqual(i);
    const accepted = {
      ...i,
      status: 'accepted' as const,
      answer: { reply: 'Sudah pulih.', afterwards: 'wait' as const },
    };
    expect(await store().saveIncident(accepted, 0)).toBe(true);
    expect(await store().saveIncident({ ...accepted, tickets: 9 }, 0)).toBe(false);
    expect(await store().getIncident('SRG-B')).toEqual({ ...accepted, version: 1 });
    expect(await store().getIncident('SRG-NONE')).toBeNull();
  });

  it('lists open and cooling incidents as live, and past ones once retired, newest first', async () => {
    const cooled = { status: 'dismissed' as const, coolUntil: at(400), decidedBy: 'sup', decidedAt: at(40) };
    await store().saveIncident(incident('SRG-OPEN', { proposedAt: at(300) }), null);
    await store().saveIncident(incident('SRG-COOL', { ...cooled, proposedAt: at(200) }), null);
    await store().saveIncident(incident('SRG-OLD', { ...cooled, coolUntil: at(100), proposedAt: at(30) }), null);
    const ids = (is: Incident[]) => is.map((i) => i.id);
    expect(ids(await store().liveIncidents(at(350))).sort()).toEqual(['SRG-COOL', 'SRG-OPEN']);
    expect(await store().retire(at(350))).toBe(1);
    expect(await store().retire(at(350))).toBe(0);
    expect(ids(await store().liveIncidents(at(350))).sort()).toEqual(['SRG-COOL', 'SRG-OPEN']);
    expect(ids(await store().incidents(null, 10))).toEqual(['SRG-OPEN', 'SRG-COOL', 'SRG-OLD']);
    expect(ids(await store().incidents('dismissed', 10))).toEqual(['SRG-COOL', 'SRG-OLD']);
    expect(ids(await store().incidents('dismissed', 1))).toEqual(['SRG-COOL']);
    expect(ids(await store().incidents('proposed', 10))).toEqual(['SRG-OPEN']);
    expect(await store().incidents('accepted', 10)).toEqual([]);
  });

  it('brings a retired incident back to the live list when a late supervisor accepts it', async () => {
    const expired = incident('SRG-LATE', { status: 'expired', coolUntil: at(60), decidedBy: 'system' });
    await store().saveIncident(expired, null);
    expect(await store().retire(at(61))).toBe(1);
    const accepted = {
      ...expired,
      status: 'accepted' as const,
      coolUntil: null,
      answer: { reply: 'x', afterwards: 'resolve' as const },
    };
    expect(await store().saveIncident(accepted, 0)).toBe(true);
    expect((await store().liveIncidents(at(500))).map((i) => i.id)).toEqual(['SRG-LATE']);
    expect(await store().retire(at(500))).toBe(0);
  });

  it('links each observed ticket to one incident, once, and counts new participants', async () => {
    const a = observation('PRK-0000000E', 1);
    const b = observation('PRK-0000000F', 2, { participant: 'peserta-PRK-0000000E' });
    const c = observation('PRK-0000000G', 6);
    const unobserved = observation('PRK-0000000H', 7);
    for (const o of [a, b, c]) await store().record(o);
    await store().saveIncident(incident('SRG-C'), null);
    await store().saveIncident(incident('SRG-D'), null);

    const first = await store().addMembers('SRG-C', [member(a), member(b), member(unobserved)]);
    expect(first.added.map((m) => m.ref).sort()).toEqual([a.ref, b.ref]);
    expect(first.newParticipants).toBe(1);
    // Again, and into another incident: nothing moves
    expect(await store().addMembers('SRG-C', [member(a)])).toEqual({ added: [], newParticipants: 0 });
    expect(await store().addMembers('SRG-D', [member(b)])).toEqual({ added: [], newParticipants: 0 });
    const later = await store().addMembers('SRG-C', [member(c)]);
    expect(later).toEqual({ added: [member(c)], newParticipants: 1 });

    expect(await store().members('SRG-C')).toEqual([member(a), member(b), member(c)]);
    expect(await store().members('SRG-D')).toEqual([]);
    const inWindow = await store().observations(at(0), at(10));
    expect(Object.fromEntries(inWindow.map((o) => [o.ref, o.incidentId]))).toEqual({
      [a.ref]: 'SRG-C',
      [b.ref]: 'SRG-C',
      [c.ref]: 'SRG-C',
    });
  });

  it('pages an incident’s tickets by reference and lists the unanswered ones until each is answered', async () => {
    const os = ['PRK-0000000M', 'PRK-0000000K', 'PRK-0000000N'].map((ref, i) => observation(ref, 10 - i));
    for (const o of os) await store().record(o);
    await store().saveIncident(incident('SRG-E'), null);
    await store().addMembers(
      'SRG-E',
      os.map((o) => member(o)),
    );
    const [m, k, n] = os.map((o) => member(o)) as [Member, Member, Member];

    const page1 = await store().ticketPage('SRG-E', 2, null);
    expect(page1).toEqual({ tickets: [k, m].map((x) => ({ ...x, answeredAt: null })), next: m.ref });
    expect(await store().ticketPage('SRG-E', 2, page1.next)).toEqual({
      tickets: [{ ...n, answeredAt: null }],
      next: null,
    });
    // Oldest first
    expect(await store().unanswered('SRG-E', 10)).toEqual([n, k, m]);
    expect(await store().unanswered('SRG-E', 1)).toEqual([n]);

    await store().markAnswered('SRG-E', k.ref, at(60));
    await store().markAnswered('SRG-E', k.ref, at(90));
    expect(await store().unanswered('SRG-E', 10)).toEqual([n, m]);
    expect((await store().ticketPage('SRG-E', 10, null)).tickets.map((t) => t.answeredAt)).toEqual([
      at(60),
      null,
      null,
    ]);
  });
}
