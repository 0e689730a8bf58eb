import {
  buildSignature,
  findBursts,
  matches,
  poissonUpperTail,
  signatureTerms,
  surgeVocabulary,
  topTerms,
} from '#core/surge/burst.ts';
import { type Baseline, DEFAULT_SETTINGS, type Observation, type Signature } from '#core/surge/model.ts';

const settings = DEFAULT_SETTINGS;
let serial = 0;
/** `count` tickets from distinct participants, each with these terms. */
function tickets(count: number, terms: string[], participant?: string): Observation[] {
  return Array.from({ length: count }, () => {
    serial++;
    return {
      ref: `r${serial}`,
      participant: participant ?? `p${serial}`,
      category: 'incentive' as const,
      at: '2025-03-04T03:00:00.000Z',
      bucket: 0,
      terms,
      minhash: [],
      incidentId: null,
    };
  });
}

// 100 participants per bucket; "insentif" in 40%, "sertifikat" in 20%, "dana" in 10%, a platform's
// name in 3%, "tahap_2" in 2%.
const baseline: Baseline = {
  through: 0,
  participants: 100,
  seen: 50_000,
  features: { insentif: 40, sertifikat: 20, dana: 10, pijar: 3, mahir: 3, tahap_2: 2, '#incentive': 60 },
};

describe('Poisson upper tail', () => {
  it('gives the chance of at least k events', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBe(1); // k ≤ mean: not a rise
    expect(poissonUpperTail(5, 1)).toBeCloseTo(0.00366, 5);
    expect(poissonUpperTail(12, 3)).toBeCloseTo(7.14e-5, 7);
    expect(poissonUpperTail(3, 0)).toBe(0);
  });
});

describe('bursts', () => {
  it('flags a term many participants suddenly write', () => {
    // Prepare: 400 participants in the window, 20 of them write a term the baseline never saw
    const window = [...tickets(380, ['insentif']), ...tickets(20, ['insentif', 'portalbaru'])];

    // Act
    const bursts = findBursts(window, 400, baseline, settings);

    // Assess
    expect(bursts.map((b) => b.feature)).toEqual(['portalbaru']);
    expect(bursts[0]?.observed).toBe(20);
    expect(bursts[0]?.expected).toBeLessThan(0.1);
  });

  it('does not flag a busy hour: every term rises with the volume, shares stay', () => {
    // Prepare: three times the usual volume, the usual mix
    const window = [...tickets(480, ['insentif']), ...tickets(240, ['sertifikat']), ...tickets(120, ['dana'])];

    // Act / Assess
    expect(findBursts(window, 1200, baseline, settings)).toEqual([]);
  });

  it('does not flag a frequent complaint that grows by half', () => {
    const window = [...tickets(240, ['sertifikat']), ...tickets(160, ['insentif'])];
    expect(findBursts(window, 400, baseline, settings)).toEqual([]);
  });

  it('does not flag one participant writing the same thing many times', () => {
    const window = [...tickets(380, ['insentif']), ...tickets(30, ['portalbaru'], 'the-same-one')];
    expect(findBursts(window, 381, baseline, settings)).toEqual([]);
  });
});

