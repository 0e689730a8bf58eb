/** The CSAT report's arithmetic from counters, and who gets a survey when. */
import { planSurvey, surveyIdFor, wibDay } from '#core/survey.ts';
import { type CsatCounter, csatReport, daysBetween, noRatings, ratingGiven } from '#core/survey-report.ts';

const counter = (
  day: string,
  dimension: CsatCounter['dimension'],
  key: string,
  sent: number,
  ratings: Partial<Record<1 | 2 | 3 | 4 | 5, number>> = {},
): CsatCounter => {
  const r = { ...noRatings(), ...ratings };
  return { day, dimension, key, sent, answered: Object.values(r).reduce((a, b) => a + b, 0), ratings: r };
};

describe('CSAT report', () => {
  it('computes CSAT as answers rating 4-5 over all answers, and the response rate as answers over surveys sent', () => {
    // Prepare: 10 surveys, 6 answers of which 4 are 4 or 5
    const counters = [
      counter('2024-05-20', 'category', 'incentive', 10, { 1: 1, 3: 1, 4: 3, 5: 1 }),
      counter('2024-05-20', 'agent', 'dewi', 10, { 1: 1, 3: 1, 4: 3, 5: 1 }),
    ];

    // Act
    const r = csatReport('2024-05-20', '2024-05-20', counters);

    // Assess
    expect(r.total).toEqual({
      sent: 10,
      answered: 6,
      ratings: { 1: 1, 2: 0, 3: 1, 4: 3, 5: 1 },
      csatPercent: 66.7,
      responseRatePercent: 60,
    });
  });

  it('breaks the figures down per category, per agent and per day, counting each survey once in the total', () => {
    // Prepare
    const counters = [
      counter('2024-05-20', 'category', 'incentive', 4, { 5: 2 }),
      counter('2024-05-20', 'category', 'fraud', 2, { 1: 1 }),
      counter('2024-05-21', 'category', 'incentive', 3, { 4: 1, 2: 1 }),
      counter('2024-05-20', 'agent', 'oki', 4, { 5: 2 }),
      counter('2024-05-20', 'agent', 'dewi', 2, { 1: 1 }),
      counter('2024-05-21', 'agent', 'dewi', 3, { 4: 1, 2: 1 }),
      counter('2024-05-22', 'category', 'fraud', 9, { 5: 9 }), // outside the period
    ];

    // Act
    const r = csatReport('2024-05-20', '2024-05-21', counters);

    // Assess
    expect(r.total).toMatchObject({ sent: 9, answered: 5, csatPercent: 60, responseRatePercent: 55.6 });
    expect(r.byCategory.map((c) => [c.category, c.sent, c.answered, c.csatPercent])).toEqual([
      ['incentive', 7, 4, 75],
      ['fraud', 2, 1, 0],
    ]);
    expect(r.byAgent.map((a) => [a.agent, a.sent, a.answered, a.csatPercent, a.responseRatePercent])).toEqual([
      ['dewi', 5, 3, 33.3, 60],
      ['oki', 4, 2, 100, 50],
    ]);
    expect(r.byDay.map((d) => [d.day, d.sent, d.answered])).toEqual([
      ['2024-05-20', 6, 3],
      ['2024-05-21', 3, 2],
    ]);
  });

  it('has no percentages where nothing was sent or answered', () => {
    expect(csatReport('2024-05-20', '2024-05-20', []).total).toEqual({
      sent: 0,
      answered: 0,
      ratings: noRatings(),
      csatPercent: null,
      responseRatePercent: null,
    });
    expect(
      csatReport('2024-05-20', '2024-05-20', [counter('2024-05-20', 'category', 'general', 3)]).total,
    ).toMatchObject({
      csatPercent: null,
      responseRatePercent: 0,
    });
  });

  it('counts a first answer once and moves a changed one between ratings without counting it again', () => {
    expect(ratingGiven(null, 4)).toEqual({ answered: 1, ratings: { 4: 1 } });
    expect(ratingGiven(4, 2)).toEqual({ ratings: { 4: -1, 2: 1 } });
    expect(ratingGiven(3, 3)).toEqual({});
  });

  it('lists every day of a period, across a month end', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(daysBetween('2024-03-02', '2024-03-01')).toEqual([]);
  });
});

describe('who gets a survey', () => {
  const resolved = {
    status: 'resolved' as const,
    replyTo: 'peserta@surel.example',
    resolvedAt: '2024-05-20T16:30:00.000Z',
  };

  it('sends one an hour (the delay) after the resolution to a verified participant', () => {
    expect(planSurvey(resolved, true, 3_600_000)).toEqual({ send: true, dueAt: '2024-05-20T17:30:00.000Z' });
  });

  it.each([
    ['no address to write to', { ...resolved, replyTo: null }, true, 'no-address'],
    ['a machine’s address', { ...resolved, replyTo: 'no-reply@layanan.example' }, true, 'automated-address'],
    ['an unverified sender', resolved, false, 'unverified-sender'],
    ['a ticket closed unanswered', { ...resolved, status: 'closed' as const }, true, 'not-resolved'],
  ])('sends none for %s', (_what, ticket, verified, reason) => {
    expect(planSurvey(ticket, verified as boolean, 3_600_000)).toEqual({ send: false, reason });
  });

  it('names a survey by its ticket and resolution, and reports by the WIB day', () => {
    expect(surveyIdFor('PRK-7Q2M4K9D', 'a')).toBe(surveyIdFor('PRK-7Q2M4K9D', 'a'));
    expect(surveyIdFor('PRK-7Q2M4K9D', 'a')).not.toBe(surveyIdFor('PRK-7Q2M4K9D', 'b'));
    expect(wibDay('2024-05-20T16:59:59.000Z')).toBe('2024-05-20');
    expect(wibDay('2024-05-20T17:00:00.000Z')).toBe('2024-05-21');
  });
});
