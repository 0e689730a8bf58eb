/**
 * What an agent's changes to a ticket amount to, decided from plain data: moving it to another
 * queue (its priority and service level follow the new category), correcting the card number or
 * phone (checked as triage would read them), and how each is written in the audit trail (personal
 * data masked).
 */

import { BASE_PRIORITY, bump } from './classify.ts';
import { mask } from './mask.ts';
import { parsePhone } from './phone.ts';
import { dueAt, type SlaHours } from './sla.ts';
import { missingFields, type Ticket } from './ticket.ts';
import type { Category, Fields, Priority, RequiredField } from './types.ts';

export const AUDIT_ACTIONS = [
  'claim',
  'extend',
  'release',
  'resolve',
  'reassign',
  'note',
  'ask',
  'correct_fields',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface Reassignment {
  category: Category;
  priority: Priority;
  dueAt: string | null;
  overdue: boolean;
}

/**
 * A ticket in another category: that category's priority, raised one level if the ticket's was
 * raised (urgency words), and its service-level due time counted again from when the ticket
 * became ready.
 */
export function reassignment(
  t: Pick<Ticket, 'category' | 'priority' | 'readyAt'>,
  category: Category,
  at: string,
  sla: SlaHours,
): Reassignment {
  const wasRaised = t.priority !== BASE_PRIORITY[t.category] && bump(BASE_PRIORITY[t.category], true) === t.priority;
  const due = t.readyAt ? dueAt(category, t.readyAt, sla) : null;
  return {
    category,
    priority: bump(BASE_PRIORITY[category], wasRaised),
    dueAt: due,
    overdue: due !== null && due < at,
  };
}

export interface FieldCorrection {
  cardNumber?: string;
  phone?: string;
}

export type CorrectionResult =
  | { ok: true; fields: Fields; missing: RequiredField[]; detail: string }
  | { ok: false; problem: string };

const CARD = /^\d{16}$/;

/** The ticket's fields with the agent's corrections, each checked; the audit line names what changed, masked. */
export function correctedFields(current: Fields, change: FieldCorrection): CorrectionResult {
  const fields = { ...current };
  const changes: string[] = [];
  if (change.cardNumber !== undefined) {
    const card = change.cardNumber.replace(/[\s.-]/g, '');
    if (!CARD.test(card)) return { ok: false, problem: 'cardNumber must be 16 digits' };
    if (card !== current.cardNumber) {
      changes.push(`cardNumber ${current.cardNumber ? mask.card(current.cardNumber) : '-'} → ${mask.card(card)}`);
      fields.cardNumber = card;
    }
  }
  if (change.phone !== undefined) {
    const phone = parsePhone(change.phone);
    if (!phone?.isValid() || phone.country !== 'ID')
      return { ok: false, problem: 'phone must be an Indonesian mobile number' };
    if (phone.number !== current.phone) {
      changes.push(`phone ${current.phone ? mask.phone(current.phone) : '-'} → ${mask.phone(phone.number)}`);
      fields.phone = phone.number;
    }
  }
  if (changes.length === 0) return { ok: false, problem: 'nothing to change' };
  return { ok: true, fields, missing: missingFields(fields), detail: changes.join('; ') };
}
