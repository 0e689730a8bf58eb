/**
 * Participant links on DynamoDB: `PARTICIPANT#<kind>#<hash>` / `OPEN#<category>` → the open
 * ticket of that participant and category. Each claim is a conditional put, which makes dedupe
 * race-free without transactions. A link names its ticket by reference and by the inbound id that
 * opened it, so a link written for a ticket that never came to be (a reference collision, a
 * crash) is told from the ticket now under that reference, and taken over. A link whose ticket
 * does not exist yet is another function's create in progress: it is waited for (briefly, then
 * the mail is retried), and taken over only once it is older than any create can take.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { isOpen, type ParticipantKey, type Ticket } from '#core/ticket.ts';
import type { Category } from '#core/types.ts';
import { ABANDONED_LINK_AFTER_MS, ParticipantBusy, type StoredTicket } from '#ports';
import { type Item, storedFromItem, written } from './items.ts';
import { linkKey, participantTicketKey, ticketKey } from './keys.ts';

const MAX_ATTEMPTS = 5;
/** How long to wait for a ticket another function is creating: its next write is milliseconds away. */
const CREATE_WAITS_MS = [25, 50, 100, 200, 400];

type Owner = Pick<Ticket, 'ref' | 'openedBy'>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TicketTable {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly name: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async ticketItem(ref: string): Promise<Item | null> {
    const r = await this.db.send(new GetCommand({ TableName: this.name, Key: ticketKey(ref), ConsistentRead: true }));
    return r.Item ?? null;
  }

  async ticket(ref: string): Promise<StoredTicket | null> {
    const item = await this.ticketItem(ref);
    return item ? storedFromItem(item) : null;
  }

  /** The open ticket a link points to, unless the link is stale. */
  private async holder(link: Item | undefined): Promise<StoredTicket | null> {
    if (!link) return null;
    const t = await this.ticket(link.ref as string);
    return t && t.openedBy === link.openedBy && isOpen(t.status) ? t : null;
  }

  /**
   * The ticket a link names while it is being created: waited for, briefly. Null when the link is
   * stale (its create was abandoned long ago, or its ticket is another or no longer open).
   */
  private async heldBy(link: Item): Promise<StoredTicket | null> {
    let t = await this.ticket(link.ref as string);
    const claimedAt = Date.parse((link.claimedAt as string | undefined) ?? '');
    const young = !t && this.now().getTime() - claimedAt < ABANDONED_LINK_AFTER_MS;
    for (const ms of young ? CREATE_WAITS_MS : []) {
      await sleep(ms);
      t = await this.ticket(link.ref as string);
      if (t) break;
    }
    if (!t && young) throw new ParticipantBusy(`participant link for ${link.SK} is held by a ticket being created`);
    return t && t.openedBy === link.openedBy && isOpen(t.status) ? t : null;
  }

  /** Links key → ticket unless another open ticket holds it (or is being created); returns that ticket then. */
  async claimLink(key: ParticipantKey, category: Category, owner: Owner): Promise<StoredTicket | null> {
    const Item = {
      ...linkKey(key, category),
      type: 'link',
      ref: owner.ref,
      openedBy: owner.openedBy,
      claimedAt: this.now().toISOString(),
    };
    const put = (condition: string, values: Record<string, string>) =>
      this.db.send(
        new PutCommand({
          TableName: this.name,
          Item,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#openedBy': 'openedBy' },
          ExpressionAttributeValues: values,
        }),
      );
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (await written(put('attribute_not_exists(PK) OR #openedBy = :openedBy', { ':openedBy': owner.openedBy })))
        return null;
      const link = (
        await this.db.send(new GetCommand({ TableName: this.name, Key: linkKey(key, category), ConsistentRead: true }))
      ).Item;
      if (!link) continue;
      const holder = await this.heldBy(link);
      if (holder) return holder;
      // Stale: take it over, unless it changed since we read it.
      if (await written(put('#openedBy = :holder', { ':holder': link.openedBy as string }))) return null;
    }
    throw new Error(`participant link for ${category} kept changing`);
  }

  /** Frees the keys' links that this ticket holds. */
  async releaseLinks(keys: readonly ParticipantKey[], category: Category, owner: Owner): Promise<void> {
    for (const key of keys) {
      await written(
        this.db.send(
          new DeleteCommand({
            TableName: this.name,
            Key: linkKey(key, category),
            ConditionExpression: '#ref = :ref AND #openedBy = :openedBy',
            ExpressionAttributeNames: { '#ref': 'ref', '#openedBy': 'openedBy' },
            ExpressionAttributeValues: { ':ref': owner.ref, ':openedBy': owner.openedBy },
          }),
        ),
      );
    }
  }

  /** Keeps a record of the ticket under each key (idempotent), found by the participant's ticket list once its links are gone. */
  async recordTicket(keys: readonly ParticipantKey[], ref: string): Promise<void> {
    for (const key of keys) {
      await this.db.send(
        new PutCommand({
          TableName: this.name,
          Item: { ...participantTicketKey(key, ref), type: 'participant-ticket', ref },
        }),
      );
    }
  }

  /** The open tickets holding the keys in the categories, each once, in the order asked: one batch read of the links. */
  async openTickets(keys: readonly ParticipantKey[], categories: readonly Category[]): Promise<StoredTicket[]> {
    const wanted = categories.flatMap((c) => keys.map((k) => linkKey(k, c)));
    if (wanted.length === 0) return [];
    const found = new Map<string, Item>();
    let pending: Item[] | undefined = wanted;
    for (let attempt = 0; pending?.length && attempt < MAX_ATTEMPTS; attempt++) {
      const r: BatchGetCommandOutput = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const link of r.Responses?.[this.name] ?? []) found.set(`${link.PK}|${link.SK}`, link);
      pending = r.UnprocessedKeys?.[this.name]?.Keys;
    }
    if (pending?.length) throw new Error('participant links could not be read');
    // In the order asked (category, then card, phone, email), not the order DynamoDB answers in;
    // a ticket holding several of the keys is read once.
    const out = new Map<string, StoredTicket>();
    for (const k of wanted) {
      const link = found.get(`${k.PK}|${k.SK}`);
      if (!link || out.has(link.ref as string)) continue;
      const holder = await this.holder(link);
      if (holder) out.set(holder.ref, holder);
    }
    return [...out.values()];
  }
}
