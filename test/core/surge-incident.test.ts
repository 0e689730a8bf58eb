import {
  blocksProposal,
  chooseExamples,
  decide,
  hasEbbed,
  incidentId,
  isCooling,
  isOpen,
  majorityCategory,
  proposeIncident,
  withMembers,
} from '#core/surge/incident.ts';
import { minHash } from '#core/surge/minhash.ts';
import { DEFAULT_SETTINGS, type Incident, type Member, type Signature } from '#core/surge/model.ts';
import { complaintTerms } from '#core/surge/terms.ts';

const settings = DEFAULT_SETTINGS;
const signature: Signature = {
  entries: [{ terms: ['dana', 'tahap_2'], weight: 4.5, observed: 30, expected: 0.3 }],
  phrases: [],
  minScore: Math.log(50),
};
const evidence = { seed: 'tahap_2', observed: 30, expected: 6, windowMinutes: 15 };

function member(ref: string, at: string, text: string, over: Partial<Member> = {}): Member {
  return {
    ref,
    participant: `p-${ref}`,
    category: 'incentive',
    at,
    score: 4.5,
    matched: ['dana', 'tahap_2'],
    minhash: minHash(complaintTerms({ subject: '', body: text }).shingles),
    ...over,
  };
}

const first = member(
  'PRK-A',
  '2025-03-04T03:11:00.000Z',
  'insentif tahap 2 belum masuk ke dana padahal status berhasil',
);
const second = member('PRK-B', '2025-03-04T03:14:00.000Z', 'pencairan tahap kedua ke dana tidak ada sampai siang ini');

function proposed(): Incident {
  return proposeIncident({ signature, evidence, members: [first, second], at: '2025-03-04T03:20:00.000Z' }, settings);
}

describe('proposing an incident', () => {
  it('describes the surge: category, top terms, the reason in numbers, first and last ticket', () => {
    // Act
    const incident = proposed();

    // Assess
    expect(incident).toMatchObject({
      status: 'proposed',
      category: 'incentive',
      topTerms: ['dana', 'tahap_2'],
      evidence,
      proposedAt: '2025-03-04T03:20:00.000Z',
      firstTicketAt: first.at,
      lastTicketAt: second.at,
      version: 0,
    });
    expect(incident.id).toMatch(/^SRG-[0-9A-Z]+$/);
  });

  it('starts its counts at zero: members count when they are linked', () => {
    const incident = proposed();
    expect(incident.tickets).toBe(0);
    expect(incident.participants).toBe(0);
    expect(incident.timeline).toEqual({});
  });

  it('derives the same id for the same signature in the same bucket (proposing twice writes once)', () => {
    expect(incidentId('incentive', signature, 100)).toBe(incidentId('incentive', signature, 100));
    expect(incidentId('incentive', signature, 101)).not.toBe(incidentId('incentive', signature, 100));
  });

  it('is filed under the category most of its tickets have', () => {
    const login = (ref: string) => member(ref, first.at, 'x', { category: 'account' });
    expect(majorityCategory([login('1'), member('2', first.at, 'x'), login('3')])).toBe('account');
  });
});

describe('joining tickets', () => {
  it('counts tickets, new participants and tickets per bucket', () => {
    // Prepare
    const third = member('PRK-C', '2025-03-04T03:26:00.000Z', 'dana tahap 2 kosong', { participant: 'p-PRK-A' });

    // Act
    const incident = withMembers(withMembers(proposed(), [first, second], 2, settings), [third], 0, settings);

    // Assess: the third is the first participant writing again
    expect(incident.tickets).toBe(3);
    expect(incident.participants).toBe(2);
    expect(incident.timeline).toEqual({ '2025-03-04T03:10:00.000Z': 2, '2025-03-04T03:25:00.000Z': 1 });
    expect(incident.lastTicketAt).toBe(third.at);
  });

  it('shows one example per group of near-identical complaints, the largest group first', () => {
    // Prepare: three copies of one text (lightly edited), two of another
    const copy = 'aplikasi pelatihan tidak bisa dibuka sejak pagi muncul layar putih lalu keluar sendiri';
    const other = 'kode voucher ditolak waktu redeem katanya sudah dipakai orang lain padahal baru beli';
    const members = [
      member('PRK-1', first.at, copy, { score: 5 }),
      member('PRK-2', first.at, `${copy} mohon dibantu`),
      member('PRK-3', first.at, `${copy} tolong`),
      member('PRK-4', first.at, other, { score: 6 }),
      member('PRK-5', first.at, `${other} segera`),
    ];

    // Act / Assess
    expect(chooseExamples(members, settings)).toEqual(['PRK-1', 'PRK-4']);
  });
});

