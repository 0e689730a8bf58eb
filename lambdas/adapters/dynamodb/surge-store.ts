/**
 * The surge store on the tickets table (docs/surge.md, "State"). Each filed ticket's observation
 * (expiring after two days): a conditional put, or, for new tickets, one batch write per inbound
 * batch; the baseline and incidents are written with
 * conditions on what the writer read (`through`, `version`), so two evaluations or a supervisor
 * and an evaluation never overwrite each other. Incidents are listed on the `lists` index: open
 * and cooling ones under one key (read on every filed ticket), past ones under another; an
 * incident's members not yet given its answer under a key of their own.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isCooling, isOpen } from '#core/surge/incident.ts';
import {
  type Baseline,
  bucketOf,
  type Incident,
  type IncidentStatus,
  type Member,
  type Observation,
} from '#core/surge/model.ts';
import type { JoinResult } from '#core/surge/state.ts';
import type { IncidentTicketPage, SurgeStore, SurgeStoreSettings } from '#ports';
import { batchWrite } from './batch-write.ts';
import { type Item, written } from './items.ts';
import {
  incidentKey,
  incidentMemberKey,
  incidentParticipantKey,
  incidentPk,
  LIST_INDEX,
  LIVE_INCIDENTS_PK,
  MEMBER_PREFIX,
  PAST_INCIDENTS_PK,
  surgeBaselineKey,
  surgeObservationKey,
  unansweredPk,
} from './keys.ts';
import { type QueryInput, queryAll, queryPages } from './query.ts';
import {
  baselineFromItem,
  baselineItem,
  incidentFromItem,
  incidentTicketFromItem,
  memberFromItem,
  memberItem,
  observationFromItem,
  observationItem,
} from './surge-items.ts';

/** Observations outlive the longest look back (a day, when the baseline catches up) by a day. */
const OBSERVATION_TTL_SECONDS = 2 * 24 * 3600;
/**
 * An incident's member and participant items hold the participant's surge key (a hash of their
 * card, phone or address): they expire (DynamoDB TTL) a year and a month after the ticket joined,
 * past the default ticket retention (docs/security.md, "Retention"), as a ticket's purge does not
 * reach the incidents it joined.
 */
const MEMBER_TTL_SECONDS = 395 * 24 * 3600;
/** Requests per batch write chunk before its unprocessed observations are given up (the mail is retried). */
const BATCH_ATTEMPTS = 4;
/** Bucket queries or member writes in flight at once. */
const PARALLEL = 8;

const PAST_STATUSES: readonly IncidentStatus[] = ['dismissed', 'closed', 'expired'];

/** Runs `fn` over `items`, at most `limit` at a time, results in order. */
async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}

const newestFirst = (a: Incident, b: Incident) =>
  a.proposedAt < b.proposedAt ? 1 : a.proposedAt > b.proposedAt ? -1 : a.id < b.id ? 1 : -1;

