/**
 * Raw MIME bytes → ParsedMail, with mailparser. Never throws: a mail that cannot be read yields a
 * ParseFailure value so the caller can keep the raw mail and route it to a human.
 */
import { compile } from 'html-to-text';
import { type AddressObject, type ParsedMail as MailparserMail, simpleParser } from 'mailparser';
import { normaliseText, segmentText } from './text.ts';
import type { Address, ParsedMail, ParseResult } from './types.ts';

/** HTML-only mail (Yahoo/Gmail on phones) → text. Table rows become lines, cells separated, so "NIK : 3301 ..." survives. */
const HTML_TO_TEXT = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'dataTable', options: { colSpacing: 1, uppercaseHeaderCells: false } },
  ],
};

// Compiled once: html-to-text's option handling costs more than converting a short mail.
export const htmlToText: (html: string) => string = compile(HTML_TO_TEXT);

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

function firstAddress(obj: AddressObject | AddressObject[] | undefined): Address | null {
  const list = Array.isArray(obj) ? obj : obj ? [obj] : [];
  for (const group of list) {
    for (const a of group.value) {
      if (a.address) return { address: a.address.toLowerCase(), name: a.name ?? '' };
    }
  }
  return null;
}

function allAddresses(obj: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(obj) ? obj : obj ? [obj] : [];
  return list.flatMap((g) =>
    g.value.filter((a) => a.address).map((a) => ({ address: (a.address ?? '').toLowerCase(), name: a.name ?? '' })),
  );
}

function rawHeaders(m: MailparserMail): Record<string, string> {
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
function dkimDomains(m: MailparserMail): string[] {
  const out: string[] = [];
  for (const h of m.headerLines) {
    if (h.key !== 'dkim-signature') continue;
    const d = DKIM_DOMAIN.exec(h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' '))?.[1];
    if (d) out.push(d.toLowerCase());
  }
  return out;
}

function asList(v: string | string[] | undefined): string[] {
  if (!v) return [];
  return (Array.isArray(v) ? v : v.split(/\s+/)).map((s) => s.trim()).filter(Boolean);
}

export async function parseMail(raw: Uint8Array | string): Promise<ParseResult> {
  const bytes =
    typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.length === 0) return { ok: false, error: { kind: 'ParseFailure', reason: 'empty message' } };
  let m: MailparserMail;
  try {
    m = await simpleParser(bytes, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
  } catch (err) {
    return { ok: false, error: { kind: 'ParseFailure', reason: `mailparser: ${(err as Error).message}` } };
  }
  if (!m.headerLines.some((h) => MAIL_HEADERS.has(h.key))) {
    return { ok: false, error: { kind: 'ParseFailure', reason: 'no mail headers: not an RFC 5322 message' } };
  }
  const warnings: string[] = [];
  const from = firstAddress(m.from);
  if (!from) warnings.push('no From address');
  let body = m.text ?? '';
  if (!body.trim() && typeof m.html === 'string' && m.html) {
    try {
      body = htmlToText(m.html);
    } catch (err) {
      warnings.push(`html conversion failed: ${(err as Error).message}`);
    }
  }
  const text = normaliseText(body).trimEnd();
  const ct = m.headers.get('content-type') as { value?: string } | undefined;
  const mail: ParsedMail = {
    messageId: m.messageId ?? null,
    inReplyTo: m.inReplyTo ?? null,
    references: asList(m.references),
    from,
    to: [...allAddresses(m.to), ...allAddresses(m.cc)],
    subject: normaliseText(m.subject ?? ''),
    date: m.date && !Number.isNaN(m.date.getTime()) ? m.date.toISOString() : null,
    headers: rawHeaders(m),
    dkimDomains: dkimDomains(m),
    contentType: (ct?.value ?? 'text/plain').toLowerCase(),
    text,
    segments: segmentText(text),
    attachments: m.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
    warnings,
  };
  return { ok: true, mail };
}
