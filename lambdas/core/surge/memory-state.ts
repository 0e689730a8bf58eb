/**
 * SurgeState in memory, for the evaluation, the CLI and tests. Observations are kept per bucket;
 * buckets older than `retentionMinutes` before the newest one are forgotten, as DynamoDB's TTL
 * would.
 */
import { emptyBaseline } from './baseline.ts';
import { isCooling, isOpen } from './incident.ts';
import { type Baseline, bucketOf, type Incident, type Member, type Observation, type SurgeSettings } from './model.ts';
import type { JoinResult, SurgeState } from './state.ts';

export class MemorySurgeState implements SurgeState {
  private readonly buckets = new Map<number, Map<string, Observation>>();
  private readonly bucketOfRef = new Map<string, number>();
  private baseline: Baseline = emptyBaseline();
  private readonly incidents = new Map<string, Incident>();
  private readonly memberList = new Map<string, Member[]>();
  private readonly participantsOf = new Map<string, Set<string>>();
  private newest = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: Pick<SurgeSettings, 'bucketMinutes'>,
    private readonly retentionMinutes = 48 * 60,
  ) {}

  async record(observation: Observation): Promise<void> {
    if (this.bucketOfRef.has(observation.ref)) return;
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
    return this.baseline;
  }

  async saveBaseline(baseline: Baseline, expectedThrough: number | null): Promise<boolean> {
    if (this.baseline.through !== expectedThrough) return false;
    this.baseline = baseline;
    return true;
  }

  async liveIncidents(at: string): Promise<Incident[]> {
    return [...this.incidents.values()].filter((i) => isOpen(i) || isCooling(i, at)).map((i) => ({ ...i }));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const i = this.incidents.get(id);
    return i ? { ...i } : null;
  }

  async saveIncident(incident: Incident, expectedVersion: number | null): Promise<boolean> {
    const stored = this.incidents.get(incident.id);
    if (expectedVersion === null ? stored !== undefined : stored?.version !== expectedVersion) return false;
    this.incidents.set(incident.id, { ...incident, version: (expectedVersion ?? -1) + 1 });
    return true;
  }

  async addMembers(incidentId: string, members: readonly Member[]): Promise<JoinResult> {
    const list = this.memberList.get(incidentId) ?? [];
    const participants = this.participantsOf.get(incidentId) ?? new Set<string>();
    const refs = new Set(list.map((x) => x.ref));
    const added: Member[] = [];
    let newParticipants = 0;
    for (const m of members) {
      const bucket = this.bucketOfRef.get(m.ref);
      const observation = bucket === undefined ? undefined : this.buckets.get(bucket)?.get(m.ref);
      if (observation?.incidentId || refs.has(m.ref)) continue;
      refs.add(m.ref);
      if (observation) observation.incidentId = incidentId;
      list.push(m);
      added.push(m);
      if (!participants.has(m.participant)) {
        participants.add(m.participant);
        newParticipants++;
      }
    }
    this.memberList.set(incidentId, list);
    this.participantsOf.set(incidentId, participants);
    return { added, newParticipants };
  }

  async members(incidentId: string): Promise<Member[]> {
    return [...(this.memberList.get(incidentId) ?? [])];
  }
}
