/**
 * WorkList on DynamoDB. Claiming is a conditional update that takes the ticket off the sparse
 * queue index (GSI1) only if it is still ready at the sort key we saw: of many agents racing for
 * one ticket exactly one wins; the losers move on to the next candidate.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isOpen, type ParticipantKey, participantKeys, type RelatedReason, type Ticket } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import {
  type AuditEntry,
  type Claim,
  LeaseConflict,
  type Note,
  type PendingReply,
  type QueueStats,
  type RelatedTicket,
  type StoredTicket,
  type TicketChange,
  type TicketDetail,
  type WorkList,
} from '#ports';
import {
  assignments,
  auditFromItem,
  CLAIM_PROJECTION,
  claimFromItem,
  type Item,
  isConditionFailure,
  listKeyExpression,
  listKeys,
  messageFromItem,
  noteFromItem,
  REMINDED_PREFIX,
  replyFromItem,
  STORED_TICKET_PROJECTION,
  storedFromItem,
} from './items.ts';
import {
  auditKey,
  HELD,
  LIST_INDEX,
  noteKey,
  OUTBOX_PK,
  participantPk,
  QUEUE_INDEX,
  queuePk,
  statusPk,
  ticketKey,
} from './keys.ts';
import { linkedRefs, TicketTable } from './links.ts';
import { type QueryInput, queryAll, queryPages } from './query.ts';
import { putRetentionEntry } from './retention.ts';

const CANDIDATES = 25;
const MAX_ATTEMPTS = 200;
const POOL_TTL_MS = 1000;
/** BatchGetItem's limit per request, and how often unprocessed keys are asked for again. */
const BATCH_GET = 100;
const BATCH_ATTEMPTS = 5;

interface Candidate {
  PK: string;
  gsi1sk: string;
  /** Unchanged while gsi1sk is (claiming removes it, releasing writes another): the claim keeps it. */
  firstActionAt?: string | null;
}

interface Pool {
  candidates: Candidate[];
  fetchedAt: number;
  exhausted: boolean;
}

