/**
 * Participant links on DynamoDB: one item per participant key, `PARTICIPANT#<kind>#<hash>` /
 * `LINKS`, with an attribute per category naming the open ticket of that participant and
 * category (`{ ref, openedBy, claimedAt }`). A claim is one UpdateItem that sets the category's
 * attribute only if it is absent and returns the whole item, so it answers at once whether the
 * key was free and which tickets the key links to in every other category (what dedupe needs),
 * with no read before it. Race-free without transactions: two claims of one category meet on
 * the same attribute, and the later one finds the earlier's.
 *
 * A link names its ticket by reference and by the inbound id that opened it, so a link written
 * for a ticket that never came to be (a reference collision, a crash) is told from the ticket now
 * under that reference, and taken over with an update conditional on the link it replaces. A
 * link whose ticket does not exist yet is another function's create in progress: it is waited
 * for (briefly, then the mail is retried), and taken over only once it is older than any create
 * can take.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isOpen, type ParticipantKey } from '#core/ticket.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import { ABANDONED_LINK_AFTER_MS, type LinkClaims, type LinkOwner, ParticipantBusy, type StoredTicket } from '#ports';
import { type Item, isConditionFailure, storedFromItem, written } from './items.ts';
import { linksKey, participantTicketKey, ticketKey } from './keys.ts';

const MAX_ATTEMPTS = 5;
/** How long to wait for a ticket another function is creating: its next write is milliseconds away. */
const CREATE_WAITS_MS = [25, 50, 100, 200, 400];

/** One category's link on a key's link item. */
export interface Link {
  ref: string;
  openedBy: string;
  claimedAt: string;
}

/** The category's link on a key's link item, if any. */
export const linkIn = (item: Item | undefined, category: Category): Link | null =>
  (item?.[category] as Link | undefined) ?? null;

