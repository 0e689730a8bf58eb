/**
 * Incidents: a surge proposed to supervisors, the tickets it covers, and what a supervisor (or
 * time) decides. Pure functions over plain data; the detector stores the results.
 *
 *   proposed ──accept──▶ accepted ──close──▶ closed
 *      ├──────dismiss──▶ dismissed
 *      └──────expire───▶ expired ──accept──▶ accepted   (nobody decided and the surge ebbed: hasEbbed)
 *
 * Dismissed, closed and expired incidents cool down: for `cooldownMinutes` no new incident whose
 * signature overlaps theirs is proposed, so the same surge is not put to supervisors twice.
 */
import murmurhash from 'murmurhash';
import type { Category } from '../types.ts';
import { signatureTerms, topTerms } from './burst.ts';
import { bandKeys, similarity } from './minhash.ts';
import {
  bucketOf,
  bucketStart,
  type Incident,
  type IncidentAnswer,
  type Member,
  type Signature,
  type SurgeEvidence,
  type SurgeSettings,
} from './model.ts';

/** A supervisor's decision (accept needs the one answer for all), or the system's expiry. */
export type Decision = { action: 'accept'; answer: IncidentAnswer } | { action: 'dismiss' | 'close' | 'expire' };
export type IncidentAction = Decision['action'];

export interface InvalidDecision {
  kind: 'InvalidTransition' | 'InvalidAnswer';
  message: string;
}

export type DecisionResult = { ok: true; incident: Incident } | { ok: false; error: InvalidDecision };

// An expired proposal may still be accepted: a supervisor who comes late can answer them all.
const NEXT: Record<IncidentAction, { from: readonly Incident['status'][]; to: Incident['status'] }> = {
  accept: { from: ['proposed', 'expired'], to: 'accepted' },
  dismiss: { from: ['proposed'], to: 'dismissed' },
  expire: { from: ['proposed'], to: 'expired' },
  close: { from: ['accepted'], to: 'closed' },
};

const MINUTE = 60_000;

export function isOpen(incident: Pick<Incident, 'status'>): boolean {
  return incident.status === 'proposed' || incident.status === 'accepted';
}

export function isCooling(incident: Pick<Incident, 'status' | 'coolUntil'>, at: string): boolean {
  return !isOpen(incident) && incident.coolUntil !== null && Date.parse(incident.coolUntil) > Date.parse(at);
}

/** Same incident id for the same signature and proposal bucket: proposing twice writes once. */
export function incidentId(category: Category, signature: Signature, bucket: number): string {
  const key = `${category}|${signatureTerms(signature).sort().join(',')}|${bucket}`;
  return `SRG-${murmurhash.v3(key).toString(36).toUpperCase().padStart(7, '0')}`;
}

/** The category most members were filed under (ties: the first such member's). */
export function majorityCategory(members: readonly Member[]): Category {
  const counts = new Map<Category, number>();
  let best: Category = (members[0] as Member).category;
  for (const m of members) {
    const n = (counts.get(m.category) ?? 0) + 1;
    counts.set(m.category, n);
    if (n > (counts.get(best) ?? 0)) best = m.category;
  }
  return best;
}

/** Groups of near-identical complaints (LSH on the MinHash signatures), largest first. */
export function nearDuplicateGroups(members: readonly Member[], threshold: number): Member[][] {
  const ordered = [...members].sort((a, b) => b.score - a.score || a.at.localeCompare(b.at));
  const groups: Member[][] = [];
  const byBand = new Map<string, number[]>();
  for (const m of ordered) {
    const keys = bandKeys(m.minhash);
    let home = -1;
    for (const key of keys) {
      for (const g of byBand.get(key) ?? []) {
        if (similarity((groups[g] as Member[])[0]?.minhash ?? [], m.minhash) >= threshold) {
          home = g;
          break;
        }
      }
      if (home >= 0) break;
    }
    if (home < 0) {
      home = groups.length;
      groups.push([]);
      for (const key of keys) byBand.set(key, [...(byBand.get(key) ?? []), home]);
    }
    (groups[home] as Member[]).push(m);
  }
  return groups.sort((a, b) => b.length - a.length);
}

/** One ticket per group of near-identical complaints, the largest groups first: varied examples. */
export function chooseExamples(members: readonly Member[], settings: SurgeSettings): string[] {
  return nearDuplicateGroups(members, settings.nearDuplicate)
    .slice(0, settings.examples)
    .map((g) => (g[0] as Member).ref);
}

export interface Proposal {
  signature: Signature;
  evidence: SurgeEvidence;
  /** The tickets it covers so far: they decide its category, examples and first/last ticket times. */
  members: readonly Member[];
  at: string;
}

/**
 * A new proposed incident. Its counts start at zero: they grow as members are linked
 * (`withMembers`), which the store does once per ticket, so a ticket is never counted twice.
 */
