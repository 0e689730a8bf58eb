/**
 * Traces of the labelled corpus in other text: a run of 6 or more of its words (mostly-number
 * runs aside), a person's name, an email address, or a number of 8 or more digits (a phone also
 * when written with +62 instead of 0). Used by scripts/check-corpus.ts.
 *
 * Not counted as corpus text: the address every corpus mail is sent to (the complaint centre's
 * own, which the product needs) and the centre's own replies quoted in corpus mails (the
 * product's words, not a participant's).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import { htmlToText } from '../lambdas/core/parse.ts';
import { segmentText } from '../lambdas/core/text.ts';

const FRAGMENT_WORDS = 6;
const MIN_DIGITS = 8;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
// A run that is mostly numbers is a date or a data line, not a sentence: numbers are checked on their own.
const isSentence = (ws: readonly string[]) => ws.filter((w) => /^\d+$/.test(w)).length <= 2;
const shingles = (ws: readonly string[]) => {
  const out: string[] = [];
  for (let i = 0; i + FRAGMENT_WORDS <= ws.length; i++) {
    const run = ws.slice(i, i + FRAGMENT_WORDS);
    if (isSentence(run)) out.push(run.join(' '));
  }
  return out;
};
const EMAIL = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
// Digit groups with one separator between them, as numbers are written.
const NUMBER = /\+?\d(?:[ .\-/]?\d)+/g;

/** The forms a number is compared in: its digits, and a phone's digits after 0 or 62. */
function numberKeys(written: string): string[] {
  const digits = written.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS) return [];
  const national = /^(?:62|0)(8\d{7,11})$/.exec(digits)?.[1];
  return national ? [digits, `phone:${national}`] : [digits];
}

export interface Corpus {
  fragments: Map<string, string>;
  names: Set<string>;
  emails: Set<string>;
  numbers: Set<string>;
}

const addresses = (obj: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(obj) ? obj : obj ? [obj] : []).flatMap((g) => g.value);

export async function readCorpus(dir: string): Promise<Corpus> {
  const corpus: Corpus = { fragments: new Map(), names: new Set(), emails: new Set(), numbers: new Set() };
  const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Record<string, unknown>[];
  const automated = new Set(labels.filter((l) => l.auto === true).map((l) => `${l.id}.eml`));
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  const mails = await Promise.all(
    files.map(async (f) => ({ file: f, mail: await simpleParser(readFileSync(path.join(dir, f))) })),
  );
  // The centre's own address is in every mail's To: it is the product's, not a participant's.
  const recipients = new Map<string, number>();
  for (const { mail } of mails)
    for (const a of addresses(mail.to))
      if (a.address) recipients.set(a.address.toLowerCase(), (recipients.get(a.address.toLowerCase()) ?? 0) + 1);
  const centre = new Set([...recipients].filter(([, n]) => n >= files.length / 2).map(([a]) => a));
  const personName = (name: string | undefined, address: string | undefined) => {
    const n = name?.trim().toLowerCase();
    if (n && n.split(/\s+/).length >= 2 && !centre.has(address?.toLowerCase() ?? '')) corpus.names.add(n);
  };
  const texts: string[] = [];
  for (const { file, mail } of mails) {
    const full = mail.text || (typeof mail.html === 'string' ? await htmlToText(mail.html) : '');
    const body = segmentText(full)
      .filter((seg) => seg.author === null || !centre.has(seg.author))
      .map((seg) => seg.text)
      .join('\n');
    texts.push(mail.subject ?? '', body);
    for (const a of [...addresses(mail.from), ...addresses(mail.cc)]) {
      if (a.address) corpus.emails.add(a.address.toLowerCase());
      // Machine senders' display names are companies and services, not people.
      if (!automated.has(file)) personName(a.name, a.address);
    }
    for (const line of body.split('\n')) {
      const named = /^\s*>?\s*(?:nama(?: lengkap| peserta| saya)?|name)\s*[:=]\s*(.+)$/i.exec(line);
      personName(named?.[1], undefined);
      const attribution =
        /(?:pada|on)\b.*?([\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+)+)\s*<([^>]+)>\s*(?:menulis|wrote)/u.exec(line);
      personName(attribution?.[1], attribution?.[2]);
    }
  }
  for (const l of labels) {
    if (typeof l.name === 'string' && l.name.includes(' ')) corpus.names.add(l.name.toLowerCase());
    for (const key of ['card', 'phone', 'nik'])
      if (typeof l[key] === 'string') for (const k of numberKeys(l[key] as string)) corpus.numbers.add(k);
    if (typeof l.email === 'string') corpus.emails.add(l.email.toLowerCase());
  }
  for (const text of texts) {
    for (const s of shingles(words(text))) if (!corpus.fragments.has(s)) corpus.fragments.set(s, s);
    for (const m of text.matchAll(EMAIL)) corpus.emails.add(m[0].toLowerCase());
    for (const m of text.matchAll(NUMBER)) for (const k of numberKeys(m[0])) corpus.numbers.add(k);
  }
  for (const c of centre) corpus.emails.delete(c);
  return corpus;
}

export interface Finding {
  file: string;
  line: number;
  kind: 'sentence' | 'name' | 'email' | 'number';
  what: string;
}

export const masked = (kind: Finding['kind'], what: string) =>
  kind === 'number'
    ? `${what.slice(0, 4)}…(${what.replace(/\D/g, '').length} digits)`
    : kind === 'email'
      ? `${what.slice(0, 3)}…@${what.split('@')[1]}`
      : what;

export function scanText(file: string, text: string, corpus: Corpus): Finding[] {
  const out: Finding[] = [];
  const lines = text.split('\n');
  const lower = text.toLowerCase();
  const lineOf = (index: number) => lower.slice(0, index).split('\n').length;
  // Sentences: 6-word runs, across line breaks (a sentence may be wrapped in a comment).
  const tokens = [...lower.matchAll(/[\p{L}\p{N}]+/gu)];
  let lastReported = -FRAGMENT_WORDS;
  for (let i = 0; i + FRAGMENT_WORDS <= tokens.length; i++) {
    const key = tokens
      .slice(i, i + FRAGMENT_WORDS)
      .map((t) => t[0])
      .join(' ');
    if (corpus.fragments.has(key) && i >= lastReported + FRAGMENT_WORDS) {
      out.push({ file, line: lineOf(tokens[i]?.index ?? 0), kind: 'sentence', what: key });
      lastReported = i;
    }
  }
  for (const name of corpus.names) {
    const re = new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu');
    for (const m of lower.matchAll(re)) out.push({ file, line: lineOf(m.index), kind: 'name', what: name });
  }
  for (const m of lower.matchAll(EMAIL))
    if (corpus.emails.has(m[0])) out.push({ file, line: lineOf(m.index), kind: 'email', what: m[0] });
  lines.forEach((line, i) => {
    for (const m of line.matchAll(NUMBER))
      if (numberKeys(m[0]).some((k) => corpus.numbers.has(k)))
        out.push({ file, line: i + 1, kind: 'number', what: m[0] });
  });
  return out;
}
