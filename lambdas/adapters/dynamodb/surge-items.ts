/**
 * Surge items and the domain values they hold (layout in docs/surge.md). MinHash signatures are
 * stored as 256 bytes (64 unsigned 32-bit words, big-endian) instead of a list of 64 numbers:
 * a quarter of the size, and one attribute instead of 64 to marshal.
 */
import type { Baseline, Incident, Member, Observation } from '#core/surge/model.ts';
import type { IncidentTicket } from '#ports';
import { type Item, keysOf, picker } from './items.ts';

export function packMinHash(words: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, w] of words.entries()) view.setUint32(i * 4, w >>> 0);
  return bytes;
}

export function unpackMinHash(value: unknown): number[] {
  if (!(value instanceof Uint8Array)) return [];
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  return Array.from({ length: Math.floor(value.byteLength / 4) }, (_, i) => view.getUint32(i * 4));
}

const OBSERVATION_KEYS = keysOf<Observation>()(
  'ref',
  'participant',
  'category',
  'at',
  'bucket',
  'terms',
  'minhash',
  'incidentId',
);
const observationFields = picker<Observation>(OBSERVATION_KEYS);

export function observationItem(o: Observation): Item {
  const { incidentId, minhash, ...rest } = o;
  return { ...rest, minhash: packMinHash(minhash), ...(incidentId ? { incidentId } : {}) };
}

export function observationFromItem(item: Item): Observation {
  return { ...observationFields(item), minhash: unpackMinHash(item.minhash) };
}

export function baselineItem(b: Baseline): Item {
  // An absent `through` is a baseline that has folded nothing yet (its condition reads the same).
  const through = b.through === null ? {} : { through: b.through };
  return { participants: b.participants, seen: b.seen, features: b.features, ...through };
}

export function baselineFromItem(item: Item): Baseline {
  return {
    through: typeof item.through === 'number' ? item.through : null,
    participants: Number(item.participants ?? 0),
    seen: Number(item.seen ?? 0),
    features: (item.features as Record<string, number> | undefined) ?? {},
  };
}

export const incidentFromItem = picker<Incident>(
  keysOf<Incident>()(
    'id',
    'status',
    'category',
    'signature',
    'evidence',
    'topTerms',
    'proposedAt',
    'firstTicketAt',
    'lastTicketAt',
    'tickets',
    'participants',
    'timeline',
    'examples',
    'answer',
    'decidedBy',
    'decidedAt',
    'coolUntil',
    'version',
  ),
);

const MEMBER_KEYS = keysOf<Member>()('ref', 'participant', 'category', 'at', 'score', 'matched', 'minhash');
const memberFields = picker<Member>(MEMBER_KEYS);

export function memberItem(m: Member): Item {
  return { ...m, minhash: packMinHash(m.minhash) };
}

export function memberFromItem(item: Item): Member {
  return { ...memberFields(item), minhash: unpackMinHash(item.minhash) };
}

export function incidentTicketFromItem(item: Item): IncidentTicket {
  return { ...memberFromItem(item), answeredAt: (item.answeredAt as string | undefined) ?? null };
}