describe('signature', () => {
  // The hours before: stage 2 comes with "insentif" as usual and almost never with "dana".
  const context = [
    ...tickets(700, ['insentif']),
    ...tickets(40, ['insentif', 'tahap_2']),
    ...tickets(200, ['insentif', 'dana']),
    ...tickets(1060, ['sertifikat']),
  ];
  // The window: the usual mix, plus 40 participants with stage 2 not arrived in DANA.
  const everyday = [
    ...tickets(140, ['insentif']),
    ...tickets(8, ['insentif', 'tahap_2']),
    ...tickets(40, ['insentif', 'dana']),
    ...tickets(212, ['sertifikat']),
  ];
  const surge = tickets(40, ['insentif', 'tahap_2', 'dana', 'masuk']);
  const window = [...everyday, ...surge];

  it('keeps the telling pair and leaves out the words that merely ride along', () => {
    // Act
    const signature = buildSignature(new Set(['tahap_2']), window, context, baseline, settings);

    // Assess: "dana" with "tahap_2" is new; "insentif" with "tahap_2" is as usual
    const pairs = signature.entries.map((e) => e.terms.join('+'));
    expect(pairs).toContain('dana+tahap_2');
    expect(pairs).not.toContain('insentif+tahap_2');
    const entry = signature.entries.find((e) => e.terms.join('+') === 'dana+tahap_2');
    expect(entry?.observed).toBe(40);
    expect(entry?.weight).toBeGreaterThan(Math.log(50));
  });

  it('matches the surge tickets and not the everyday ones', () => {
    // Prepare
    const signature = buildSignature(new Set(['tahap_2']), window, context, baseline, settings);

    // Act
    const matched = window.filter((o) => matches(signature, [...o.terms, '#incentive']));

    // Assess
    expect(new Set(matched)).toEqual(new Set(surge));
  });

  it('counts a two-word name once, not as two pieces of evidence', () => {
    // Prepare: "pijar" and "mahir" always come together; "error" is common, but not with them
    const before = [
      ...tickets(60, ['pijar', 'mahir', 'kelas']),
      ...tickets(100, ['kelas']),
      ...tickets(100, ['error']),
      ...tickets(1740, ['sertifikat']),
    ];
    const now = [
      ...tickets(12, ['pijar', 'mahir', 'kelas']),
      ...tickets(30, ['pijar', 'mahir', 'error']),
      ...tickets(358, ['sertifikat']),
    ];

    // Act
    const signature = buildSignature(new Set(['pijar', 'mahir']), now, before, baseline, settings);

    // Assess
    expect(signature.phrases).toEqual([['mahir', 'pijar']]);
    expect(signature.entries.map((e) => e.terms.join('+'))).toEqual(['error+mahir']);
    expect(topTerms(signature)).toEqual(['error', 'mahir pijar']);
  });

  it('does not keep two words as a phrase once the window uses one of them alone', () => {
    // Prepare: "filenya kosong" always together before; now "kosong" (empty) comes with "dana"
    const before = [
      ...tickets(40, ['sertifikat', 'filenya', 'kosong']),
      ...tickets(200, ['dana']),
      ...tickets(1760, ['insentif']),
    ];
    const now = [
      ...tickets(8, ['sertifikat', 'filenya', 'kosong']),
      ...tickets(30, ['dana', 'kosong']),
      ...tickets(362, ['insentif']),
    ];

    // Act
    const usual = { ...baseline, features: { ...baseline.features, filenya: 2, kosong: 2 } };
    const signature = buildSignature(new Set(['kosong']), now, before, usual, settings);

    // Assess
    expect(signature.phrases).toEqual([]);
    expect(signature.entries.map((e) => e.terms.join('+'))).toContain('dana+kosong');
  });

  it('counts a new two-word name once too', () => {
    // Prepare: a name never seen before, always written whole
    const now = [...tickets(20, ['kelasku', 'hebat', 'error']), ...tickets(380, ['sertifikat'])];

    // Act
    const signature = buildSignature(
      new Set(['kelasku', 'hebat']),
      now,
      tickets(2000, ['sertifikat']),
      baseline,
      settings,
    );

    // Assess: one entry for the name (it is new), none for its two words apart
    expect(signature.phrases).toEqual([['hebat', 'kelasku']]);
    expect(signature.entries.map((e) => e.terms.join('+'))).toEqual(['hebat']);
  });

  it('links the unusual terms that come with the seed into one vocabulary', () => {
    // Prepare
    const unusual = [
      { feature: 'tahap_2', observed: 48, expected: 8, pValue: 0 },
      { feature: 'berhasil', observed: 20, expected: 2, pValue: 0 },
      { feature: 'loading', observed: 10, expected: 1, pValue: 0 },
    ];
    const w = [...tickets(20, ['tahap_2', 'berhasil']), ...tickets(28, ['tahap_2']), ...tickets(10, ['loading'])];

    // Act / Assess
    expect(surgeVocabulary('tahap_2', w, unusual, settings)).toEqual(new Set(['tahap_2', 'berhasil']));
  });
});

describe('matching', () => {
  const signature: Signature = {
    entries: [
      { terms: ['portalbaru'], weight: 4.5, observed: 20, expected: 0.1 },
      { terms: ['dana', 'tahap_2'], weight: 3, observed: 30, expected: 1 },
      { terms: ['berhasil', 'dana'], weight: 1.5, observed: 9, expected: 1 },
      { terms: ['kosong', 'dana'], weight: 1, observed: 6, expected: 1 },
    ],
    phrases: [],
    minScore: Math.log(50),
  };

  it('takes one strong entry, or the two strongest weaker ones together', () => {
    expect(matches(signature, ['portalbaru'])?.score).toBe(4.5);
    expect(matches(signature, ['dana', 'tahap_2', 'berhasil'])?.score).toBe(4.5);
    expect(matches(signature, ['dana', 'tahap_2'])).toBeNull();
    expect(matches(signature, ['dana', 'berhasil', 'kosong'])).toBeNull(); // 2.5: weak ones do not add up past two
  });

  it('names the signature terms it found', () => {
    expect(matches(signature, ['dana', 'tahap_2', 'berhasil', 'lain'])?.matched.sort()).toEqual([
      'berhasil',
      'dana',
      'tahap_2',
    ]);
    expect(signatureTerms(signature).sort()).toEqual(['berhasil', 'dana', 'kosong', 'portalbaru', 'tahap_2']);
  });
});
