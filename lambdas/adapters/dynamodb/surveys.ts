/**
 * SurveyStore on DynamoDB (the tickets table):
 *  - the survey list: a resolved ticket with a survey to send is on GSI2 under `SURVEYS#due`,
 *    sorted by `<dueAt>#<ref>` (its resolution put it there; a reopening takes it off), so the
 *    sweeper queries exactly the due ones, no scan;
 *  - the survey: `TICKET#<ref>` / `SURVEY`, created with a conditional put (one per ticket),
 *    its rating set and changed by a conditional update while it has not expired;
 *  - counters: `CSAT#<yyyy-mm>` / `<day>#<category|agent>#<key>`, moved with ADD, so a report
 *    over a period reads one partition per month.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { RATINGS, type Rating, type Survey } from '#core/survey.ts';
import type { CsatCounter, CsatDelta } from '#core/survey-report.ts';
import type { OpenSurvey, SurveyDue, SurveyStore } from '#ports';
import { type Item, isConditionFailure, surveyFromItem, ticketFromItem, written } from './items.ts';
import { csatKey, csatMonthPk, LIST_INDEX, SURVEY_DUE_PK, surveyKey, ticketKey } from './keys.ts';
import { queryAll } from './query.ts';

/** Every month (YYYY-MM) from the one of `from` to the one of `to`. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

const ratingAttr = (r: Rating) => `r${r}`;

export class DynamoSurveyStore implements SurveyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async due(now: string, limit: number): Promise<SurveyDue[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: LIST_INDEX,
        // `<dueAt>#<ref>` < now exactly when dueAt < now (ISO times of one length).
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :now',
        ExpressionAttributeValues: { ':pk': SURVEY_DUE_PK, ':now': now },
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map((item) => ({
      ticket: ticketFromItem(item),
      dueAt: item.surveyDueAt as string,
      resolvedBy: item.resolvedBy as string,
      lastMessageId: (item.lastMessageId as string | undefined) ?? null,
    }));
  }

  async done(ref: string, dueAt: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: ticketKey(ref),
          UpdateExpression: 'REMOVE gsi2pk, gsi2sk, surveyDueAt',
          ConditionExpression: 'gsi2pk = :pk AND gsi2sk = :sk',
          ExpressionAttributeValues: { ':pk': SURVEY_DUE_PK, ':sk': `${dueAt}#${ref}` },
        }),
      ),
    );
  }

  async open(survey: Survey): Promise<OpenSurvey> {
    const put = new PutCommand({
      TableName: this.table,
      Item: { ...surveyKey(survey.ref), type: 'survey', ...survey },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    if (await written(this.db.send(put))) return { kind: 'created' };
    const existing = await this.get(survey.ref);
    if (!existing) throw new Error(`survey of ticket ${survey.ref} neither created nor found`);
    return { kind: 'exists', survey: existing };
  }

  async get(ref: string): Promise<Survey | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: surveyKey(ref), ConsistentRead: true }));
    return r.Item ? surveyFromItem(r.Item) : null;
  }

  async rate(
    ref: string,
    surveyId: string,
    rating: Rating,
    comment: string | null,
    at: string,
  ): Promise<Survey | null> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: surveyKey(ref),
          UpdateExpression: 'SET rating = :rating, #comment = :comment, ratedAt = :at',
          ConditionExpression: 'surveyId = :sid AND expiresAt > :at',
          ExpressionAttributeNames: { '#comment': 'comment' },
          ExpressionAttributeValues: { ':rating': rating, ':comment': comment, ':at': at, ':sid': surveyId },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return surveyFromItem(r.Attributes as Item);
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  }

  async count(survey: Pick<Survey, 'day' | 'category' | 'agent'>, delta: CsatDelta): Promise<void> {
    const add: Record<string, number> = { sent: delta.sent ?? 0, answered: delta.answered ?? 0 };
    for (const r of RATINGS) add[ratingAttr(r)] = delta.ratings?.[r] ?? 0;
    const moved = Object.entries(add).filter(([, n]) => n !== 0);
    if (moved.length === 0) return;
    for (const [dimension, key] of [
      ['category', survey.category],
      ['agent', survey.agent],
    ] as const) {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: csatKey(survey.day, dimension, key),
          UpdateExpression: `ADD ${moved.map(([a]) => `#${a} :${a}`).join(', ')} SET #type = :type, #day = :day, #dimension = :dimension, #key = :key`,
          ExpressionAttributeNames: {
            ...Object.fromEntries(moved.map(([a]) => [`#${a}`, a])),
            '#type': 'type',
            '#day': 'day',
            '#dimension': 'dimension',
            '#key': 'key',
          },
          ExpressionAttributeValues: {
            ...Object.fromEntries(moved.map(([a, n]) => [`:${a}`, n])),
            ':type': 'csat-counter',
            ':day': survey.day,
            ':dimension': dimension,
            ':key': key,
          },
        }),
      );
    }
  }

  async counters(from: string, to: string): Promise<CsatCounter[]> {
    const out: CsatCounter[] = [];
    for (const month of monthsBetween(from, to)) {
      const items = await queryAll(this.db, this.table, {
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        // `<to>#~` sorts after every counter of day `to` (their dimension follows the `#`).
        ExpressionAttributeValues: { ':pk': csatMonthPk(month), ':from': from, ':to': `${to}#~` },
      });
      out.push(...items.map(counterFromItem));
    }
    return out;
  }
}

function counterFromItem(item: Item): CsatCounter {
  const n = (k: string) => (typeof item[k] === 'number' ? (item[k] as number) : 0);
  return {
    day: item.day as string,
    dimension: item.dimension as CsatCounter['dimension'],
    key: item.key as string,
    sent: n('sent'),
    answered: n('answered'),
    ratings: Object.fromEntries(RATINGS.map((r) => [r, n(ratingAttr(r))])) as CsatCounter['ratings'],
  };
}
