/**
 * Everything a human triager decides from one parsed mail, before it meets the ticket store:
 * automated or not, fields with evidence, category and priority, missing fields, reply decision.
 */
import { type AutomatedRule, detectAutomated } from './automated.ts';
import { classify } from './classify.ts';
import { decideReply, type ReplyDecision } from './decide.ts';
import { type ExtractOptions, extractFields, participantTexts } from './extract.ts';
import { asksOnlyForStatus } from './status-question.ts';
import { missingFields, referencedTicket } from './ticket.ts';
import {
  CATEGORIES,
  type Category,
  type Evidence,
  type Fields,
  type ParsedMail,
  type Priority,
  type RequiredField,
} from './types.ts';

export interface Triage {
  messageId: string | null;
  automated: boolean;
  automatedReason: AutomatedRule | null;
  category: Category | null;
  /** Categories that scored close to `category`: the participant's open ticket in one of them may be this issue. */
  alternativeCategories: Category[];
  priority: Priority | null;
  fields: Fields;
  evidence: Evidence[];
  missing: RequiredField[];
  /** 16-digit numbers that could be the card or the NIK, to confirm with the participant (extract's `unconfirmed`). */
  unconfirmedNumbers: string[];
  /** Every number read as a NIK or that may be one (extract's `niks`): masked wherever the mail is stored. */
  niks: string[];
  reply: ReplyDecision;
  /** A `PRK-…` reference this mail points back to (subject or threading headers). */
  referencedTicket: string | null;
  /** The mail only asks where the participant's complaint stands ("sudah sampai mana?"). */
  asksStatus: boolean;
}

export interface TriageOptions extends ExtractOptions {
  /** A supervisor said a person wrote it: the automated-mail rules are not applied. */
  person?: boolean;
}

const NO_FIELDS: Fields = { cardNumber: null, phone: null, email: null, name: null, nik: null };

export function triageMail(mail: ParsedMail, options: TriageOptions = {}): Triage {
  const base = {
    messageId: mail.messageId,
    referencedTicket: referencedTicket(mail.subject, mail.inReplyTo, mail.references),
  };
  const auto = options.person ? null : detectAutomated(mail);
  if (auto?.automated) {
    return {
      ...base,
      automated: true,
      automatedReason: auto.reason,
      category: null,
      alternativeCategories: [],
      priority: null,
      fields: NO_FIELDS,
      evidence: auto.rules.map((r) => ({ field: 'automated', source: 'header', detail: r })),
      missing: [],
      unconfirmedNumbers: [],
      niks: [],
      reply: decideReply({ automated: true, missing: [] }),
      asksStatus: false,
    };
  }
  const texts = participantTexts(mail, options);
  const { fields, evidence, unconfirmed, niks } = extractFields(mail, options, texts);
  const body = texts.filter((t) => t.source === 'new' || t.source === 'forwarded').map((t) => t.text);
  const quoted = texts.filter((t) => t.source === 'quoted').map((t) => t.text);
  const {
    category,
    alternatives,
    priority,
    evidence: why,
  } = classify({ subject: mail.subject, body: body.join('\n'), quoted: quoted.join('\n') });
  const missing = missingFields(fields);
  const asksStatus = asksOnlyForStatus({
    subject: mail.subject,
    body: texts
      .filter((t) => t.source === 'new')
      .map((t) => t.text)
      .join('\n'),
    fields,
  });
  return {
    ...base,
    automated: false,
    automatedReason: null,
    category,
    // A mail that only asks where things stand names no problem of its own, whatever words it
    // happens to share with one: it may be about any open ticket of the participant.
    alternativeCategories: asksStatus ? CATEGORIES.filter((c) => c !== category) : alternatives,
    priority,
    fields,
    evidence: [...evidence, ...why],
    missing,
    unconfirmedNumbers: unconfirmed,
    niks,
    reply: decideReply({ automated: false, missing }),
    asksStatus,
  };
}
