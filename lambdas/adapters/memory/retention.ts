/** TicketRetention in memory: the retention list and the purge of everything kept with a ticket (see state.ts). */
import { isOpen, participantKeys } from '#core/ticket.ts';
import { CATEGORIES } from '#core/types.ts';
import type { RetentionEntry, TicketRetention } from '#ports';
import { linkId, type MemoryState, participantId } from './state.ts';

export class MemoryTicketRetention implements TicketRetention {
  constructor(private readonly db: MemoryState) {}

  async endedBefore(cutoff: string, limit: number): Promise<RetentionEntry[]> {
    return [...this.db.retention.entries()]
      .filter(([position]) => position < cutoff)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .slice(0, limit)
      .map(([, entry]) => ({ ...entry }));
  }

  async purge(entry: RetentionEntry, cutoff: string): Promise<boolean> {
    const row = this.db.tickets.get(entry.ref);
    const expired =
      row !== undefined && !isOpen(row.ticket.status) && row.endedAt !== undefined && row.endedAt < cutoff;
    if (row && expired) {
      const { ref, fields } = row.ticket;
      this.db.notes.delete(ref);
      this.db.audit.delete(ref);
      for (const other of this.db.related.get(ref) ?? [])
        this.db.related.set(
          other.ref,
          (this.db.related.get(other.ref) ?? []).filter((r) => r.ref !== ref),
        );
      this.db.related.delete(ref);
      for (const id of [...this.db.replies.keys()]) if (id.startsWith(`${ref}#`)) this.db.replies.delete(id);
      for (const id of [...this.db.acceptedReplies]) if (id.startsWith(`${ref}#`)) this.db.acceptedReplies.delete(id);
      this.db.surveys.delete(ref);
      for (const key of participantKeys(fields)) {
        this.db.participantRecords.get(participantId(key))?.delete(ref);
        // A link still naming it (a release that failed), in whichever category it names it.
        for (const c of CATEGORIES)
          if (this.db.links.get(linkId(key, c))?.ref === ref) this.db.links.delete(linkId(key, c));
      }
      this.db.tickets.delete(ref);
    }
    this.db.retention.delete(`${entry.endedAt}#${entry.ref}`);
    return expired;
  }
}
