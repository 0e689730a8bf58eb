/**
 * The surge detector, written against the SurgeState port:
 *
 * - `observe` for every filed ticket: keeps its terms and MinHash signature (one write) and joins
 *   it to the open incident whose signature it matches, so triage can answer it as that incident;
 *   `observeNew` leaves a new ticket that matches none for the caller to store with others.
 * - `evaluate` once a minute (a schedule): folds finished buckets into the baseline, expires
 *   proposed incidents nobody decided on, joins tickets the fast path missed, and proposes an
 *   incident when enough distinct participants write the same new thing.
 * - `decide`: a supervisor accepts, dismisses or closes an incident.
 */
import type { Category } from '../types.ts';
import { featuresOf, isMature, rollBaseline } from './baseline.ts';
import {
  buildSignature,
  findBursts,
  findUnusual,
  matches,
  signatureTerms,
  surgeVocabulary,
  topTerms,
} from './burst.ts';
import {
  blocksProposal,
  type Decision,
  type DecisionResult,
  decide,
  hasEbbed,
  isCooling,
  isOpen,
  proposeIncident,
  withMembers,
} from './incident.ts';
import { minHash } from './minhash.ts';
import {
  type Baseline,
  bucketOf,
  DEFAULT_SETTINGS,
  type Incident,
  type Member,
  type Observation,
  type SurgeSettings,
} from './model.ts';
import type { SurgeState } from './state.ts';
import { complaintTerms } from './terms.ts';

const MINUTE = 60_000;
const SAVE_ATTEMPTS = 5;

/** A ticket as triage files it. Only terms and a signature are kept, never the text. */
export interface FiledTicket {
  ref: string;
  /** A hash of the participant's key (card, else phone, else email). */
  participant: string;
  category: Category;
  filedAt: string;
  subject: string;
  /** The participant's own text (new and forwarded parts). */
  body: string;
  senderName?: string | null;
  senderAddress?: string | null;
}

export interface ObserveResult {
  observation: Observation;
  /** The open incident the ticket joined, as it is after the join (observed before: the one it joined then). */
  incident: Incident | null;
}

export interface EvaluationResult {
  proposed: Incident[];
  expired: Incident[];
  /** Tickets joined to open incidents by this evaluation (missed by `observe`). */
  joined: number;
  baselineThrough: number | null;
}

export type NotFound = { kind: 'NotFound'; message: string };

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function distinctParticipants(observations: readonly Pick<Observation, 'participant'>[]): number {
  return new Set(observations.map((o) => o.participant)).size;
}

function memberOf(o: Observation, score: number, matched: string[]): Member {
  return {
    ref: o.ref,
    participant: o.participant,
    category: o.category,
    at: o.at,
    score,
    matched,
    minhash: o.minhash,
  };
}

/** The open incident whose signature the terms match best (highest score; the earlier on a tie). */
function bestMatch(incidents: readonly Incident[], features: readonly string[]) {
  let best: { incident: Incident; score: number; matched: string[] } | null = null;
  for (const incident of incidents) {
    if (!isOpen(incident)) continue;
    const m = matches(incident.signature, features);
    if (!m) continue;
    if (!best || m.score > best.score || (m.score === best.score && incident.proposedAt < best.incident.proposedAt)) {
      best = { incident, score: m.score, matched: m.matched };
    }
  }
  return best;
}

export class SurgeDetector {
  constructor(
    private readonly state: SurgeState,
    readonly settings: SurgeSettings = DEFAULT_SETTINGS,
  ) {}

  /** Turns a filed ticket into the record the detector keeps (pure). */
  observation(ticket: FiledTicket): Observation {
    const { terms, shingles } = complaintTerms(ticket);
    return {
      ref: ticket.ref,
      participant: ticket.participant,
      category: ticket.category,
      at: ticket.filedAt,
      bucket: bucketOf(Date.parse(ticket.filedAt), this.settings),
      terms,
      minhash: minHash(shingles),
      incidentId: null,
    };
  }

