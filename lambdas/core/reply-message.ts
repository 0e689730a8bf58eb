/**
 * The outgoing reply as headers + bodies (pure): threading headers so the participant's client
 * groups it with their complaint, our own Message-ID carrying the ticket reference so their
 * answer threads back, and RFC 3834 headers so other robots do not answer us.
 */
import { createHash } from 'node:crypto';
import { LOOP_HEADER } from './automated.ts';
import { isAgentWritten, isSelfInitiated, type RenderedReply, type ReplyContent, renderReply } from './templates.ts';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface ReplyEnvelope {
  jobId: string;
  from: string;
  to: string;
  /** The participant's Message-ID we answer, and their References chain. */
  inReplyTo: string | null;
  references: readonly string[];
}

// RFC 5322 msg-id: "<" dot-atom-text "@" (dot-atom-text / no-fold-literal) ">".
const ATEXT = "[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~]";
const DOT_ATOM = `${ATEXT}+(?:\\.${ATEXT}+)*`;
const MSG_ID = new RegExp(`^<${DOT_ATOM}@(?:${DOT_ATOM}|\\[[\\x21-\\x5a\\x5e-\\x7e]*\\])>$`);
/** Longer ids are legal but no client writes them; a stranger's header is not copied out at any length. */
export const MAX_MESSAGE_ID_LENGTH = 250;

/** The Message-ID if it may be copied into our threading headers (RFC 5322 syntax, bounded), else null. */
export function threadableMessageId(id: string | null | undefined): string | null {
  if (!id || id.length > MAX_MESSAGE_ID_LENGTH) return null;
  return MSG_ID.test(id) ? id : null;
}

/** `<PRK-XXXXXXXX.<kind>.<hash>@domain>`: unique per job, and carries the ticket ref back to us. */
export function replyMessageId(ticketRef: string, kind: string, jobId: string, domain: string): string {
  const h = createHash('sha256').update(jobId).digest('hex').slice(0, 12);
  return `<${ticketRef}.${kind}.${h}@${domain}>`;
}

export function buildReply(content: ReplyContent, env: ReplyEnvelope): OutgoingMail {
  const rendered: RenderedReply = renderReply(content);
  const domain = env.from.split('@')[1] ?? 'localhost';
  const messageId = replyMessageId(content.ticketRef, content.kind, env.jobId, domain);
  const headers: Record<string, string> = { 'X-Auto-Response-Suppress': 'All', [LOOP_HEADER]: content.ticketRef };
  // An agent's answer or question is written by a person; only our robots' mail is marked (RFC
  // 3834): the survey and the waiting reminders are sent on our own initiative, the others
  // answer the participant's mail.
  if (isSelfInitiated(content.kind)) headers['Auto-Submitted'] = 'auto-generated';
  else if (!isAgentWritten(content.kind)) headers['Auto-Submitted'] = 'auto-replied';
  // Threading ids come from the mail we answer: only well-formed ones are copied out.
  const inReplyTo = threadableMessageId(env.inReplyTo);
  if (inReplyTo) headers['In-Reply-To'] = inReplyTo;
  const valid = env.references.map(threadableMessageId).filter((id): id is string => id !== null);
  const refs = [...new Set([...valid, ...(inReplyTo ? [inReplyTo] : [])])];
  if (refs.length) headers.References = refs.join(' ');
  return {
    from: env.from,
    to: env.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId,
    headers,
  };
}
