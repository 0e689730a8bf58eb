/**
 * Raw MIME bytes → ParsedMail, with postal-mime. Never throws: a mail that cannot be read yields a
 * ParseFailure value so the caller can keep the raw mail and route it to a human.
 *
 * Why postal-mime and not mailparser (the brief's choice): both are Nodemailer's author's parsers,
 * but postal-mime decodes charsets with the runtime's TextDecoder (every WHATWG encoding, from ICU)
 * where mailparser carries iconv-lite's tables and its own MIME-type and entity tables: about 1 MB
 * of a Lambda bundle that every cold start compiles. Where the two read a mail differently, this
 * module keeps mailparser's reading (docs/architecture.md, "Cold start").
 */
import type { FormatCallback } from 'html-to-text';
import PostalMime, { type Email, type Address as PostalAddress } from 'postal-mime';
import { cutAt, normaliseText, segmentText } from './text.ts';
import type { Address, ParsedMail, ParseResult } from './types.ts';

/**
 * How much of a body the triage reads. Every byte of a mail is a stranger's, and SES accepts 40 MB:
 * without a bound, a body of one long run of what a pattern reads makes triage slow in step with
 * its size (`npm run bench:hostile`). A complaint says what it needs in its first pages; the rest
 * stays in the raw mail for agents, and a cut is noted in the read warnings the handler logs.
 */
export const READ_LIMITS = {
  /**
   * Bytes of the raw mail read from the store (a ranged read): the headers and the text come
   * first, and attachments (listed here, never read) after. Parsing costs per line, so ten of
   * SES's largest mails in one batch would outlast the triage function's timeout.
   */
  rawBytes: 4 * 1024 * 1024,
  /** Characters of the body's text read (its HTML converted, for HTML-only mail). */
  text: 100_000,
  /** Characters of an HTML-only mail's HTML converted to text. */
  html: 500_000,
  /** Levels of nested HTML elements converted. */
  htmlDepth: 200,
  /** Characters of the subject read (a header may be folded over many lines; the parser allows 2 MB of headers). */
  subject: 1_000,
} as const;

/** One line per table row: its cells' text in order, each cell's lines joined, spans ignored. */
const rowsAsLines = (rows: { text: string }[][]) =>
  rows
    .map((cells) =>
      cells
        .map((cell) => cell.text.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean)
    .join('\n');

type Node = Parameters<FormatCallback>[0];
const tagged = (nodes: Node[] | undefined, ...names: string[]) =>
  (nodes ?? []).filter((n) => n.type === 'tag' && names.includes(n.name ?? ''));

/**
 * A table as lines of its rows (html-to-text's own cell collection, our printer). Not its
 * `dataTable`: that lays cells out on a grid as wide as their colspan and rowspan say and
 * transposes it in time growing with the square of its widest side, so one cell claiming a few
 * thousand columns and rows took seconds and hundreds of MB.
 */
const rowTable: FormatCallback = (elem, walk, builder, formatOptions) => {
  const rowsOf = (node: Node): Node[] =>
    tagged(node.children, 'thead', 'tbody', 'tfoot', 'tr').flatMap((n) => (n.name === 'tr' ? [n] : rowsOf(n)));
  builder.openTable();
  for (const row of rowsOf(elem)) {
    builder.openTableRow();
    for (const cell of tagged(row.children, 'td', 'th')) {
      builder.openTableCell();
      walk(cell.children ?? [], builder);
      builder.closeTableCell();
    }
    builder.closeTableRow();
  }
  builder.closeTable({
    tableToString: rowsAsLines,
    leadingLineBreaks: formatOptions.leadingLineBreaks,
    trailingLineBreaks: formatOptions.trailingLineBreaks,
  });
};

/**
 * HTML-only mail (Yahoo/Gmail on phones) → text. A table row becomes one line of its cells
 * separated by spaces, so "NIK | : | 3301 ..." reads as "NIK : 3301 ...", even when each cell's text
 * is a paragraph of its own (Outlook). Elements nested deeper than `maxDepth` are left out: the
 * converter recurses, and some thousands of levels would overflow its stack.
 */
const HTML_TO_TEXT = {
  wordwrap: false as const,
  limits: { maxDepth: READ_LIMITS.htmlDepth },
  formatters: { rowTable },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'rowTable', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  ],
};

// Loaded and compiled once, on the first HTML-only mail: html-to-text's option handling costs more
// than converting a short mail, and loading it (its HTML parser and entity tables) and compiling its
// selectors at module load would slow every cold start for the few mails that need it.
let compiled: Promise<(html: string) => string> | undefined;
export async function htmlToText(html: string): Promise<string> {
  compiled ??= import('html-to-text').then(({ compile }) => compile(HTML_TO_TEXT));
  return (await compiled)(html);
}