  async observe(ticket: FiledTicket): Promise<ObserveResult> {
    const observation = this.observation(ticket);
    const stored = await this.state.record(observation);
    // Observed before (a redelivered mail): it stays with the incident it joined, if any.
    if (stored.incidentId) return { observation: stored, incident: await this.state.getIncident(stored.incidentId) };
    const best = bestMatch(await this.state.liveIncidents(ticket.filedAt), featuresOf(observation));
    if (!best) return { observation, incident: null };
    const incident = await this.join(best.incident.id, [memberOf(observation, best.score, best.matched)]);
    const joined = incident !== null;
    return { observation: { ...observation, incidentId: joined ? best.incident.id : null }, incident };
  }

  /**
   * `observe` for a ticket filed for the first time (so no observation of it exists), for a
   * caller that stores observations in batches: one that matches no open incident is returned
   * unstored (`stored: false`) for the caller to store; one that matches an incident is stored
   * and joined at once, as `observe` does (joining needs it stored).
   */
  async observeNew(ticket: FiledTicket): Promise<ObserveResult & { stored: boolean }> {
    const observation = this.observation(ticket);
    if (!bestMatch(await this.state.liveIncidents(ticket.filedAt), featuresOf(observation)))
      return { observation, incident: null, stored: false };
    return { ...(await this.observe(ticket)), stored: true };
  }

