/**
 * Surges on adapters in memory, wired by the same builders as the Lambdas, on a clock the test
 * moves: triage files mail received at a given minute, the evaluation runs when the test says,
 * supervisors decide through the incident desk.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import type { Agent } from '#app/agent-api.ts';
import { IncidentDesk } from '#app/incidents.ts';
import { evaluateSurges, type SurgeRun } from '#app/surge.ts';
import { finishBatch, type TriageResult, triageInbound } from '#app/triage.ts';
import { DEFAULT_SETTINGS, type Incident, type SurgeSettings } from '#core/surge/model.ts';
import { buildAgentApiDeps, buildSurgeDeps, buildTriageDeps } from '#lambdas/wiring.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { inboundObjectKey } from '#local/ses-receiving.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { BUCKET, notificationFor, type Receipt } from './memory.ts';
import { everydayMail, outageMail, SMALL_SURGE_SETTINGS, sender } from './surge.ts';

export const T0 = Date.parse('2024-05-20T01:00:00.000Z');
export const MINUTE = 60_000;
export const SUPERVISOR: Agent = { id: 'sari', queues: [], supervisor: true };

export function surgeWorld(settings: Partial<SurgeSettings> = SMALL_SURGE_SETTINGS, answersPerRun?: number) {
  let clock = T0;
  const now = () => new Date(clock);
  const memory = new MemoryAdapters();
  const config = {
    COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS],
    SLA_HOURS,
    SURGE_SETTINGS: { ...DEFAULT_SETTINGS, ...settings },
    SURGE_INCIDENTS_CACHE_SECONDS: 0,
    LEASE_SECONDS: 900,
    SURVEY_DELAY_MINUTES: 60,
    STATUS_REQUESTS_PER_MINUTE: 10,
  };
  const triage = buildTriageDeps(config, memory, now);
  const surge = { ...buildSurgeDeps(config, memory, now), ...(answersPerRun ? { answersPerRun } : {}) };
  const api = buildAgentApiDeps(config, memory, now);
  const desk = new IncidentDesk(api.incidents);
  let seq = 0;

  const world = {
    memory,
    triage,
    surge,
    api,
    desk,
    store: surge.store,
    setClock(ms: number) {
      clock = ms;
    },
    /** Triages one mail received at `atMs`, leaving its batch unfinished (`finishBatch`). */
    async triageOnly(raw: Buffer, r: Receipt & { atMs: number; source: string }): Promise<TriageResult> {
      clock = Math.max(clock, r.atMs);
      const id = r.id ?? `ses-surge-${++seq}`;
      memory.mail.put(BUCKET, inboundObjectKey(id), raw);
      return triageInbound(notificationFor(id, { ...r, at: new Date(r.atMs).toISOString() }), triage);
    },
    /** Triages one mail received at `atMs` and finishes it as a batch of one, as the triage Lambda does. */
    async receive(raw: Buffer, r: Receipt & { atMs: number; source: string }): Promise<TriageResult> {
      const result = await world.triageOnly(raw, r);
      await finishBatch([result], triage);
      return result;
    },
    async evaluate(atMs: number): Promise<SurgeRun> {
      clock = atMs;
      return evaluateSurges(surge);
    },
    /**
     * Ten minutes of everyday mail (six participants a minute, evaluated every minute), then
     * `outage` participants report the platform's outage over two minutes; evaluates until an
     * incident is proposed. Returns it and the outage tickets.
     */
    async proposeOutage(outage = 30) {
      const proposed: Incident[] = [];
      let n = 0;
      for (let minute = 0; minute < 10; minute++) {
        for (let k = 0; k < 6; k++) {
          n++;
          await world.receive(await everydayMail(n), { atMs: T0 + (minute + k / 6) * MINUTE, source: sender(n) });
        }
        proposed.push(...(await world.evaluate(T0 + (minute + 1) * MINUTE)).proposed);
      }
      const reports: TriageResult[] = [];
      for (let i = 0; i < outage; i++) {
        const p = 1000 + i;
        const atMs = T0 + (10 + (2 * i) / outage) * MINUTE;
        reports.push(await world.receive(await outageMail(p), { atMs, source: sender(p) }));
      }
      for (let minute = 12; minute < 16 && proposed.length === 0; minute++) {
        proposed.push(...(await world.evaluate(T0 + minute * MINUTE)).proposed);
      }
      return { proposed, reports };
    },
  };
  return world;
}