export class DynamoSurgeStore implements SurgeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly settings: SurgeStoreSettings,
  ) {}

  private all(input: QueryInput): Promise<Item[]> {
    return queryAll(this.db, this.table, input);
  }

  private observationKey(o: Pick<Observation, 'at' | 'ref'>) {
    return surgeObservationKey(bucketOf(Date.parse(o.at), this.settings), o.at, o.ref);
  }

  async record(observation: Observation): Promise<Observation> {
    const key = this.observationKey(observation);
    const made = await written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.observationItem(observation),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    if (made) return { ...observation };
    const stored = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return observationFromItem(stored.Item ?? observationItem(observation));
  }

  async recordNew(observations: readonly Observation[]): Promise<string[]> {
    // BatchWriteItem has no conditions: these are new tickets' observations, so there is nothing
    // to keep (record's condition guards a redelivered mail's observation and its incident).
    const requests = observations.map((o) => ({
      PutRequest: { Item: this.observationItem(o) },
    }));
    const unstored = await batchWrite(this.db, this.table, requests, BATCH_ATTEMPTS);
    return unstored.map((p) => p.PutRequest.Item.ref as string);
  }

  private observationItem(observation: Observation): Item {
    const expiresAt = Math.floor(Date.parse(observation.at) / 1000) + OBSERVATION_TTL_SECONDS;
    return {
      ...this.observationKey(observation),
      type: 'surge-observation',
      ...observationItem(observation),
      expiresAt,
    };
  }

  async observations(from: string, to: string): Promise<Observation[]> {
    const first = bucketOf(Date.parse(from), this.settings);
    const last = bucketOf(Date.parse(to), this.settings);
    const buckets = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
    const perBucket = await inBatches(buckets, PARALLEL, (bucket) =>
      this.all({
        // `to` is exclusive: a sort key `<to>#<ref>` sorts after `<to>`.
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': surgeObservationKey(bucket, '', '').PK, ':from': from, ':to': to },
      }),
    );
    return perBucket.flat().map(observationFromItem);
  }

  async loadBaseline(): Promise<Baseline> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: surgeBaselineKey() }));
    return baselineFromItem(r.Item ?? {});
  }

  saveBaseline(baseline: Baseline, expectedThrough: number | null): Promise<boolean> {
    const condition =
      expectedThrough === null
        ? { ConditionExpression: 'attribute_not_exists(through)' }
        : { ConditionExpression: 'through = :expected', ExpressionAttributeValues: { ':expected': expectedThrough } };
    return written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...surgeBaselineKey(), type: 'surge-baseline', ...baselineItem(baseline) },
          ...condition,
        }),
      ),
    );
  }

  async liveIncidents(at: string): Promise<Incident[]> {
    const items = await this.all({
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': LIVE_INCIDENTS_PK },
    });
    return items.map(incidentFromItem).filter((i) => isOpen(i) || isCooling(i, at));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: incidentKey(id), ConsistentRead: true }));
    return r.Item ? incidentFromItem(r.Item) : null;
  }

  saveIncident(incident: Incident, expectedVersion: number | null): Promise<boolean> {
    const version = (expectedVersion ?? -1) + 1;
    // Open and cooling incidents are on the live list; `retire` moves them off once cooled down.
    const listed = isOpen(incident) || incident.coolUntil !== null ? LIVE_INCIDENTS_PK : PAST_INCIDENTS_PK;
    const condition =
      expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    return written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...incidentKey(incident.id),
            type: 'surge-incident',
            ...incident,
            version,
            gsi2pk: listed,
            gsi2sk: `${incident.proposedAt}#${incident.id}`,
          },
          ...condition,
        }),
      ),
    );
  }

  /**
   * Per member, three conditional writes: the observation names the incident (unless it names
   * another: a ticket joins one incident), the member item, and the participant marker, whose
   * put succeeds only for a participant new to the incident. A retry after a crash between them
   * finds the observation already naming this incident and goes on.
   */
  async addMembers(incidentId: string, members: readonly Member[]): Promise<JoinResult> {
    const joined = await inBatches(members, PARALLEL, async (m) => {
      const expiresAt = Math.floor(Date.parse(m.at) / 1000) + MEMBER_TTL_SECONDS;
      const linked = await written(
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: this.observationKey(m),
            UpdateExpression: 'SET incidentId = :id',
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(incidentId) OR incidentId = :id)',
            ExpressionAttributeValues: { ':id': incidentId },
          }),
        ),
      );
      if (!linked) return null;
      const added = await written(
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...incidentMemberKey(incidentId, m.ref),
              type: 'surge-member',
              ...memberItem(m),
              gsi2pk: unansweredPk(incidentId),
              gsi2sk: `${m.at}#${m.ref}`,
              expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      if (!added) return null;
      const newParticipant = await written(
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...incidentParticipantKey(incidentId, m.participant), type: 'surge-participant', expiresAt },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      return { member: m, newParticipant };
    });
    const added = joined.flatMap((j) => (j ? [j.member] : []));
    return { added, newParticipants: joined.filter((j) => j?.newParticipant).length };
  }

  async members(incidentId: string): Promise<Member[]> {
    const items = await this.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
      ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':member': MEMBER_PREFIX },
    });
    return items.map(memberFromItem);
  }

  private async listed(pk: string, status: IncidentStatus | null, limit: number): Promise<Incident[]> {
    const out: Incident[] = [];
    const input: QueryInput = {
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(status ? { ':status': status } : {}) },
      ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ScanIndexForward: false,
    };
    for await (const page of queryPages(this.db, this.table, input)) {
      out.push(...(page.Items ?? []).map(incidentFromItem));
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }

  async incidents(status: IncidentStatus | null, limit: number): Promise<Incident[]> {
    const live = await this.listed(LIVE_INCIDENTS_PK, status, limit);
    const past =
      status === null || PAST_STATUSES.includes(status) ? await this.listed(PAST_INCIDENTS_PK, status, limit) : [];
    return [...live, ...past].sort(newestFirst).slice(0, limit);
  }

  async retire(at: string): Promise<number> {
    const items = await this.all({
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': LIVE_INCIDENTS_PK },
    });
    const done = items.map(incidentFromItem).filter((i) => !isOpen(i) && !isCooling(i, at));
    const moved = await inBatches(done, PARALLEL, (i) =>
      // On the version read: an incident accepted meanwhile (an expired one may be) stays live.
      written(
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: incidentKey(i.id),
            UpdateExpression: 'SET gsi2pk = :past',
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':past': PAST_INCIDENTS_PK, ':version': i.version },
          }),
        ),
      ),
    );
    return moved.filter(Boolean).length;
  }

  async ticketPage(incidentId: string, limit: number, after: string | null): Promise<IncidentTicketPage> {
    // One more than asked: whether a next page exists is known without another request.
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
        ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':member': MEMBER_PREFIX },
        ExclusiveStartKey: after === null ? undefined : incidentMemberKey(incidentId, after),
        Limit: limit + 1,
      }),
    );
    const items = (r.Items ?? []) as Item[];
    const tickets = items.slice(0, limit).map(incidentTicketFromItem);
    return { tickets, next: items.length > limit ? (tickets.at(-1)?.ref ?? null) : null };
  }

  async unanswered(incidentId: string, limit: number): Promise<Member[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: LIST_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': unansweredPk(incidentId) },
        Limit: limit,
      }),
    );
    return ((r.Items ?? []) as Item[]).map(memberFromItem);
  }

  async markAnswered(incidentId: string, ref: string, at: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: incidentMemberKey(incidentId, ref),
          UpdateExpression: 'SET answeredAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(answeredAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }
}
