/** The survey store in memory (see state.ts; the contract suite holds it to DynamoDB's). */
import { RATINGS, type Rating, type Survey } from '#core/survey.ts';
import { type CsatCounter, type CsatDelta, noRatings } from '#core/survey-report.ts';
import type { OpenSurvey, SurveyDue, SurveyStore } from '#ports';
import { copyTicket, type MemoryState } from './state.ts';

export class MemorySurveyStore implements SurveyStore {
  constructor(private readonly db: MemoryState) {}

  async due(now: string, limit: number): Promise<SurveyDue[]> {
    const due: SurveyDue[] = [];
    for (const row of this.db.tickets.values()) {
      if (row.surveyDue && row.surveyDue.dueAt < now)
        due.push({
          ticket: copyTicket(row.ticket),
          dueAt: row.surveyDue.dueAt,
          resolvedBy: row.surveyDue.resolvedBy,
          lastMessageId: row.lastMessageId,
        });
    }
    const key = (d: SurveyDue) => `${d.dueAt}#${d.ticket.ref}`;
    return due.sort((a, b) => (key(a) < key(b) ? -1 : 1)).slice(0, limit);
  }

  async done(ref: string, dueAt: string): Promise<void> {
    const row = this.db.tickets.get(ref);
    if (row?.surveyDue?.dueAt === dueAt) row.surveyDue = null;
  }

  async open(survey: Survey): Promise<OpenSurvey> {
    const existing = this.db.surveys.get(survey.ref);
    if (existing) return { kind: 'exists', survey: { ...existing } };
    this.db.surveys.set(survey.ref, { ...survey });
    return { kind: 'created' };
  }

  async get(ref: string): Promise<Survey | null> {
    const s = this.db.surveys.get(ref);
    return s ? { ...s } : null;
  }

  async rate(
    ref: string,
    surveyId: string,
    rating: Rating,
    comment: string | null,
    at: string,
  ): Promise<Survey | null> {
    const s = this.db.surveys.get(ref);
    if (!s || s.surveyId !== surveyId || s.expiresAt <= at) return null;
    this.db.surveys.set(ref, { ...s, rating, comment, ratedAt: at });
    return { ...s };
  }

  async count(survey: Pick<Survey, 'day' | 'category' | 'agent'>, delta: CsatDelta): Promise<void> {
    for (const [dimension, key] of [
      ['category', survey.category],
      ['agent', survey.agent],
    ] as const) {
      const id = `${survey.day}#${dimension}#${key}`;
      const c = this.db.csat.get(id) ?? { day: survey.day, dimension, key, sent: 0, answered: 0, ratings: noRatings() };
      c.sent += delta.sent ?? 0;
      c.answered += delta.answered ?? 0;
      for (const r of RATINGS) c.ratings[r] += delta.ratings?.[r] ?? 0;
      this.db.csat.set(id, c);
    }
  }

  async counters(from: string, to: string): Promise<CsatCounter[]> {
    return [...this.db.csat.values()]
      .filter((c) => c.day >= from && c.day <= to)
      .map((c) => ({ ...c, ratings: { ...c.ratings } }));
  }
}
