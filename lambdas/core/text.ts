/**
 * Splits a plain-text body into the sender's new text, forwarded parts and quoted history.
 *
 * Mail clients mark history in a handful of ways: `>` prefixes (nested), an attribution line
 * ("Pada Sen, 11 Mar 2024 ... menulis:" / "On ... wrote:"), a forwarded-message banner, or
 * Outlook's "-----Original Message-----" / "From: ... Sent: ..." block. No maintained library
 * covers the Indonesian variants (email-reply-parser only drops quotes; we need to keep who
 * wrote each quoted level), so this is a small line scanner.
 */
import type { SegmentKind, TextSegment } from './types.ts';

const NBSP_AND_FRIENDS = /[\u00a0\u2007\u202f\u2000-\u200a]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const ODD_CHARACTER = /[\r\u00a0\u2007\u202f\u2000-\u200d\u2060\ufeff]/;

/**
 * The first `max` UTF-16 units of a text, one fewer when the cut would split a surrogate pair
 * (an emoji, say): a lone half is not valid Unicode, and stores and mailers may refuse it.
 */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Normalises whitespace oddities that break number matching (NBSP between card groups, CRLF, zero-width). */
export function normaliseText(text: string): string {
  // Most text is already normal (and segmentText sees text parse already normalised): one scan.
  if (!ODD_CHARACTER.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(NBSP_AND_FRIENDS, ' ').replace(INVISIBLE, '');
}

// Tested on a trimmed line. Every `\s*` is followed by a character it cannot match (no two runs of
// spaces side by side): such a pair made a line of a banner's words and thousands of spaces cost
// the cube of their number.
const FORWARD_BANNER =
  /^(?:-{2,}\s*)?(?:forwarded message|pesan yang diteruskan|pesan diteruskan|begin forwarded message|original message|pesan asli)(?:\s*:)?(?:\s*-{2,})?$/i;
const OUTLOOK_ORIGINAL = /^\s*-{3,}\s*original message\s*-{3,}\s*$/i;
// Attribution: "On <date>, <name> <addr> wrote:" / "Pada <tanggal> <nama> <alamat> menulis:" (may wrap)
const ATTRIBUTION_END = /\b(?:wrote|menulis|schrieb|escribió)\s*:\s*$/i;
const ATTRIBUTION_START = /^\s*(?:on|pada|le|am)\b/i;
const HEADER_FROM = /^\s*(?:from|dari)\s*:\s*(.*)$/i;
// Starts only where an address can start: otherwise a long word with no `@` is tried from each of
// its positions (time growing with the square of its length). The first match is the same.
const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;

function quoteLevel(line: string): { level: number; body: string } {
  // Most lines are not quoted: a quote marker is `>` at the start, after at most one blank.
  const c0 = line.charCodeAt(0);
  if (c0 !== 62 && line.charCodeAt(1) !== 62) return { level: 0, body: line };
  const m = /^((?:\s?>)+)\s?/.exec(line);
  if (!m) return { level: 0, body: line };
  const marker = m[1] ?? '';
  return { level: marker.split('>').length - 1, body: line.slice(m[0].length) };
}

function addressIn(text: string): string | null {
  const m = EMAIL.exec(text);
  return m ? m[0].toLowerCase() : null;
}

/** Splits normalised text into segments of the same kind and author, in order. */
export function segmentText(text: string): TextSegment[] {
  const lines = normaliseText(text).split('\n');
  const segments: TextSegment[] = [];
  // authorAt[L] = author of the text quoted at level L+1 (set by an attribution line seen at level L)
  const authorAt: (string | null)[] = [];
  let forwarded = false;
  let forwardAuthor: string | null = null;
  let awaitingForwardHeader = false;
  let outlookQuote = false;
  let outlookAuthor: string | null = null;

  const push = (kind: SegmentKind, author: string | null, line: string) => {
    const last = segments[segments.length - 1];
    if (last && last.kind === kind && last.author === author) last.text += `\n${line}`;
    else segments.push({ kind, author, text: line });
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const { level, body } = quoteLevel(raw);

    // Attribution lines, possibly wrapped over up to three lines.
    if (ATTRIBUTION_START.test(body)) {
      let joined = body;
      let j = i;
      while (!ATTRIBUTION_END.test(joined) && j - i < 2 && j + 1 < lines.length) {
        j++;
        joined += ` ${quoteLevel(lines[j] ?? '').body}`;
      }
      if (ATTRIBUTION_END.test(joined)) {
        authorAt[level] = addressIn(joined);
        authorAt.length = level + 1;
        i = j;
        continue;
      }
    }
    if (level === 0 && OUTLOOK_ORIGINAL.test(body)) {
      outlookQuote = true;
      outlookAuthor = null;
      continue;
    }
    if (level === 0 && FORWARD_BANNER.test(body.trim())) {
      forwarded = true;
      awaitingForwardHeader = true;
      forwardAuthor = null;
      continue;
    }
    if (
      level === 0 &&
      !forwarded &&
      !outlookQuote &&
      HEADER_FROM.test(body) &&
      /^\s*(sent|dikirim)\s*:/i.test(lines[i + 1] ?? '')
    ) {
      // Outlook reply without a banner: "From: X\nSent: Y\nTo: ...\nSubject: ..."
      outlookQuote = true;
      outlookAuthor = addressIn(body);
      continue;
    }
    if (level === 0 && (forwarded || outlookQuote)) {
      const from = HEADER_FROM.exec(body);
      if (from && (awaitingForwardHeader || outlookQuote)) {
        if (forwarded) forwardAuthor = addressIn(from[1] ?? '');
        else outlookAuthor = addressIn(from[1] ?? '');
        continue;
      }
      if (awaitingForwardHeader && /^\s*(date|tanggal|sent|subject|subjek|perihal|to|kepada|cc)\s*:/i.test(body))
        continue;
      if (body.trim() !== '') awaitingForwardHeader = false;
      if (forwarded) push('forwarded', forwardAuthor, body);
      else push('quoted', outlookAuthor, body);
      continue;
    }
    if (level === 0) {
      push('new', null, body);
      continue;
    }
    push('quoted', authorAt[level - 1] ?? null, body);
  }
  for (const s of segments) s.text = s.text.replace(/^\n+/, '').trimEnd();
  return segments.filter((s) => s.text !== '');
}
