/** Domain types shared by the triage core. No AWS, no I/O. */

export const CATEGORIES = [
  'incentive',
  'certificate',
  'training',
  'account',
  'registration',
  'fraud',
  'general',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The fields an agent needs; `cardNumber`, `phone` and `email` are required for a complete complaint. */
export interface Fields {
  cardNumber: string | null;
  phone: string | null;
  email: string | null;
  name: string | null;
  nik: string | null;
}
export const REQUIRED_FIELDS = ['cardNumber', 'phone', 'email'] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

/** Who wrote a stretch of text: the sender now, something they forwarded, or an earlier message they quote. */
export type SegmentKind = 'new' | 'forwarded' | 'quoted';
export interface TextSegment {
  kind: SegmentKind;
  /** Author address from the attribution line, when one was found (lower-case). */
  author: string | null;
  text: string;
}

export interface Attachment {
  filename: string | null;
  contentType: string;
  size: number;
}

export interface Address {
  address: string;
  name: string;
}

/** A raw mail reduced to what triage needs. */
export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: Address | null;
  to: Address[];
  subject: string;
  date: string | null;
  /** Lower-cased header names to their raw (decoded) string values. */
  headers: Record<string, string>;
  /** The d= domains of the mail's DKIM-Signature headers, lower-cased (sender trust). */
  dkimDomains: string[];
  contentType: string;
  /** The full body as plain text (HTML-only mail converted). */
  text: string;
  /** The body split into the sender's own text, forwarded and quoted parts. */
  segments: TextSegment[];
  attachments: Attachment[];
  /** Problems that did not stop parsing (e.g. missing From), for the record. */
  warnings: string[];
}

export interface ParseFailure {
  kind: 'ParseFailure';
  reason: string;
}

export type ParseResult = { ok: true; mail: ParsedMail } | { ok: false; error: ParseFailure };

/** Where a value was found, so an agent can see why. */
export interface Evidence {
  field: keyof Fields | 'category' | 'automated';
  source: 'subject' | SegmentKind | 'header' | 'sender';
  /** A short, already-masked excerpt or the rule/term that matched. */
  detail: string;
}