  /** Links members and updates the incident's counts (optimistic retries); null if none was added. */
  private async join(incidentId: string, members: readonly Member[]): Promise<Incident | null> {
    const { added, newParticipants } = await this.state.addMembers(incidentId, members);
    if (added.length === 0) return null;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const current = await this.state.getIncident(incidentId);
      if (!current) return null;
      const next = withMembers(current, added, newParticipants, this.settings);
      if (await this.state.saveIncident(next, current.version)) return { ...next, version: current.version + 1 };
    }
    throw new Error(`incident ${incidentId}: counts not saved after ${SAVE_ATTEMPTS} attempts`);
  }

  async evaluate(now: string): Promise<EvaluationResult> {
    const s = this.settings;
    const nowMs = Date.parse(now);
    const windowStart = nowMs - s.windowMinutes * MINUTE;
    const baseline = await this.state.loadBaseline();
    // Read the window, and every bucket not yet folded into the baseline (at most a day of them).
    const unrolled = baseline.through === null ? 0 : (baseline.through + 1) * s.bucketMinutes * MINUTE;
    const readFrom = Math.max(Math.min(windowStart, unrolled), nowMs - 1440 * MINUTE);
    const observed = await this.state.observations(iso(readFrom), iso(nowMs + 1));

    // Only buckets that have left the window are folded in: the baseline never holds the tickets
    // it is compared with (with little history, a surge's own bucket would hide it).
    let rolled = rollBaseline(baseline, observed, bucketOf(windowStart, s), s);
    if (rolled !== baseline && !(await this.state.saveBaseline(rolled, baseline.through))) {
      rolled = await this.state.loadBaseline(); // another evaluation folded them meanwhile
    }

    const live = await this.state.liveIncidents(now);
    const expired: Incident[] = [];
    for (const [i, incident] of live.entries()) {
      if (!hasEbbed(incident, now, s)) continue;
      const result = decide(incident, { action: 'expire' }, 'system', now, s);
      if (result.ok && (await this.state.saveIncident(result.incident, incident.version))) {
        live[i] = { ...result.incident, version: incident.version + 1 };
        expired.push(live[i] as Incident);
      }
    }

    const window = observed.filter((o) => Date.parse(o.at) >= windowStart);
    let joined = 0;
    for (const [i, incident] of live.entries()) {
      if (!isOpen(incident) || nowMs - Date.parse(incident.proposedAt) > s.refineMinutes * MINUTE) continue;
      const refined = await this.refine(incident, window, rolled, now);
      if (refined) {
        live[i] = refined.incident;
        joined += refined.joined;
      }
    }

    // Tickets of the window that match an open incident but were filed before `observe` knew it.
    const late = new Map<string, Member[]>();
    for (const o of window) {
      if (o.incidentId) continue;
      const best = bestMatch(live, featuresOf(o));
      if (!best) continue;
      late.set(best.incident.id, [...(late.get(best.incident.id) ?? []), memberOf(o, best.score, best.matched)]);
      o.incidentId = best.incident.id;
    }
    for (const [id, members] of late) {
      const incident = await this.join(id, members);
      if (incident) joined += members.length;
    }

    const proposed = isMature(rolled, s) ? await this.propose(window, live, rolled, now) : [];
    return { proposed, expired, joined, baselineThrough: rolled.through };
  }

  /**
   * A young incident's signature, completed with what its surge's wording shows by now: the same
   * derivation on the current window (its own tickets included), against the context it was
   * proposed from. Entries are only added. Earlier tickets that match what was added join.
   */
  private async refine(
    incident: Incident,
    window: readonly Observation[],
    baseline: Baseline,
    now: string,
  ): Promise<{ incident: Incident; joined: number } | null> {
    const s = this.settings;
    const own = window.filter((o) => !o.incidentId || o.incidentId === incident.id);
    const participants = distinctParticipants(own);
    const unusual = findUnusual(own, participants, baseline, s);
    const vocabulary = surgeVocabulary(incident.evidence.seed, own, unusual, s);
    for (const t of signatureTerms(incident.signature)) vocabulary.add(t);
    const proposedWindow = Date.parse(incident.proposedAt) - s.windowMinutes * MINUTE;
    const context = await this.state.observations(
      iso(proposedWindow - s.contextMinutes * MINUTE),
      iso(proposedWindow - s.windowMinutes * MINUTE),
    );
    const fresh = buildSignature(vocabulary, own, context, baseline, s);
    const known = new Set(incident.signature.entries.map((e) => e.terms.join(' ')));
    const added = fresh.entries.filter((e) => !known.has(e.terms.join(' ')));
    if (added.length === 0) return null;
    const phrases = [...incident.signature.phrases];
    for (const p of fresh.phrases) if (!phrases.some((q) => q.join(' ') === p.join(' '))) phrases.push(p);
    const signature = { ...incident.signature, entries: [...incident.signature.entries, ...added], phrases };
    const next = { ...incident, signature, topTerms: topTerms(signature) };
    if (!(await this.state.saveIncident(next, incident.version))) return null; // changed meanwhile; next minute
    let current: Incident = { ...next, version: incident.version + 1 };
    const earlier = await this.state.observations(iso(Date.parse(incident.firstTicketAt)), iso(Date.parse(now) + 1));
    const members: Member[] = [];
    for (const o of earlier) {
      const m = o.incidentId ? null : matches(signature, featuresOf(o));
      if (m) members.push(memberOf(o, m.score, m.matched));
    }
    const joined = members.length ? await this.join(incident.id, members) : null;
    if (joined) current = joined;
    const refs = new Set(members.map((m) => m.ref));
    for (const o of window) if (refs.has(o.ref)) o.incidentId = incident.id;
    return { incident: current, joined: members.length };
  }

  private async propose(window: Observation[], live: Incident[], baseline: Baseline, now: string): Promise<Incident[]> {
    const s = this.settings;
    const free = window.filter((o) => !o.incidentId);
    const participants = distinctParticipants(window);
    const bursts = findBursts(free, participants, baseline, s);
    if (bursts.length === 0) return [];
    const unusual = findUnusual(free, participants, baseline, s);
    const windowStart = Date.parse(now) - s.windowMinutes * MINUTE;
    // The hours before the window: the usual co-occurrence of terms, and earlier tickets to cover.
    let before: Observation[] | null = null;
    const proposed: Incident[] = [];
    const taken = new Set<string>();
    for (const burst of bursts) {
      // A term an open or cooling incident already describes is that incident's, not a new one.
      if (live.some((i) => (isOpen(i) || isCooling(i, now)) && signatureTerms(i.signature).includes(burst.feature)))
        continue;
      const open = free.filter((o) => !taken.has(o.ref));
      if (distinctParticipants(open.filter((o) => featuresOf(o).includes(burst.feature))) < s.minParticipants) continue;
      before ??= await this.state.observations(
        iso(windowStart - Math.max(s.contextMinutes, s.lookbackMinutes) * MINUTE),
        iso(windowStart),
      );
      const contextEnd = iso(windowStart - s.windowMinutes * MINUTE);
      const contextStart = iso(windowStart - s.contextMinutes * MINUTE);
      const context = before.filter((o) => o.at >= contextStart && o.at < contextEnd);
      const vocabulary = surgeVocabulary(burst.feature, open, unusual, s);
      const signature = buildSignature(vocabulary, open, context, baseline, s);
      if (signature.entries.length === 0) continue;
      if (live.some((i) => blocksProposal(i, signature, now))) continue;
      const members: Member[] = [];
      for (const o of open) {
        const m = matches(signature, featuresOf(o));
        if (m) members.push(memberOf(o, m.score, m.matched));
      }
      if (distinctParticipants(members) < s.minParticipants) continue;
      members.push(...this.earlierMembers(signature, before, members.length, windowStart));
      const evidence = {
        seed: burst.feature,
        observed: burst.observed,
        expected: Math.round(burst.expected * 100) / 100,
        windowMinutes: s.windowMinutes,
      };
      const incident = proposeIncident({ signature, evidence, members, at: now }, s);
      if (!(await this.state.saveIncident(incident, null))) continue; // proposed already
      const withCounts = (await this.join(incident.id, members)) ?? { ...incident, version: 0 };
      for (const m of members) taken.add(m.ref);
      live.push(withCounts);
      proposed.push(withCounts);
    }
    return proposed;
  }

  /**
   * Matching tickets filed before the window, back to where the surge began: bucket by bucket
   * backwards while a bucket still holds a quarter of the window's rate of matches (at least 2),
   * so the everyday tickets that match before the surge stay out.
   */
  private earlierMembers(
    signature: Incident['signature'],
    before: readonly Observation[],
    inWindow: number,
    windowStart: number,
  ): Member[] {
    const s = this.settings;
    const byBucket = new Map<number, Member[]>();
    for (const o of before) {
      if (o.incidentId || Date.parse(o.at) < windowStart - s.lookbackMinutes * MINUTE) continue;
      const m = matches(signature, featuresOf(o));
      if (m) byBucket.set(o.bucket, [...(byBucket.get(o.bucket) ?? []), memberOf(o, m.score, m.matched)]);
    }
    const enough = Math.max(2, (0.25 * inWindow * s.bucketMinutes) / s.windowMinutes);
    const out: Member[] = [];
    for (let b = bucketOf(windowStart, s); ; b--) {
      const found = byBucket.get(b) ?? [];
      // The window's first bucket is partly inside it: count it whatever it holds.
      if (b !== bucketOf(windowStart, s) && found.length < enough) break;
      out.push(...found);
    }
    return out;
  }

  /** A supervisor's (or the system's) decision on an incident. */
  async decide(
    id: string,
    decision: Decision,
    by: string,
    at: string,
  ): Promise<DecisionResult | { ok: false; error: NotFound }> {
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const incident = await this.state.getIncident(id);
      if (!incident) return { ok: false, error: { kind: 'NotFound', message: `no incident ${id}` } };
      const result = decide(incident, decision, by, at, this.settings);
      if (!result.ok) return result;
      if (await this.state.saveIncident(result.incident, incident.version)) {
        return { ok: true, incident: { ...result.incident, version: incident.version + 1 } };
      }
    }
    throw new Error(`incident ${id}: decision not saved after ${SAVE_ATTEMPTS} attempts`);
  }
}
