/**
 * The surge store in memory, for the evaluation, the CLI and tests. Observations are kept per
 * bucket; buckets older than `retentionMinutes` before the newest one are forgotten, as DynamoDB's
 * TTL would. Values are copied in and out at the top level (the detector never changes the arrays
 * it is given; the evaluation replays ~50,000 observations and pays for every deep copy).
 */
import { emptyBaseline } from '#core/surge/baseline.ts';
import { isCooling, isOpen } from '#core/surge/incident.ts';
import {
  type Baseline,
  bucketOf,
  type Incident,
  type IncidentStatus,
  type Member,
  type Observation,
} from '#core/surge/model.ts';
import type { JoinResult } from '#core/surge/state.ts';
import type { IncidentTicket, IncidentTicketPage, SurgeStore, SurgeStoreSettings } from '#ports';

const byRef = (a: { ref: string }, b: { ref: string }) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
const newestFirst = (a: Incident, b: Incident) =>
  a.proposedAt < b.proposedAt ? 1 : a.proposedAt > b.proposedAt ? -1 : a.id < b.id ? 1 : -1;

export class MemorySurgeState implements SurgeStore {
  private readonly buckets = new Map<number, Map<string, Observation>>();
  private readonly bucketOfRef = new Map<string, number>();
  private baseline: Baseline = emptyBaseline();
  private readonly incidentById = new Map<string, Incident>();
  private readonly retired = new Set<string>();
  private readonly ticketsOf = new Map<string, Map<string, IncidentTicket>>();
  private readonly participantsOf = new Map<string, Set<string>>();
  private newest = Number.NEGATIVE_INFINITY;

  constructor(
    readonly settings: SurgeStoreSettings,
    private readonly retentionMinutes = 48 * 60,
  ) {}

  async record(observation: Observation): Promise<Observation> {
    const known = this.bucketOfRef.get(observation.ref);
    const stored = known === undefined ? undefined : this.buckets.get(known)?.get(observation.ref);
    if (stored) return { ...stored };
    let bucket = this.buckets.get(observation.bucket);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(observation.bucket, bucket);
    }
    bucket.set(observation.ref, { ...observation });
    this.bucketOfRef.set(observation.ref, observation.bucket);
    if (observation.bucket > this.newest) {
      this.newest = observation.bucket;
      this.forgetBefore(this.newest - Math.ceil(this.retentionMinutes / this.settings.bucketMinutes));
    }
    return { ...observation };
  }

  async recordNew(observations: readonly Observation[]): Promise<string[]> {
    for (const o of observations) await this.record(o);
    return [];
  }

  private forgetBefore(bucket: number): void {
    for (const [b, observations] of this.buckets) {
      if (b >= bucket) continue;
      for (const ref of observations.keys()) this.bucketOfRef.delete(ref);
      this.buckets.delete(b);
    }
  }

  async observations(from: string, to: string): Promise<Observation[]> {
    const out: Observation[] = [];
    const last = bucketOf(Date.parse(to), this.settings);
    for (let b = bucketOf(Date.parse(from), this.settings); b <= last; b++) {
      for (const o of this.buckets.get(b)?.values() ?? []) {
        if (o.at >= from && o.at < to) out.push({ ...o });
      }
    }
    return out;
  }

  async loadBaseline(): Promise<Baseline> {
    return { ...this.baseline, features: { ...this.baseline.features } };
  }

  async saveBaseline(baseline: Baseline, expectedThrough: number | null): Promise<boolean> {
    if (this.baseline.through !== expectedThrough) return false;
    this.baseline = { ...baseline, features: { ...baseline.features } };
    return true;
  }

  async liveIncidents(at: string): Promise<Incident[]> {
    return [...this.incidentById.values()].filter((i) => isOpen(i) || isCooling(i, at)).map((i) => ({ ...i }));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const i = this.incidentById.get(id);
    return i ? { ...i } : null;
  }

  async saveIncident(incident: Incident, expectedVersion: number | null): Promise<boolean> {
    const stored = this.incidentById.get(incident.id);
    if (expectedVersion === null ? stored !== undefined : stored?.version !== expectedVersion) return false;
    this.incidentById.set(incident.id, { ...incident, version: (expectedVersion ?? -1) + 1 });
    if (isOpen(incident) || incident.coolUntil !== null) this.retired.delete(incident.id);
    return true;
  }

  async addMembers(incidentId: string, members: readonly Member[]): Promise<JoinResult> {
    const tickets = this.ticketsOf.get(incidentId) ?? new Map<string, IncidentTicket>();
    const participants = this.participantsOf.get(incidentId) ?? new Set<string>();
    const added: Member[] = [];
    let newParticipants = 0;
    for (const m of members) {
      const bucket = this.bucketOfRef.get(m.ref);
      const observation = bucket === undefined ? undefined : this.buckets.get(bucket)?.get(m.ref);
      if (!observation || (observation.incidentId && observation.incidentId !== incidentId) || tickets.has(m.ref))
        continue;
      observation.incidentId = incidentId;
      tickets.set(m.ref, { ...m, answeredAt: null });
      added.push(m);
      if (!participants.has(m.participant)) {
        participants.add(m.participant);
        newParticipants++;
      }
    }
    this.ticketsOf.set(incidentId, tickets);
    this.participantsOf.set(incidentId, participants);
    return { added, newParticipants };
  }

  private sortedTickets(incidentId: string): IncidentTicket[] {
    return [...(this.ticketsOf.get(incidentId)?.values() ?? [])].sort(byRef);
  }

  async members(incidentId: string): Promise<Member[]> {
    return this.sortedTickets(incidentId).map(({ answeredAt: _, ...m }) => m);
  }

  async incidents(status: IncidentStatus | null, limit: number): Promise<Incident[]> {
    return [...this.incidentById.values()]
      .filter((i) => (status === null ? true : i.status === status))
      .sort(newestFirst)
      .slice(0, limit)
      .map((i) => ({ ...i }));
  }

  async retire(at: string): Promise<number> {
    let n = 0;
    for (const i of this.incidentById.values()) {
      if (isOpen(i) || isCooling(i, at) || this.retired.has(i.id)) continue;
      this.retired.add(i.id);
      n++;
    }
    return n;
  }

  async ticketPage(incidentId: string, limit: number, after: string | null): Promise<IncidentTicketPage> {
    const rest = this.sortedTickets(incidentId).filter((t) => after === null || t.ref > after);
    const tickets = rest.slice(0, limit).map((t) => ({ ...t }));
    return { tickets, next: rest.length > limit ? (tickets.at(-1)?.ref ?? null) : null };
  }

  async unanswered(incidentId: string, limit: number): Promise<Member[]> {
    const key = (t: IncidentTicket) => `${t.at}#${t.ref}`;
    return [...(this.ticketsOf.get(incidentId)?.values() ?? [])]
      .filter((t) => t.answeredAt === null)
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .slice(0, limit)
      .map(({ answeredAt: _, ...m }) => m);
  }

  async markAnswered(incidentId: string, ref: string, at: string): Promise<void> {
    const t = this.ticketsOf.get(incidentId)?.get(ref);
    if (t && t.answeredAt === null) t.answeredAt = at;
  }
}
