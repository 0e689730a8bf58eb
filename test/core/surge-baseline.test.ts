import { countFeatures, emptyBaseline, expectedShare, isMature, rollBaseline } from '#core/surge/baseline.ts';
import { DEFAULT_SETTINGS, type Observation } from '#core/surge/model.ts';

const settings = { ...DEFAULT_SETTINGS, halfLifeBuckets: 1, pruneBelow: 0.1 };
let n = 0;
function obs(bucket: number, terms: string[], participant = `p${++n}`): Observation {
  const at = new Date(bucket * settings.bucketMinutes * 60_000).toISOString();
  return { ref: `r${++n}`, participant, category: 'incentive', at, bucket, terms, minhash: [], incidentId: null };
}

describe('surge baseline', () => {
  it('counts distinct participants per term and category, not messages', () => {
    // Prepare: one participant writes three times, another once
    const list = [
      obs(1, ['voucher'], 'a'),
      obs(1, ['voucher'], 'a'),
      obs(1, ['voucher', 'gagal'], 'a'),
      obs(1, ['voucher'], 'b'),
    ];

    // Act
    const counts = countFeatures(list);

    // Assess
    expect(counts.participants).toBe(2);
    expect(counts.features.get('voucher')).toBe(2);
    expect(counts.features.get('gagal')).toBe(1);
    expect(counts.features.get('#incentive')).toBe(2);
  });

  it('folds each finished bucket into an exponentially weighted mean, not the current one', () => {
    // Prepare: half-life of one bucket, so each bucket weighs half
    const list = [obs(10, ['voucher']), obs(10, ['voucher']), obs(11, ['voucher']), obs(12, ['voucher'])];

    // Act: bucket 12 is the current one
    const baseline = rollBaseline(emptyBaseline(), list, 12, settings);

    // Assess: after bucket 10 (2 participants) mean 1, after bucket 11 (1) mean 1
    expect(baseline.through).toBe(11);
    expect(baseline.features.voucher).toBeCloseTo(1);
    expect(baseline.participants).toBeCloseTo(1);
    expect(baseline.seen).toBe(3);
  });

  it('lets quiet buckets decay the means and drops terms that fade away', () => {
    // Prepare
    const start = rollBaseline(
      emptyBaseline(),
      [obs(10, ['voucher', 'langka'], 'a'), obs(10, ['voucher'], 'b')],
      11,
      settings,
    );

    // Act: three quiet buckets later (one participant writes "voucher" in bucket 13)
    const later = rollBaseline(start, [obs(13, ['voucher'])], 14, settings);

    // Assess: halved for 11 and 12, then 13 halves and adds half of 1
    expect(start.features.langka).toBeCloseTo(0.5);
    expect(later.features.voucher).toBeCloseTo(1 / 8 + 0.5);
    expect(later.features.langka).toBeUndefined(); // 0.5 / 8 < pruneBelow
  });

  it('folds nothing twice: buckets already folded are ignored', () => {
    const first = rollBaseline(emptyBaseline(), [obs(10, ['voucher'])], 11, settings);
    const again = rollBaseline(first, [obs(10, ['voucher'])], 11, settings);
    expect(again).toBe(first);
  });

  it('expects an unseen term about once a day, and a known one at its share', () => {
    // Prepare
    const baseline = { through: 5, participants: 10, seen: 5000, features: { sertifikat: 2 } };

    // Act / Assess
    expect(expectedShare(baseline, 'sertifikat', DEFAULT_SETTINGS)).toBeCloseTo(0.2);
    expect(expectedShare(baseline, 'baru', DEFAULT_SETTINGS)).toBeCloseTo(5 / 1440 / 10);
  });

  it('is mature only after it has seen enough participants', () => {
    expect(isMature({ ...emptyBaseline(), seen: DEFAULT_SETTINGS.minBaselineParticipants - 1 }, DEFAULT_SETTINGS)).toBe(
      false,
    );
    expect(isMature({ ...emptyBaseline(), seen: DEFAULT_SETTINGS.minBaselineParticipants }, DEFAULT_SETTINGS)).toBe(
      true,
    );
  });
});
