/**
 * What an agent typed on a ticket, kept in the browser per agent and ticket (localStorage, key
 * `<agent>/<ref>`), so a lost lease, a reload or a crash loses nothing. Cleared when sent.
 */
export interface Draft {
  reply: string;
  note: string;
  savedAt: string;
}

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'prk.draft.';
/** Drafts untouched this long are dropped when the console starts. */
export const DRAFT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export function loadDraft(storage: DraftStorage, key: string): Draft | null {
  try {
    const raw = storage.getItem(PREFIX + key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    return { reply: String(d.reply ?? ''), note: String(d.note ?? ''), savedAt: String(d.savedAt ?? '') };
  } catch {
    return null;
  }
}

export function saveDraft(storage: DraftStorage, key: string, draft: Omit<Draft, 'savedAt'>, now: Date): void {
  try {
    if (!draft.reply && !draft.note) storage.removeItem(PREFIX + key);
    else storage.setItem(PREFIX + key, JSON.stringify({ ...draft, savedAt: now.toISOString() }));
  } catch {
    // Storage full or disabled: the text is still in the page.
  }
}

export function clearDraft(storage: DraftStorage, key: string, part?: keyof Omit<Draft, 'savedAt'>): void {
  const d = loadDraft(storage, key);
  if (!d || !part) {
    storage.removeItem(PREFIX + key);
    return;
  }
  saveDraft(storage, key, { ...d, [part]: '' }, new Date(d.savedAt || 0));
}

export function pruneDrafts(storage: DraftStorage, now: Date): void {
  const old: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const d = loadDraft(storage, key.slice(PREFIX.length));
    const at = d ? Date.parse(d.savedAt) : Number.NaN;
    if (!d || Number.isNaN(at) || now.getTime() - at > DRAFT_MAX_AGE_MS) old.push(key);
  }
  for (const key of old) storage.removeItem(key);
}