export class DynamoWorkList implements WorkList {
  private readonly tickets: TicketTable;
  private readonly pools = new Map<Category, Pool>();
  private readonly refills = new Map<Category, Promise<Pool>>();
  /**
   * Candidates handed to a claimer in this process whose conditional update has not returned.
   * A refill skips them: until that update lands they are still on the index, and handing them
   * out again would only make the next claimer lose the race to its neighbour (with many agents
   * at once, every claimer churned through the same stale page).
   */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    now: () => Date = () => new Date(),
  ) {
    this.tickets = new TicketTable(db, table, now);
  }

  private pages(input: QueryInput) {
    return queryPages(this.db, this.table, input);
  }

  private queryAll(input: QueryInput): Promise<Record<string, unknown>[]> {
    return queryAll(this.db, this.table, input);
  }

  /**
   * How many tickets a status list holds, by Query COUNT (keys only are read, ~100 bytes a
   * ticket). Bounded: a ticket is on these lists only while claimed (a lease) or waiting for the
   * participant, and a wait ends with a reminder and then a close after the waiting period
   * (core/waiting.ts), so the waiting list holds at most that period's waiting tickets.
   */
  private async count(pk: string): Promise<number> {
    let n = 0;
    const input = {
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      Select: 'COUNT' as const,
    };
    for await (const page of this.pages(input)) n += page.Count ?? 0;
    return n;
  }

  async stats(category: Category): Promise<QueueStats> {
    const ready = await this.queryAll({
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': queuePk(category) },
      ProjectionExpression: 'gsi1sk, readyAt, createdAt',
    });
    let oldest: string | null = null;
    for (const t of ready) {
      const since = (t.readyAt ?? t.createdAt) as string;
      if (!oldest || since < oldest) oldest = since;
    }
    return {
      category,
      ready: ready.length,
      overdue: ready.filter((t) => String(t.gsi1sk).startsWith('0#')).length,
      claimed: await this.count(statusPk(category, 'claimed')),
      waitingParticipant: await this.count(statusPk(category, 'waiting_participant')),
      oldestReadyAt: oldest,
    };
  }

  /**
   * Next candidate for a claim. Concurrent claims in this process share one page of candidates
   * (one Query per page instead of one per claim, and no two local claimers race for the same
   * ticket); claimers in other processes are still kept apart by the conditional update. A page
   * older than POOL_TTL_MS is refetched, so a newly arrived urgent ticket waits at most that long.
   */
  private async nextCandidate(category: Category): Promise<Candidate | null> {
    let pool = this.pools.get(category);
    if (!pool || (pool.candidates.length === 0 && !pool.exhausted) || Date.now() - pool.fetchedAt > POOL_TTL_MS) {
      pool = await this.refill(category);
    }
    // Another claimer may have taken it since the refill (it is in flight): skip it.
    let c = pool.candidates.shift();
    while (c && this.inFlight.has(c.PK)) c = pool.candidates.shift();
    if (c) this.inFlight.add(c.PK);
    return c ?? null;
  }

  private refill(category: Category): Promise<Pool> {
    const pending = this.refills.get(category);
    if (pending) return pending;
    const p = (async () => {
      // Pages on past tickets this process is claiming right now: the first page may be all of them.
      const candidates: Candidate[] = [];
      const input = {
        IndexName: QUEUE_INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': queuePk(category) },
        ProjectionExpression: 'PK, gsi1sk, firstActionAt',
        Limit: CANDIDATES,
      };
      for await (const page of this.pages(input)) {
        for (const item of (page.Items ?? []) as Candidate[]) if (!this.inFlight.has(item.PK)) candidates.push(item);
        if (candidates.length > 0) break;
      }
      const pool: Pool = { candidates, fetchedAt: Date.now(), exhausted: candidates.length === 0 };
      this.pools.set(category, pool);
      return pool;
    })().finally(() => this.refills.delete(category));
    this.refills.set(category, p);
    return p;
  }

  /** The category's most urgent candidate no claimer in this process is taking, or null when its list is empty. */
  private async head(category: Category): Promise<Candidate | null> {
    const free = (p: Pool) => p.candidates.find((c) => !this.inFlight.has(c.PK)) ?? null;
    const pool = this.pools.get(category);
    const fresh = pool && Date.now() - pool.fetchedAt <= POOL_TTL_MS ? free(pool) : null;
    return fresh ?? free(await this.refill(category));
  }

  /**
   * Compares the heads of the categories' lists (their pooled candidates: the queue index's sort
   * key orders overdue, priority, age across categories as within one) and claims from the
   * category with the most urgent; a category that ran dry meanwhile is dropped and the next tried.
   */
  async claimMostUrgent(
    categories: readonly Category[],
    agent: string,
    leaseUntil: string,
    now: string,
  ): Promise<StoredTicket | null> {
    let left = [...categories];
    while (left.length > 0) {
      const heads = await Promise.all(left.map(async (category) => ({ category, head: await this.head(category) })));
      let best: { category: Category; head: Candidate } | null = null;
      for (const h of heads) if (h.head && (!best || h.head.gsi1sk < best.head.gsi1sk)) best = { ...h, head: h.head };
      if (!best) return null;
      const claimed = await this.claimNext(best.category, agent, leaseUntil, now);
      if (claimed) return claimed;
      const emptied = best.category;
      left = left.filter((c) => c !== emptied);
    }
    return null;
  }

  async claimNext(category: Category, agent: string, leaseUntil: string, now: string): Promise<StoredTicket | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const c = await this.nextCandidate(category);
      if (!c) {
        // The page ran dry: look once more before saying the list is empty.
        const fresh = await this.refill(category);
        if (fresh.candidates.length === 0) return null;
        continue;
      }
      const ref = c.PK.slice('TICKET#'.length);
      try {
        const r = await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: ticketKey(ref),
            UpdateExpression:
              'SET #status = :claimed, claimedBy = :agent, claimedAt = :now, leaseExpiresAt = :lease, firstActionAt = :first, updatedAt = :now, #version = #version + :one, gsi2pk = :g2pk, gsi2sk = :g2sk REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#status = :ready AND gsi1sk = :seen',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ':claimed': 'claimed',
              ':ready': 'ready',
              ':seen': c.gsi1sk,
              ':agent': agent,
              ':lease': leaseUntil,
              ':now': now,
              ':first': c.firstActionAt ?? now,
              ':one': 1,
              ':g2pk': statusPk(category, 'claimed'),
              ':g2sk': `${now}#${ref}`,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return storedFromItem(r.Attributes as Item);
      } catch (err) {
        if (!isConditionFailure(err)) throw err; // taken by another process meanwhile: next candidate
      } finally {
        this.inFlight.delete(c.PK);
      }
    }
    return null;
  }

  get(ref: string): Promise<StoredTicket | null> {
    return this.tickets.ticket(ref);
  }

  async detail(ref: string): Promise<TicketDetail | null> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': ticketKey(ref).PK },
    });
    const meta = items.find((i) => i.SK === 'META');
    if (!meta) return null;
    const ofType = (type: string) => items.filter((i) => i.type === type);
    const byTime = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
    // The first message is in the ticket item; follow-ups are keyed by inbound id, so sort them by time here.
    const followUps = ofType('message').map(messageFromItem);
    const first = messageFromItem(meta.first as Item);
    const related: RelatedTicket[] = [];
    for (const link of ofType('related').sort((a, b) => String(a.at).localeCompare(String(b.at)))) {
      const other = await this.tickets.ticket(link.ref as string);
      if (other)
        related.push({
          ref: other.ref,
          status: other.status,
          category: other.category,
          reason: link.reason as RelatedReason,
        });
    }
    return {
      ticket: storedFromItem(meta),
      messages: [first, ...followUps].sort((a, b) =>
        `${a.receivedAt}#${a.inboundId}` < `${b.receivedAt}#${b.inboundId}` ? -1 : 1,
      ),
      replies: ofType('reply').map(replyFromItem).sort(byTime),
      notes: ofType('note').map(noteFromItem),
      related,
      audit: ofType('audit').map(auditFromItem), // keyed by time: in order
    };
  }

  async transition(current: StoredTicket, change: TicketChange): Promise<StoredTicket> {
    const { front, overdue: marked, survey, reply, agentReply, ...changed } = change;
    const fields = Object.fromEntries(Object.entries(changed).filter(([, v]) => v !== undefined));
    const next = { ...current, ...fields };
    const overdue = marked ?? current.overdue;
    const lists = listKeyExpression(
      listKeys(
        next,
        overdue,
        front ? change.updatedAt : null,
        next.status === 'resolved' ? (survey?.dueAt ?? null) : null,
      ),
    );
    // A ticket that ends goes on the retention list first: an entry whose change then fails names
    // a ticket still open, which the purge only takes off the list.
    const ends = isOpen(current.status) && !isOpen(next.status);
    if (ends) await putRetentionEntry(this.db, this.table, { ref: current.ref, endedAt: change.updatedAt });
    const plain = assignments({
      ...fields,
      overdue,
      endedAt: ends ? change.updatedAt : undefined,
      surveyDueAt: survey?.dueAt,
      resolvedBy: survey?.resolvedBy,
      lastAgentReply: agentReply,
    });
    // The reply goes into the ticket's outbox in this same conditional write (and the ticket on
    // the outbox index, keyed by its oldest pending reply).
    const outbox = reply
      ? {
          set: [
            '#outbox = list_append(if_not_exists(#outbox, :noReplies), :reply)',
            'gsi3pk = :outboxPk',
            'gsi3sk = if_not_exists(gsi3sk, :outboxSk)',
          ],
          names: { '#outbox': 'outbox' } as Record<string, string>,
          values: {
            ':noReplies': [],
            ':reply': [{ ref: current.ref, job: reply, at: change.updatedAt } satisfies PendingReply],
            ':outboxPk': OUTBOX_PK,
            ':outboxSk': `${change.updatedAt}#${current.ref}`,
          },
        }
      : { set: [] as string[], names: {} as Record<string, string>, values: {} };
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: ticketKey(current.ref),
          UpdateExpression: `SET ${[...plain.set, '#version = #version + :one', ...lists.set, ...outbox.set].join(', ')}${lists.remove.length ? ` REMOVE ${lists.remove.join(', ')}` : ''}`,
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { ...plain.names, ...outbox.names, '#version': 'version' },
          ExpressionAttributeValues: {
            ...plain.values,
            ...outbox.values,
            ':one': 1,
            ':version': current.version,
            ...lists.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return storedFromItem(r.Attributes as Item);
    } catch (err) {
      if (isConditionFailure(err)) throw new LeaseConflict(`ticket ${current.ref} changed meanwhile`);
      throw err;
    }
  }

  async claims(category: Category): Promise<Claim[]> {
    const items = await this.queryAll({
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': statusPk(category, 'claimed') },
      ...CLAIM_PROJECTION,
    });
    return items.map(claimFromItem).sort((a, b) => (`${a.since}#${a.ref}` < `${b.since}#${b.ref}` ? -1 : 1));
  }

  async overdue(category: Category): Promise<StoredTicket[]> {
    const ready = await this.queryAll({
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :overdue)',
      ExpressionAttributeValues: { ':pk': queuePk(category), ':overdue': '0#' },
    });
    const claimed = await this.queryAll({
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: 'overdue = :yes',
      ExpressionAttributeValues: { ':pk': statusPk(category, 'claimed'), ':yes': true },
    });
    const due = (t: StoredTicket) => `${t.dueAt}#${t.ref}`;
    return [...ready, ...claimed].map(storedFromItem).sort((a, b) => (due(a) < due(b) ? -1 : 1));
  }

  async participantTickets(key: ParticipantKey, limit: number): Promise<StoredTicket[]> {
    // The key's records (one per ticket, `ref`) and its link item (a ticket per category).
    const entries = await this.queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': participantPk(key) },
      ConsistentRead: true,
    });
    const refs = [...new Set(entries.flatMap((e) => (e.ref ? [e.ref as string] : linkedRefs(e))))];
    const carries = (t: Ticket) => participantKeys(t.fields).some((k) => k.kind === key.kind && k.value === key.value);
    const tickets = (await this.storedTickets(refs)).filter(carries);
    const newest = (t: StoredTicket) => `${t.createdAt}#${t.ref}`;
    return tickets.sort((a, b) => (newest(a) < newest(b) ? 1 : -1)).slice(0, limit);
  }

  /** The tickets under these references (without their first message), in batches; unknown ones left out. */
  private async storedTickets(refs: readonly string[]): Promise<StoredTicket[]> {
    const out: StoredTicket[] = [];
    for (let i = 0; i < refs.length; i += BATCH_GET) {
      let pending: Record<string, unknown>[] | undefined = refs.slice(i, i + BATCH_GET).map(ticketKey);
      for (let attempt = 0; pending?.length && attempt < BATCH_ATTEMPTS; attempt++) {
        const r: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true, ...STORED_TICKET_PROJECTION } },
          }),
        );
        out.push(...(r.Responses?.[this.table] ?? []).map(storedFromItem));
        pending = r.UnprocessedKeys?.[this.table]?.Keys;
      }
      if (pending?.length) throw new Error('tickets could not be read');
    }
    return out;
  }

  async addNote(ref: string, note: Note): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...noteKey(ref, note.at, note.id), type: 'note', ...note },
      }),
    );
  }

  async audit(ref: string, entry: AuditEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...auditKey(ref, entry.at, entry.id), type: 'audit', ...entry },
      }),
    );
  }

  async expiredLeases(category: Category, now: string): Promise<StoredTicket[]> {
    const items = await this.queryAll({
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: 'leaseExpiresAt < :now',
      ExpressionAttributeValues: { ':pk': statusPk(category, 'claimed'), ':now': now },
    });
    return items.map(storedFromItem);
  }

  async newlyOverdue(category: Category, now: string): Promise<StoredTicket[]> {
    const items = await this.queryAll({
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :notOverdue)',
      FilterExpression: 'dueAt < :now',
      ExpressionAttributeValues: { ':pk': queuePk(category), ':notOverdue': '1#', ':now': now },
    });
    return items.map(storedFromItem); // begins_with '1#': none of these is marked overdue yet
  }

  async waitingDue(
    category: Category,
    step: 'remind' | 'close',
    before: string,
    limit: number,
  ): Promise<StoredTicket[]> {
    // Keys sort as `<wait start>#<ref>` (not reminded) before `r#<remindedAt>#<ref>` (waitingKey);
    // `~` sorts after any reference, so a key at exactly `before` is in.
    const [from, to] = step === 'remind' ? ['0', `${before}#~`] : [REMINDED_PREFIX, `${REMINDED_PREFIX}${before}#~`];
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: LIST_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': statusPk(category, 'waiting_participant'), ':from': from, ':to': to },
        Limit: limit,
      }),
    );
    return (r.Items ?? []).map(storedFromItem);
  }

  async held(category: Category): Promise<StoredTicket[]> {
    const items = await this.queryAll({
      IndexName: LIST_INDEX,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': statusPk(category, HELD) },
    });
    return items.map(storedFromItem);
  }

  async latestMessageId(ref: string): Promise<string | null> {
    const r = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: ticketKey(ref),
        ProjectionExpression: 'lastMessageId',
        ConsistentRead: true,
      }),
    );
    return (r.Item?.lastMessageId as string | undefined) ?? null;
  }

  async releaseParticipant(ticket: Ticket): Promise<void> {
    const keys = participantKeys(ticket.fields);
    await this.tickets.recordTicket(keys, ticket.ref);
    await this.tickets.releaseLinks(ticket, keys);
  }

  async relinkParticipant(before: Ticket, after: Ticket): Promise<void> {
    await this.tickets.releaseLinks(before, participantKeys(before.fields));
    // Best effort: where the participant already has an open ticket in the new category, that link
    // stays, and a record keeps this ticket findable under the key.
    for (const key of participantKeys(after.fields))
      if ((await this.tickets.claimLink(key, after)).holder) await this.tickets.recordTicket([key], after.ref);
  }
}