export function proposeIncident(p: Proposal, settings: SurgeSettings): Incident {
  const category = majorityCategory(p.members);
  const times = p.members.map((m) => m.at).sort();
  return {
    id: incidentId(category, p.signature, bucketOf(Date.parse(p.at), settings)),
    status: 'proposed',
    category,
    signature: p.signature,
    evidence: p.evidence,
    topTerms: topTerms(p.signature),
    proposedAt: p.at,
    firstTicketAt: times[0] as string,
    lastTicketAt: times.at(-1) as string,
    tickets: 0,
    participants: 0,
    timeline: {},
    examples: chooseExamples(p.members, settings),
    answer: null,
    decidedBy: null,
    decidedAt: null,
    coolUntil: null,
    version: 0,
  };
}

/** The incident after new members joined (`newParticipants` of them not seen in it before). */
export function withMembers(
  incident: Incident,
  added: readonly Member[],
  newParticipants: number,
  settings: SurgeSettings,
): Incident {
  if (added.length === 0) return incident;
  const timeline = { ...incident.timeline };
  let first = incident.firstTicketAt;
  let last = incident.lastTicketAt;
  for (const m of added) {
    const key = bucketStart(bucketOf(Date.parse(m.at), settings), settings);
    timeline[key] = (timeline[key] ?? 0) + 1;
    if (m.at < first) first = m.at;
    if (m.at > last) last = m.at;
  }
  return {
    ...incident,
    tickets: incident.tickets + added.length,
    participants: incident.participants + newParticipants,
    timeline: Object.fromEntries(Object.entries(timeline).sort(([a], [b]) => (a < b ? -1 : 1))),
    firstTicketAt: first,
    lastTicketAt: last,
  };
}

/**
 * Accept (with the answer every member gets), dismiss, close or expire. A decision that does not
 * fit the current status, or an accept without a reply, is an error value.
 */
export function decide(
  incident: Incident,
  decision: Decision,
  by: string,
  at: string,
  settings: SurgeSettings,
): DecisionResult {
  const { action } = decision;
  const step = NEXT[action];
  if (!step.from.includes(incident.status)) {
    return {
      ok: false,
      error: {
        kind: 'InvalidTransition',
        message: `cannot ${action} an incident that is ${incident.status} (it must be ${step.from.join(' or ')})`,
      },
    };
  }
  if (decision.action === 'accept' && decision.answer.reply.trim() === '') {
    return { ok: false, error: { kind: 'InvalidAnswer', message: 'accepting an incident needs the reply to send' } };
  }
  const cools = step.to !== 'accepted';
  return {
    ok: true,
    incident: {
      ...incident,
      status: step.to,
      answer: decision.action === 'accept' ? decision.answer : incident.answer,
      decidedBy: by,
      decidedAt: at,
      coolUntil: cools ? new Date(Date.parse(at) + settings.cooldownMinutes * MINUTE).toISOString() : null,
    },
  };
}

/** Tickets that joined in the `minutes` before `at`, from the timeline's buckets. */
function joinedWithin(incident: Incident, at: string, minutes: number, settings: SurgeSettings): number {
  const last = bucketOf(Date.parse(at), settings);
  const span = Math.ceil(minutes / settings.bucketMinutes);
  let n = 0;
  for (const [start, count] of Object.entries(incident.timeline)) {
    const b = bucketOf(Date.parse(start), settings);
    if (b > last - span && b <= last) n += count;
  }
  return n;
}

/** The most tickets that joined in any `minutes` (a sliding sum over the timeline's buckets). */
function busiest(incident: Incident, minutes: number, settings: SurgeSettings): number {
  const counts = new Map<number, number>();
  for (const [start, count] of Object.entries(incident.timeline)) {
    counts.set(bucketOf(Date.parse(start), settings), count);
  }
  const span = Math.ceil(minutes / settings.bucketMinutes);
  let best = 0;
  for (const b of counts.keys()) {
    let n = 0;
    for (let i = 0; i < span; i++) n += counts.get(b + i) ?? 0;
    best = Math.max(best, n);
  }
  return best;
}

/**
 * A proposed incident nobody decided on whose surge is over: proposed at least `quietMinutes`
 * ago, and in the last `quietMinutes` fewer tickets joined than `ebbShare` of its busiest such
 * period. Left open, it would go on collecting the everyday tickets that happen to match it.
 */
export function hasEbbed(incident: Incident, at: string, settings: SurgeSettings): boolean {
  if (incident.status !== 'proposed') return false;
  if (Date.parse(at) - Date.parse(incident.proposedAt) < settings.quietMinutes * MINUTE) return false;
  const recent = joinedWithin(incident, at, settings.quietMinutes, settings);
  return recent < settings.ebbShare * busiest(incident, settings.quietMinutes, settings);
}

/** Half of the smaller signature's terms are in the other: the same thing, described again. */
export function overlaps(a: Signature, b: Signature): boolean {
  const ta = new Set(signatureTerms(a));
  const tb = signatureTerms(b);
  if (ta.size === 0 || tb.length === 0) return false;
  const shared = tb.filter((t) => ta.has(t)).length;
  return shared >= 0.5 * Math.min(ta.size, tb.length);
}

/** An open or cooling incident with an overlapping signature: a new proposal would repeat it. */
export function blocksProposal(incident: Incident, signature: Signature, at: string): boolean {
  return (isOpen(incident) || isCooling(incident, at)) && overlaps(incident.signature, signature);
}