describe('decisions', () => {
  const at = '2025-03-04T04:00:00.000Z';
  const answer = { reply: 'Pembayaran tahap 2 ke DANA dikirim ulang hari ini.', afterwards: 'resolve' as const };

  it('lets a late supervisor accept a proposal that expired, but not without a reply', () => {
    // Prepare
    const expired = decide(proposed(), { action: 'expire' }, 'system', at, settings);
    if (!expired.ok) throw new Error('expire failed');

    // Act
    const empty = decide(
      expired.incident,
      { action: 'accept', answer: { reply: '  ', afterwards: 'wait' } },
      'sup-1',
      at,
      settings,
    );
    const accepted = decide(expired.incident, { action: 'accept', answer }, 'sup-1', at, settings);

    // Assess
    expect(empty).toEqual({
      ok: false,
      error: { kind: 'InvalidAnswer', message: 'accepting an incident needs the reply to send' },
    });
    expect(accepted.ok && accepted.incident.status).toBe('accepted');
  });

  it('lets a supervisor accept a proposed incident, then close it', () => {
    // Act
    const accepted = decide(proposed(), { action: 'accept', answer }, 'sup-1', at, settings);
    const closed = accepted.ok
      ? decide(accepted.incident, { action: 'close' }, 'sup-1', '2025-03-04T06:00:00.000Z', settings)
      : null;

    // Assess
    expect(accepted.ok && accepted.incident).toMatchObject({
      status: 'accepted',
      answer,
      decidedBy: 'sup-1',
      coolUntil: null,
    });
    expect(closed?.ok && closed.incident).toMatchObject({
      status: 'closed',
      coolUntil: '2025-03-04T12:00:00.000Z',
    });
  });

  it('refuses a decision that does not fit the status, as an error value', () => {
    // Act
    const result = decide(proposed(), { action: 'close' }, 'sup-1', at, settings);

    // Assess
    expect(result).toEqual({
      ok: false,
      error: { kind: 'InvalidTransition', message: 'cannot close an incident that is proposed (it must be accepted)' },
    });
  });

  it('cools a dismissed incident down: an overlapping signature is blocked until then, not after', () => {
    // Prepare
    const dismissed = decide(proposed(), { action: 'dismiss' }, 'sup-1', at, settings);
    if (!dismissed.ok) throw new Error('dismiss failed');
    const same: Signature = {
      ...signature,
      entries: [...signature.entries, { terms: ['berhasil'], weight: 4, observed: 9, expected: 0.1 }],
    };
    const other: Signature = {
      ...signature,
      entries: [{ terms: ['login', 'mahir'], weight: 4, observed: 9, expected: 0.1 }],
    };

    // Act / Assess
    expect(isOpen(dismissed.incident)).toBe(false);
    expect(isCooling(dismissed.incident, '2025-03-04T09:59:00.000Z')).toBe(true);
    expect(blocksProposal(dismissed.incident, same, '2025-03-04T09:59:00.000Z')).toBe(true);
    expect(blocksProposal(dismissed.incident, other, '2025-03-04T09:59:00.000Z')).toBe(false);
    expect(blocksProposal(dismissed.incident, same, '2025-03-04T10:01:00.000Z')).toBe(false);
  });

  it('expires a proposed incident nobody decided on once its surge has ebbed', () => {
    // Prepare: 40 tickets in the first half hour, then 2 in the next half hour
    const busy = Array.from({ length: 40 }, (_, i) =>
      member(`B${i}`, new Date(Date.parse('2025-03-04T03:10:00.000Z') + i * 40_000).toISOString(), 'x'),
    );
    const trickle = [member('T1', '2025-03-04T03:50:00.000Z', 'x'), member('T2', '2025-03-04T04:05:00.000Z', 'x')];
    const incident = withMembers(proposed(), [...busy, ...trickle], 42, settings);

    // Act / Assess: still surging at 03:40, ebbed at 04:12 (2 < 10% of 40 in the last 30 minutes)
    expect(hasEbbed(incident, '2025-03-04T03:40:00.000Z', settings)).toBe(false);
    expect(hasEbbed(incident, '2025-03-04T04:12:00.000Z', settings)).toBe(true);
    expect(decide(incident, { action: 'expire' }, 'system', '2025-03-04T04:12:00.000Z', settings).ok).toBe(true);
  });

  it('never expires an accepted incident: its supervisor closes it', () => {
    const accepted = decide(proposed(), { action: 'accept', answer }, 'sup-1', at, settings);
    expect(accepted.ok && hasEbbed(accepted.incident, '2025-03-05T00:00:00.000Z', settings)).toBe(false);
  });
});