/** The references a key's link item names, in any category. */
export const linkedRefs = (item: Item): string[] =>
  CATEGORIES.flatMap((c) => {
    const link = linkIn(item, c);
    return link ? [link.ref] : [];
  });

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

  /** The ticket, if it is the open ticket of the category the link names (else the link is stale). */
  private holds(t: StoredTicket | null, link: Link, category: Category): StoredTicket | null {
    return t && t.openedBy === link.openedBy && t.category === category && isOpen(t.status) ? t : null;
  }

  /** The open ticket a link names, unless the link is stale. */
  private async holder(link: Link, category: Category): Promise<StoredTicket | null> {
    return this.holds(await this.ticket(link.ref), link, category);
  }

  /**
   * The ticket a link names while it is being created: waited for, briefly. Null when the link is
   * stale (its create was abandoned long ago, or its ticket is another or no longer open).
   */
  private async heldBy(link: Link, category: Category): Promise<StoredTicket | null> {
    let t = await this.ticket(link.ref);
    const claimedAt = Date.parse(link.claimedAt ?? '');
    const young = !t && this.now().getTime() - claimedAt < ABANDONED_LINK_AFTER_MS;
    for (const ms of young ? CREATE_WAITS_MS : []) {
      await sleep(ms);
      t = await this.ticket(link.ref);
      if (t) break;
    }
    if (!t && young) throw new ParticipantBusy(`participant link for ${category} is held by a ticket being created`);
    return this.holds(t, link, category);
  }

  /**
   * Sets the category's link to `link`: when the category has none, or, given `replacing`, when
   * its link is still exactly that one. The item after, or null when the link had changed.
   */
  private async setLink(key: ParticipantKey, category: Category, link: Link, replacing?: Link): Promise<Item | null> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.name,
          Key: linksKey(key),
          // Unconditional when claiming a free category: if_not_exists keeps a holder's link, and
          // the item comes back either way.
          UpdateExpression: replacing
            ? 'SET #c = :link, #type = :type'
            : 'SET #c = if_not_exists(#c, :link), #type = :type',
          // The whole link read, not only who opened it: the same mail may have moved its link to
          // another reference meanwhile (a collision), and that link is not stale.
          ConditionExpression: replacing
            ? '#c.#ref = :ref AND #c.#openedBy = :openedBy AND #c.#claimedAt = :claimedAt'
            : undefined,
          ExpressionAttributeNames: {
            '#c': category,
            '#type': 'type',
            ...(replacing ? { '#ref': 'ref', '#openedBy': 'openedBy', '#claimedAt': 'claimedAt' } : {}),
          },
          ExpressionAttributeValues: {
            ':link': link,
            ':type': 'links',
            ...(replacing
              ? { ':ref': replacing.ref, ':openedBy': replacing.openedBy, ':claimedAt': replacing.claimedAt }
              : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return r.Attributes ?? null;
    } catch (err) {
      if (isConditionFailure(err)) return null;
      throw err;
    }
  }

  /**
   * Links key → owner in its category unless another open ticket holds it (or is being created).
   * Answers the key's link item after the claim and the holder, if there is one.
   */
  async claimLink(key: ParticipantKey, owner: LinkOwner): Promise<{ item: Item; holder: StoredTicket | null }> {
    const mine: Link = { ref: owner.ref, openedBy: owner.openedBy, claimedAt: this.now().toISOString() };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const item = (await this.setLink(key, owner.category, mine)) as Item;
      const link = linkIn(item, owner.category) as Link;
      if (link.openedBy === owner.openedBy && link.ref === owner.ref) return { item, holder: null };
      // This mail's own claim under an earlier reference (a collision moved it on), or a link that
      // may be stale: replaced only if it is still the one read.
      const holder = link.openedBy === owner.openedBy ? null : await this.heldBy(link, owner.category);
      if (holder) return { item, holder };
      const taken = await this.setLink(key, owner.category, mine, link);
      if (taken) return { item: taken, holder: null };
    }
    throw new Error(`participant link for ${owner.category} kept changing`);
  }

  /** Claims the keys in order until another open ticket holds one; see TicketStore.claimLinks. */
  async claimLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<LinkClaims> {
    const claimed: ParticipantKey[] = [];
    const open = new Map<string, StoredTicket>();
    for (const key of keys) {
      const { item, holder } = await this.claimLink(key, owner).catch(async (err: unknown) => {
        // Another create holds this key: give back the keys taken so far, then let the mail be retried.
        if (err instanceof ParticipantBusy) await this.releaseLinks(owner, claimed);
        throw err;
      });
      // The key's links in the other categories: the participant's other open tickets.
      for (const category of CATEGORIES) {
        const link = linkIn(item, category);
        if (category === owner.category || !link || link.openedBy === owner.openedBy || open.has(link.ref)) continue;
        const t = await this.holder(link, category);
        if (t) open.set(t.ref, t);
      }
      if (holder) {
        open.set(holder.ref, holder);
        return { claimed, held: { key, ticket: holder }, open: [...open.values()] };
      }
      claimed.push(key);
    }
    return { claimed, held: null, open: [...open.values()] };
  }

  /** Frees the keys' links that this ticket holds. */
  async releaseLinks(owner: LinkOwner, keys: readonly ParticipantKey[]): Promise<void> {
    for (const key of keys) await this.removeLink(key, owner.category, { ref: owner.ref, openedBy: owner.openedBy });
  }

  /** Frees every link naming the ticket under the keys, in any category (the ticket is being deleted). */
  async unlinkEverywhere(keys: readonly ParticipantKey[], ref: string): Promise<void> {
    for (const key of keys) {
      const item = (
        await this.db.send(new GetCommand({ TableName: this.name, Key: linksKey(key), ConsistentRead: true }))
      ).Item;
      for (const category of CATEGORIES) {
        if (linkIn(item, category)?.ref === ref) await this.removeLink(key, category, { ref });
      }
    }
  }

  /**
   * Removes the category's link if it still names `holder`, and the key's item once it links
   * nothing: an item per participant key ever seen would otherwise stay for good, after every
   * ticket it named is gone. A claim made in between keeps the item (the delete's condition).
   */
  private async removeLink(
    key: ParticipantKey,
    category: Category,
    holder: { ref: string; openedBy?: string },
  ): Promise<void> {
    let left: Item | undefined;
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.name,
          Key: linksKey(key),
          UpdateExpression: 'REMOVE #c',
          ConditionExpression: holder.openedBy ? '#c.#ref = :ref AND #c.#openedBy = :openedBy' : '#c.#ref = :ref',
          ExpressionAttributeNames: {
            '#c': category,
            '#ref': 'ref',
            ...(holder.openedBy ? { '#openedBy': 'openedBy' } : {}),
          },
          ExpressionAttributeValues: {
            ':ref': holder.ref,
            ...(holder.openedBy ? { ':openedBy': holder.openedBy } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      left = r.Attributes;
    } catch (err) {
      if (isConditionFailure(err)) return;
      throw err;
    }
    if (left && linkedRefs(left).length > 0) return;
    await written(
      this.db.send(
        new DeleteCommand({
          TableName: this.name,
          Key: linksKey(key),
          ConditionExpression: CATEGORIES.map((_, i) => `attribute_not_exists(#c${i})`).join(' AND '),
          ExpressionAttributeNames: Object.fromEntries(CATEGORIES.map((c, i) => [`#c${i}`, c])),
        }),
      ),
    );
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

  /** The open tickets holding the keys in the categories, each once, in the order asked: one batch read of the keys' link items. */
  async openTickets(keys: readonly ParticipantKey[], categories: readonly Category[]): Promise<StoredTicket[]> {
    if (keys.length === 0 || categories.length === 0) return [];
    const found = new Map<string, Item>();
    let pending: Item[] | undefined = keys.map(linksKey);
    for (let attempt = 0; pending?.length && attempt < MAX_ATTEMPTS; attempt++) {
      const r: BatchGetCommandOutput = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of r.Responses?.[this.name] ?? []) found.set(item.PK as string, item);
      pending = r.UnprocessedKeys?.[this.name]?.Keys;
    }
    if (pending?.length) throw new Error('participant links could not be read');
    // In the order asked (category, then card, phone, email), not the order DynamoDB answers in;
    // a ticket holding several of the keys is read once.
    const out = new Map<string, StoredTicket>();
    for (const category of categories) {
      for (const key of keys) {
        const link = linkIn(found.get(linksKey(key).PK), category);
        if (!link || out.has(link.ref)) continue;
        const t = await this.holder(link, category);
        if (t) out.set(t.ref, t);
      }
    }
    return [...out.values()];
  }
}
