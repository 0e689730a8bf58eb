/**
 * What the surge detector keeps, as a port: implemented in memory (adapters/memory/surge-state.ts)
 * and on the tickets table in DynamoDB (adapters/dynamodb/surge-state.ts; layout in docs/surge.md).
 * Everything passed is plain data.
 */
import type { Baseline, Incident, Member, Observation } from './model.ts';

export interface JoinResult {
  /** The members actually linked: a ticket already in an incident, or no longer observed, is skipped. */
  added: Member[];
  /** Participants among `added` that had no ticket in the incident before. */
  newParticipants: number;
}

export interface SurgeState {
  /**
   * Keeps a filed ticket's observation and returns what is stored: the same ref again (a
   * redelivered mail) changes nothing and returns the earlier observation, with the incident it joined.
   */
  record(observation: Observation): Promise<Observation>;
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
  /** Links observed tickets to an incident; each ticket joins at most one incident, once. */
  addMembers(incidentId: string, members: readonly Member[]): Promise<JoinResult>;
  /** The tickets an incident covers, by reference. */
  members(incidentId: string): Promise<Member[]>;
}
