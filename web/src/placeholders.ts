/**
 * Canned-response placeholders: `{nama}`, `{ref}`, `{kartu}`, ... filled from the ticket. A
 * placeholder the ticket cannot fill stays in the text as written, so the agent sees it (the
 * reply box highlights it) and the console refuses to send it.
 */
import type { Ticket } from './api.ts';
import { CATEGORY_LABEL, groupCard, mask, wib } from './format.ts';

export interface PlaceholderContext {
  ticket: Ticket;
  agent: string;
}

type Filler = (c: PlaceholderContext) => string | null | undefined;

/** Name → how the ticket fills it. Personal numbers go in masked: the participant recognises them. */
export const PLACEHOLDERS: Record<string, { label: string; fill: Filler }> = {
  nama: { label: 'nama peserta', fill: (c) => c.ticket.fields.name },
  ref: { label: 'nomor tiket', fill: (c) => c.ticket.ref },
  kartu: {
    label: 'nomor kartu (disamarkan)',
    fill: (c) => (c.ticket.fields.cardNumber ? groupCard(mask.card(c.ticket.fields.cardNumber)) : null),
  },
  hp: {
    label: 'nomor HP (disamarkan)',
    fill: (c) => (c.ticket.fields.phone ? mask.phone(c.ticket.fields.phone) : null),
  },
  email: { label: 'email peserta', fill: (c) => c.ticket.fields.email ?? c.ticket.replyTo },
  kategori: { label: 'kategori', fill: (c) => CATEGORY_LABEL[c.ticket.category] },
  tenggat: { label: 'tenggat layanan', fill: (c) => (c.ticket.dueAt ? wib(c.ticket.dueAt) : null) },
  petugas: { label: 'nama petugas', fill: (c) => c.agent },
};

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** The body with every fillable placeholder replaced; the others left as `{name}`. */
export function fillPlaceholders(body: string, c: PlaceholderContext): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = PLACEHOLDERS[name]?.fill(c);
    return value ? value : whole;
  });
}

/** Placeholders still in a text (unknown names included), in order of appearance, once each. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[0]))];
}

/** The text cut into plain runs and placeholder runs, for highlighting. */
export function placeholderRuns(text: string): { text: string; placeholder: boolean }[] {
  const runs: { text: string; placeholder: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), placeholder: false });
    runs.push({ text: m[0], placeholder: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), placeholder: false });
  return runs;
}

/** Case- and accent-insensitive search over title and body. */
export function searchCanned<T extends { title: string; body: string }>(items: readonly T[], query: string): T[] {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = norm(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((i) => {
    const hay = norm(`${i.title} ${i.body}`);
    return words.every((w) => hay.includes(w));
  });
}