// At least one of these must be present for the bytes to be taken as a mail.
const MAIL_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'date',
  'message-id',
  'received',
  'content-type',
  'mime-version',
  'return-path',
]);

/** Every mailbox of an address header, groups opened, lower-cased. */
function allAddresses(list: readonly PostalAddress[] | PostalAddress | undefined): Address[] {
  const entries = Array.isArray(list) ? list : list ? [list as PostalAddress] : [];
  return entries
    .flatMap((a) => a.group ?? [a])
    .filter((a) => a.address)
    .map((a) => ({ address: (a.address ?? '').toLowerCase(), name: a.name ?? '' }));
}

function rawHeaders(m: Email): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of m.headerLines) {
    const colon = line.indexOf(':');
    let value = colon >= 0 ? line.slice(colon + 1) : '';
    if (value.includes('\n')) value = value.replace(/\r?\n[ \t]+/g, ' '); // unfold continuation lines
    value = value.trim();
    // Keep the first occurrence: the topmost header is the one our MTA saw last.
    if (!(key in out)) out[key] = value;
  }
  return out;
}

const DKIM_DOMAIN = /(?:^|;)\s*d\s*=\s*([^;\s]+)/i;

/** The signing domain of each DKIM-Signature header (a mail may carry several). */
function dkimDomains(m: Email): string[] {
  const out: string[] = [];
  for (const h of m.headerLines) {
    if (h.key !== 'dkim-signature') continue;
    const d = DKIM_DOMAIN.exec(h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' '))?.[1];
    if (d) out.push(d.toLowerCase());
  }
  return out;
}

/** A message id in angle brackets, as RFC 5322 writes it (postal-mime keeps a bare one bare). */
function bracketed(id: string): string {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
}

function asList(v: string | undefined): string[] {
  return (v ?? '').split(/\s+/).filter(Boolean).map(bracketed);
}

/** The Date header as ISO 8601, or null when it is missing or not a date (postal-mime then keeps the raw text). */
function isoDate(v: string | undefined): string | null {
  const t = v ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function byteSize(content: Email['attachments'][number]['content']): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

/** The first `limit` characters of a part of the mail, and a warning when it was longer. */
function readUpTo(text: string, limit: number, what: string, warnings: string[]): string {
  if (text.length <= limit) return text;
  warnings.push(`${what} cut to its first ${limit} characters`);
  return cutAt(text, limit);
}

export async function parseMail(raw: Uint8Array | string): Promise<ParseResult> {
  const bytes =
    typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length === 0) return { ok: false, error: { kind: 'ParseFailure', reason: 'empty message' } };
  let m: Email;
  try {
    // A forwarded message (message/rfc822) stays an attachment, as mailparser kept it: postal-mime
    // would otherwise write it into the body under a header block the segmenter does not know,
    // and its author's card and phone would read as the sender's.
    m = await PostalMime.parse(bytes, { forceRfc822Attachments: true });
  } catch (err) {
    return { ok: false, error: { kind: 'ParseFailure', reason: `postal-mime: ${(err as Error).message}` } };
  }
  if (!m.headerLines.some((h) => MAIL_HEADERS.has(h.key))) {
    return { ok: false, error: { kind: 'ParseFailure', reason: 'no mail headers: not an RFC 5322 message' } };
  }
  const warnings: string[] = [];
  const from = allAddresses(m.from)[0] ?? null;
  if (!from) warnings.push('no From address');
  let body = m.text ?? '';
  if (!body.trim() && typeof m.html === 'string' && m.html) {
    const html = readUpTo(m.html, READ_LIMITS.html, 'html', warnings);
    try {
      body = await htmlToText(html);
    } catch (err) {
      warnings.push(`html conversion failed (${(err as Error).name})`); // its message may quote the HTML
    }
  }
  const text = normaliseText(readUpTo(body, READ_LIMITS.text, 'text', warnings)).trimEnd();
  const subject = readUpTo(m.subject ?? '', READ_LIMITS.subject, 'subject', warnings);
  const ct = m.headers
    .find((h) => h.key === 'content-type')
    ?.value.split(';')[0]
    ?.trim();
  const mail: ParsedMail = {
    messageId: m.messageId?.trim() ? bracketed(m.messageId) : null,
    inReplyTo: m.inReplyTo?.trim() ? bracketed(m.inReplyTo) : null,
    references: asList(m.references),
    from,
    to: [...allAddresses(m.to), ...allAddresses(m.cc)],
    subject: normaliseText(subject),
    date: isoDate(m.date),
    headers: rawHeaders(m),
    dkimDomains: dkimDomains(m),
    contentType: (ct || 'text/plain').toLowerCase(),
    text,
    segments: segmentText(text),
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.mimeType,
      size: byteSize(a.content),
    })),
    warnings,
  };
  return { ok: true, mail };
}
