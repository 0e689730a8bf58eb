/**
 * What the surge detector keeps, as a port: implemented in memory (memory-state.ts) and, later,
 * on the tickets table in DynamoDB (layout in docs/surge.md). Everything passed is plain data.
 */
import type { Baseline, Incident, Member, Observation } from './model.ts';

export interface JoinResult {
  /** The members actually linked: a ticket already in an incident is skipped. */
  added: Member[];
  /** Participants among `added` that had no ticket in the incident before. */
  newParticipants: number;
}

export interface SurgeState {
  /** Keeps a filed ticket's observation; the same ref again changes nothing (redelivery). */
  record(observation: Observation): Promise<void>;
  /** Observations filed at `from` ≤ at < `to` (ISO-8601), each with the incident it joined. */
  observations(from: string, to: string): Promise<Observation[]>;
  loadBaseline(): Promise<Baseline>;
  /**
   * Stores the baseline if the stored one still ends at `expectedThrough` (two evaluations running
   * at once must not both fold the same buckets). False when it does not.
   */
  saveBaseline(baseline: Baseline, expectedThrough: number | null): Promise<boolean>;
  /** Proposed and accepted incidents, and the others still cooling down at `at`. */
  liveIncidents(at: string): Promise<Incident[]>;
  getIncident(id: string): Promise<Incident | null>;
  /**
   * Stores the incident with version `expectedVersion + 1` if the stored one has `expectedVersion`
   * (null: none may exist yet). False when another writer got there first.
   */
  saveIncident(incident: Incident, expectedVersion: number | null): Promise<boolean>;
  /** Links tickets to an incident; each ticket joins at most one incident, once. */
  addMembers(incidentId: string, members: readonly Member[]): Promise<JoinResult>;
  members(incidentId: string): Promise<Member[]>;
}
