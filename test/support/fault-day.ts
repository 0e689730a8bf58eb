/**
 * A fixture day of the whole pipeline on the memory adapters, driven as the platform drives the
 * Lambdas, with a fault injected at one port call (see docs/faults.md):
 *  - SES receiving stores each mail and announces it on the inbound queue (not a fault point:
 *    that is AWS's side); SES sending publishes a Send event for every mail it accepted onto the
 *    sending-events queue (the configuration set's doing, as deployed);
 *  - every 15 s of a fake clock, each queue is polled as an event source mapping does (batches
 *    of its batch size, partial batch responses, a failed record visible again after the
 *    queue's visibility timeout, dead-lettered after maxReceiveCount: QUEUES in lib/settings.ts);
 *  - the sweeper runs every minute; agents claim ("get next") and resolve with a reply through
 *    the agent API's use cases, and retry a request that failed (a resolve with no answer is not).
 * The use cases are built by the Lambdas' builders (lambdas/wiring.ts) and the SQS-fed ones run
 * through the Lambdas' handler factories, over ports that count their calls: the k-th call
 * either fails (an AWS error, nothing written) or is made and then the process dies (the rest
 * of that invocation is lost: every later call throws, its response is never delivered).
 */

import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import type { MemoryQueue } from '#adapters/memory/queues.ts';
import { sqsJson } from '#adapters/sqs-json.ts';
import { type Agent, AgentApi } from '#app/agent-api.ts';
import { AppError } from '#app/errors.ts';
import { decodeJobTag } from '#app/mailer.ts';
import { sweep } from '#app/sweeper.ts';
import { DEFAULT_SETTINGS } from '#core/surge/model.ts';
import { isOpen, ticketRefFor } from '#core/ticket.ts';
import { CATEGORIES } from '#core/types.ts';
import { makeMailerHandler } from '#handlers/mailer-handler.ts';
import { makeSendingEventsHandler } from '#handlers/sending-events-handler.ts';
import { makeTriageHandler } from '#handlers/triage-handler.ts';
import {
  buildAgentApiDeps,
  buildMailerDeps,
  buildSendingEventsDeps,
  buildSweeperDeps,
  buildTriageDeps,
} from '#lambdas/wiring.ts';
import { QUEUES } from '#lib/settings.ts';
import { inboundObjectKey, receivedNotification } from '#local/ses-receiving.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import type { Adapters } from '#ports';
import { generateMail } from '../../bench/mail-generator.ts';
import { AGENT_API_CONFIG, MAILER_CONFIG, SWEEPER_CONFIG, TRIAGE_CONFIG } from './configs.ts';
import { lambdaContext } from './lambda.ts';

// ---------------------------------------------------------------- faults

/** What an AWS call answers when it fails: a server error, nothing done. */
export class InjectedFault extends Error {
  override name = 'ServiceUnavailable';
}

/** The process died: nothing after this point of the invocation happens. */
export class ProcessDied extends Error {
  override name = 'ProcessDied';
}

export type FaultKind = 'fail' | 'die';

/** Counts port calls over a run; the call numbered `at` fails, or is made and then the process dies. */
export class FaultPlan {
  calls = 0;
  /** The invocation running now (its flow), and the port calls it made so far. */
  invocation = '';
  private path: string[] = [];
  /** When recording: each call's signature (its invocation's flow and the calls up to it), by call number - 1. */
  signatures: string[] | null = null;
  /** The process of the current invocation is dead. */
  dead = false;
  /** The fault happened (the run reached call `at`). */
  struck = false;

  constructor(
    readonly at: number | null = null,
    readonly kind: FaultKind = 'fail',
  ) {}

  /** A new invocation of a flow starts (in a fresh process). */
  start(flow: string): void {
    this.invocation = flow;
    this.path = [];
    this.dead = false;
  }

  begin(call: string): number {
    if (this.dead) throw new ProcessDied('process died');
    const n = ++this.calls;
    this.path.push(call);
    this.signatures?.push(`${this.invocation}|${this.path.join(',')}`);
    if (n === this.at && this.kind === 'fail') {
      this.struck = true;
      throw new InjectedFault(`injected failure of call ${n}`);
    }
    return n;
  }

  end(n: number): void {
    if (n === this.at && this.kind === 'die') {
      this.struck = true;
      this.dead = true;
    }
    if (this.dead) throw new ProcessDied('process died');
  }

  /** Whether the invocation's process died. */
  died(): boolean {
    return this.dead;
  }
}

function counted<T extends object>(port: T, name: string, plan: FaultPlan): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const n = plan.begin(`${name}.${String(prop)}`);
        const result = value.apply(target, args);
        if (result && typeof (result as Promise<unknown>).then === 'function')
          return (result as Promise<unknown>).then((r) => {
            plan.end(n);
            return r;
          });
        plan.end(n);
        return result;
      };
    },
  });
}

/** Every port of the memory adapters, each call counted (and possibly faulted) by the plan. */
function faultyAdapters(memory: MemoryAdapters, plan: FaultPlan): Adapters {
  const wrap =
    <K extends keyof Adapters>(k: K) =>
    (...args: Parameters<Adapters[K]>) =>
      counted((memory[k] as (...a: Parameters<Adapters[K]>) => object)(...args), k, plan);
  return {
    mailStore: wrap('mailStore'),
    ticketStore: wrap('ticketStore'),
    inboundLog: wrap('inboundLog'),
    replyQueue: wrap('replyQueue'),
    mailer: wrap('mailer'),
    replyLog: wrap('replyLog'),
    workList: wrap('workList'),
    outbox: wrap('outbox'),
    deadLetters: wrap('deadLetters'),
    keyRing: wrap('keyRing'),
    cannedResponses: wrap('cannedResponses'),
    requestQuota: wrap('requestQuota'),
    suppressionList: wrap('suppressionList'),
    surveyStore: wrap('surveyStore'),
    ticketRetention: wrap('ticketRetention'),
    surgeStore: wrap('surgeStore'),
  } as Adapters;
}

// ---------------------------------------------------------------- the fixture day

const BUCKET = 'mail';
const START = Date.parse('2026-03-02T01:00:00.000Z'); // a Monday, 08:00 WIB
const TICK_MS = 15_000;
/** Long enough for any one fault to heal: a retry after the inbound visibility timeout (3 min), an abandoned send taken again, an outbox requeued. */
const PHASE_MS = 10 * 60_000;
const AGENTS: Agent[] = [
  { id: 'agen-satu', queues: [...CATEGORIES], supervisor: false },
  { id: 'agen-dua', queues: [...CATEGORIES], supervisor: false },
];

/** One thing that happens at a time of the day. */
type Happening =
  | { kind: 'mail'; id: string; source: string }
  | { kind: 'agent'; agent: Agent; action: 'work' | 'drain' };

export interface Phase {
  /** Offsets (ms) from the phase's start, in order. */
  events: { at: number; what: Happening }[];
  /** When it starts, from the day's start (a later day's phase); right after the phase before when absent. */
  startsAt?: number;
  lengthMs?: number;
}

const DAY_MS = 24 * 3600_000;
/**
 * Later days, when only the sweeper works: waiting tickets reminded (3 service days on), then
 * closed (7 service days after that).
 */
const LATER: readonly Phase[] = [
  { events: [], startsAt: 4 * DAY_MS, lengthMs: 4 * 60_000 },
  { events: [], startsAt: 14 * DAY_MS, lengthMs: 4 * 60_000 },
];

export interface FixtureDay {
  phases: Phase[];
  /** Raw mails by inbound id. */
  raw: Map<string, Buffer>;
}

/**
 * The day in phases of 10 minutes: in each, 19 new mails of invented participants
 * (bench/mail-generator.ts: a twentieth of them resend an earlier mail, a fifth are automated),
 * from the second on 2 follow-ups quoting a ticket of the phase before (resolved by then, or
 * not), and 6 claims and resolves by 2 agents; then a last phase in which the agents clear every
 * queue (twice: a ticket whose lease ran out comes back). Each phase ends with nothing in flight.
 */
export async function fixtureDay(phases = 20, perPhase = 10, followUps = 1): Promise<FixtureDay> {
  const raw = new Map<string, Buffer>();
  const out: Phase[] = [];
  const opened: { id: string; from: string }[][] = [];
  for (let p = 0; p < phases; p++) {
    const events: Phase['events'] = [];
    const mine: { id: string; from: string }[] = [];
    for (let j = 0; j < perPhase; j++) {
      const i = p * perPhase + j;
      const g = await generateMail(i, 0.05);
      const id = `fault-day-${String(i).padStart(4, '0')}`;
      raw.set(id, g.raw);
      if (!g.automated && g.resendOf === null) mine.push({ id, from: g.from });
      events.push({ at: j * 10_000, what: { kind: 'mail', id, source: g.from } });
    }
    const before = opened[p - 1] ?? [];
    for (let f = 0; f < followUps && before.length > 0; f++) {
      const target = before[(f * 5 + p * 3) % before.length] as { id: string; from: string };
      const ref = ticketRefFor(target.id);
      const id = `fault-day-susulan-${p}-${f}`;
      raw.set(
        id,
        await new MailComposer({
          from: target.from,
          to: COMPLAINT_ADDRESS,
          subject: `Re: [${ref}] tanggapan pengaduan`,
          text: `Halo admin, saya menambahkan keterangan untuk pengaduan ${ref}: sampai sore ini belum ada perubahan.`,
          messageId: `<susulan-${p}-${f}@bench.example>`,
        })
          .compile()
          .build(),
      );
      events.push({ at: perPhase * 10_000 + f * 10_000, what: { kind: 'mail', id, source: target.from } });
    }
    for (const m of [3, 4])
      for (const agent of AGENTS) events.push({ at: m * 60_000, what: { kind: 'agent', agent, action: 'work' } });
    opened.push(mine);
    out.push({ events });
  }
  const drain = AGENTS.map((agent) => ({ at: 0, what: { kind: 'agent', agent, action: 'drain' } as Happening }));
  const again = AGENTS.map((agent) => ({
    at: 17 * 60_000,
    what: { kind: 'agent', agent, action: 'drain' } as Happening,
  }));
  out.push({ events: [...drain, ...again], lengthMs: 25 * 60_000 });
  return { phases: [...out, ...LATER], raw };
}

/** The drain phase is longer: the second clearing waits for leases of claims that got no answer (15 min). */
const phaseLength = (day: FixtureDay, p: number) => day.phases[p]?.lengthMs ?? PHASE_MS;
const phaseStart = (day: FixtureDay, p: number) => day.phases[p]?.startsAt ?? p * PHASE_MS;

/**
 * What a phase or the day left behind, without bookkeeping times: each inbound mail's record,
 * each ticket's state, the reply records, what SES accepted, the agents' accepted replies, the
 * participant links, what is left in the queues.
 */
export interface DayState {
  /** Inbound id → the ticket it is a message on, or the outcome it was set aside with. */
  recorded: Map<string, string>;
  /** Ticket ref → status, lease holder, category, priority, fields, missing, order on the list, messages. */
  tickets: Map<string, string>;
  /** Job id → times SES accepted it. */
  sends: Map<string, number>;
  /** Agent replies by job id: those the agents saw accepted (2xx). */
  agentReplies: Set<string>;
  /** Job id → kind, for every job SES accepted. */
  kinds: Map<string, string>;
  /** Everything else a later phase reads, as one string. */
  rest: string;
  deadLetters: number;
}

type Snapshot = {
  data: unknown;
  sent: MemoryAdapters['ses']['sent'];
  jobs: MemoryAdapters['queue']['jobs'];
  queues: unknown[];
  agentReplies: string[];
  published: number;
  calls: number;
};

const plainData = (o: object) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function' && !isInstance(v)));
/**
 * A class instance (another store), not data. Told by tag and constructor name, not instanceof:
 * structuredClone builds its copies in Node's realm, and jest runs the tests in another.
 */
const isInstance = (v: unknown) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Map]' || tag === '[object Set]') return false;
  return Object.getPrototypeOf(v)?.constructor?.name !== 'Object';
};

/** The memory adapters, the clock and the platform around them; fault points counted by the plan. */
export class World {
  clock = START;
  readonly memory: MemoryAdapters;
  readonly ports: Adapters;
  readonly agentReplies = new Set<string>();
  private published = 0;
  private readonly now = () => new Date(this.clock);

  constructor(
    private readonly day: FixtureDay,
    readonly plan: FaultPlan,
    /** A second fault for every run: SES's Send events never reach us (the configuration set's topic or queue is broken). */
    private readonly sendEventsLost = false,
  ) {
    this.memory = new MemoryAdapters(this.now);
    this.ports = faultyAdapters(this.memory, plan);
    for (const [id, raw] of day.raw) this.memory.mail.put(BUCKET, inboundObjectKey(id), raw);
  }

  private stores(): object[] {
    return [this.memory.state, this.memory.surgeStore(DEFAULT_SETTINGS)];
  }

  snapshot(): Snapshot {
    return {
      data: structuredClone(this.stores().map(plainData)),
      // What SES sent and every job queued only grow, and no entry changes: their entries are shared.
      sent: [...this.memory.ses.sent],
      jobs: [...this.memory.queue.jobs],
      queues: this.memory.queues.all().map((q) => q.snapshot()),
      agentReplies: [...this.agentReplies],
      published: this.published,
      calls: this.plan.calls,
    };
  }

  restore(s: Snapshot): void {
    const data = structuredClone(s.data) as object[];
    for (const [i, o] of this.stores().entries()) Object.assign(o, data[i]);
    this.memory.ses.sent.splice(0, Infinity, ...s.sent);
    this.memory.queue.jobs.splice(0, Infinity, ...s.jobs);
    for (const [i, q] of this.memory.queues.all().entries())
      q.restore(s.queues[i] as Parameters<MemoryQueue['restore']>[0]);
    for (const r of s.agentReplies) this.agentReplies.add(r);
    this.published = s.published;
    this.plan.calls = s.calls;
  }

  // SES publishes a Send event for every mail it accepted (the configuration set, as deployed).
  private publishSends(): void {
    const sent = this.memory.ses.sent;
    if (this.sendEventsLost) this.published = sent.length;
    for (; this.published < sent.length; this.published++) {
      const s = sent[this.published] as (typeof sent)[number];
      const body = {
        eventType: 'Send',
        mail: {
          timestamp: new Date(this.clock).toISOString(),
          messageId: s.providerId,
          tags: { ticket: [s.tags.ticket], kind: [s.tags.kind], job: [s.tags.job] },
        },
      };
      this.memory.queues.sendingEvents.send(JSON.stringify(body));
    }
  }

  /**
   * Polls a queue as its event source mapping does, one batch after another while messages are
   * visible. Every invocation is a cold start (its use cases built afresh by the Lambda's
   * builder), so nothing an instance keeps carries over a death.
   */
  private async poll(queue: MemoryQueue, batchSize: number, flow: string, handler: () => SqsHandler): Promise<void> {
    for (;;) {
      const batch = queue.receive(batchSize);
      if (batch.length === 0) return;
      const event: SQSEvent = {
        Records: batch.map((r) => ({
          messageId: r.message.id,
          receiptHandle: r.handle,
          body: r.message.body,
          attributes: {
            ApproximateReceiveCount: String(r.message.receiveCount),
            SentTimestamp: String(r.message.sentAt),
            SenderId: 'fault-day',
            ApproximateFirstReceiveTimestamp: String(r.message.sentAt),
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:ap-southeast-1:000000000000:${flow}`,
          awsRegion: 'ap-southeast-1',
        })),
      };
      this.plan.start(flow);
      let failed: Set<string>;
      try {
        const res = await handler()(event, lambdaContext(flow, `fault-day-${this.clock}`));
        failed = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(event.Records.map((r) => r.messageId));
      }
      this.publishSends();
      // A process that died answers nothing: the whole batch comes back after the visibility timeout.
      if (this.plan.died()) continue;
      for (const r of batch) if (!failed.has(r.message.id)) queue.delete(r.handle);
    }
  }

  private api(): AgentApi {
    return new AgentApi(
      buildAgentApiDeps({ ...AGENT_API_CONFIG, SURVEY_DELAY_MINUTES: 24 * 60 }, this.ports, this.now),
    );
  }

  /**
   * One agent request. A request that fails (5xx) is retried, as the console lets the agent do; one
   * that gets no answer (the function died) is retried for "get next" but not for a resolve: that
   * agent closed the tab, and what the resolve did before it died must stand on its own.
   */
  private async request<T>(flow: string, fn: (api: AgentApi) => Promise<T>, retryUnanswered: boolean) {
    for (let attempt = 0; ; attempt++) {
      this.plan.start(flow);
      try {
        const r = await fn(this.api());
        if (!this.plan.died()) return r;
      } catch (err) {
        if (err instanceof AppError && !this.plan.died()) return err;
        if (attempt >= 3) throw err;
      }
      if (this.plan.died() && !retryUnanswered) return null;
    }
  }

  private async agentWork(agent: Agent, action: 'work' | 'drain'): Promise<void> {
    for (let n = 0; n < (action === 'work' ? 1 : 200); n++) {
      const claimed = await this.request('agent-api next', (api) => api.next(agent), true);
      if (claimed === null || claimed instanceof AppError) return;
      const reply = `Terima kasih, pengaduan ${claimed.ref} sudah kami tindak lanjuti.`;
      const resolved = await this.request('agent-api resolve', (api) => api.resolve(agent, claimed.ref, reply), false);
      if (resolved && !(resolved instanceof AppError) && resolved.lastAgentReply)
        this.agentReplies.add(resolved.lastAgentReply.jobId);
    }
  }

  private async sweepOnce(): Promise<void> {
    this.plan.start('sweeper');
    // A failed sweep is the next minute's to do again.
    await sweep(buildSweeperDeps(SWEEPER_CONFIG, this.ports, this.now)).catch(() => undefined);
  }

  private async arrive(what: Happening): Promise<void> {
    if (what.kind === 'agent') return this.agentWork(what.agent, what.action);
    // SES receiving: the raw mail is in the bucket (put up front), the notification goes on the queue.
    const n = receivedNotification(
      { messageId: what.id, source: what.source, recipients: [COMPLAINT_ADDRESS], at: new Date(this.clock) },
      { bucket: BUCKET, region: 'ap-southeast-1' },
    );
    this.memory.queues.inbound.send(sqsJson(n));
  }

  /**
   * Runs phase p of the day tick by tick, from tick `from` (the world as it was at that tick's
   * start) to the phase's end; `atTick` is called at the start of each tick.
   */
  async runPhase(p: number, from = 0, atTick?: (tick: number) => void): Promise<void> {
    const begins = START + phaseStart(this.day, p);
    const ticks = phaseLength(this.day, p) / TICK_MS;
    const events = (this.day.phases[p] as Phase).events;
    const q = this.memory.queues;
    // Earlier ticks of the phase took every event due by their time.
    let next = events.filter((e) => e.at <= (from - 1) * TICK_MS).length;
    for (let tick = from; tick < ticks; tick++) {
      this.clock = begins + tick * TICK_MS;
      atTick?.(tick);
      for (; next < events.length && begins + (events[next]?.at ?? 0) <= this.clock; next++)
        await this.arrive((events[next] as Phase['events'][number]).what);
      await this.poll(q.inbound, QUEUES.inbound.batchSize, 'triage', () =>
        makeTriageHandler(buildTriageDeps(TRIAGE_CONFIG, this.ports, this.now)),
      );
      // The send rate is kept in real time (a timer per send slot): under the fake clock the
      // mailer sends at once, so the order of a batch's concurrent records is the same every run.
      await this.poll(q.outbound, QUEUES.outbound.batchSize, 'mailer', () =>
        makeMailerHandler({ ...buildMailerDeps(MAILER_CONFIG, this.ports, this.now), pace: async () => undefined }),
      );
      await this.poll(q.sendingEvents, QUEUES.sendingEvents.batchSize, 'sending-events', () =>
        makeSendingEventsHandler(buildSendingEventsDeps(this.ports, this.now)),
      );
      if ((this.clock - START) % 60_000 === 0) await this.sweepOnce();
    }
    this.clock = begins + ticks * TICK_MS;
  }

  state(): DayState {
    const m = this.memory;
    const recorded = new Map<string, string>();
    const tickets = new Map<string, string>();
    for (const [ref, row] of m.state.tickets) {
      const messages = [row.first, ...row.followUps];
      for (const msg of messages) recorded.set(msg.inboundId, ref);
      const t = row.ticket;
      tickets.set(
        ref,
        JSON.stringify([
          t.status,
          t.claimedBy,
          t.category,
          t.priority,
          t.fields,
          t.missing,
          t.readyAt,
          t.dueAt,
          row.overdue,
          t.heldBehind,
          messages.map((x) => x.inboundId).sort(),
        ]),
      );
    }
    // A failure trace is no record: that mail was not filed.
    for (const r of m.state.setAside.values())
      if (r.outcome !== 'failed' && !recorded.has(r.inboundId)) recorded.set(r.inboundId, r.outcome);
    const sends = new Map<string, number>();
    const kinds = new Map<string, string>();
    for (const s of m.ses.sent) {
      const job = decodeJobTag(s.tags.job);
      sends.set(job, (sends.get(job) ?? 0) + 1);
      kinds.set(job, s.tags.kind);
    }
    const replyStatus = [...m.state.replies].map(([k, r]) => `${k}=${r.status}`).sort();
    // A link to a ticket no longer open is as good as none: the next claim takes it over.
    const links = [...m.state.links]
      .filter(([, l]) => {
        const t = m.state.tickets.get(l.ref)?.ticket;
        return t && isOpen(t.status) && t.openedBy === l.openedBy;
      })
      .map(([k, l]) => `${k}=${l.ref}`)
      .sort();
    const pending = [...m.state.tickets.values()].flatMap((r) => r.outbox.map((o) => o.job.jobId)).sort();
    const queued = m.queues.all().map((q) =>
      q
        .peekAll()
        .map((x) => x.body)
        .sort(),
    );
    return {
      recorded,
      tickets,
      sends,
      agentReplies: new Set(this.agentReplies),
      kinds,
      rest: JSON.stringify([replyStatus, links, pending, queued]),
      deadLetters: m.queues.inboundDlq.depth + m.queues.outboundDlq.depth,
    };
  }
}

type SqsHandler = (e: SQSEvent, c: ReturnType<typeof lambdaContext>) => Promise<SQSBatchResponse>;

/** The same world (what the agents saw answered is theirs, not the world's). */
export const sameState = (a: DayState, b: DayState) =>
  a.rest === b.rest &&
  a.deadLetters === b.deadLetters &&
  sameMap(a.recorded, b.recorded) &&
  sameMap(a.tickets, b.tickets) &&
  sameMap(a.sends, b.sends);

const sameMap = <V>(a: Map<string, V>, b: Map<string, V>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

// ---------------------------------------------------------------- the harness

export interface FaultFreeDay {
  /** The world at each phase's start. */
  snapshots: Snapshot[];
  /** Per phase, the calls made before each of its ticks (and, last, before the next phase). */
  tickCalls: number[][];
  /** The state at each phase's end. */
  ends: DayState[];
  /** Each call's signature, by call number - 1. */
  signatures: string[];
  final: DayState;
  calls: number;
}

export async function faultFreeDay(day: FixtureDay): Promise<FaultFreeDay> {
  const plan = new FaultPlan();
  plan.signatures = [];
  const world = new World(day, plan);
  const snapshots: Snapshot[] = [];
  const tickCalls: number[][] = [];
  const ends: DayState[] = [];
  for (let p = 0; p < day.phases.length; p++) {
    snapshots.push(world.snapshot());
    const calls: number[] = [];
    await world.runPhase(p, 0, () => calls.push(plan.calls));
    calls.push(plan.calls);
    tickCalls.push(calls);
    ends.push(world.state());
  }
  return { snapshots, tickCalls, ends, signatures: plan.signatures, final: ends.at(-1) as DayState, calls: plan.calls };
}

export interface FaultPoint {
  /** The call's number in the day (1-based). */
  call: number;
  kind: FaultKind;
  /** Its invocation's flow and the port calls that invocation made up to and including it. */
  signature: string;
}

/**
 * The fault points to run: for each way a call is reached (its signature) and each kind of fault,
 * the last `perSignature` calls of the day reached that way (late calls meet the fullest world,
 * and a run that does not converge has the least of the day left to run).
 */
export function chosenPoints(free: FaultFreeDay, perSignature: number): FaultPoint[] {
  const seen = new Map<string, number>();
  const points: FaultPoint[] = [];
  for (const kind of ['fail', 'die'] as const)
    for (let i = free.signatures.length - 1; i >= 0; i--) {
      const signature = free.signatures[i] as string;
      const n = seen.get(`${kind} ${signature}`) ?? 0;
      if (n >= perSignature) continue;
      seen.set(`${kind} ${signature}`, n + 1);
      points.push({ call: i + 1, kind, signature });
    }
  return points.sort((a, b) => a.call - b.call || (a.kind < b.kind ? -1 : 1));
}

export interface FaultResult {
  point: FaultPoint;
  lostMails: string[];
  duplicateTickets: number;
  duplicateReplies: string[];
  lostAgentReplies: string[];
  /** Tickets whose state differs from the fault-free day's. */
  changedTickets: string[];
  deadLetters: number;
  /** Phases run after the fault's until the state was the fault-free one's again (or the day ended). */
  phasesAfter: number;
}

/**
 * Runs every point, phase by phase of the fault-free day: the world at the start of the tick that
 * holds the fault's call is taken (replaying the fault-free phase once), and from it the rest of
 * the phase is run with the fault. At the end of each phase the state is compared with the
 * fault-free one's: once equal (nothing in flight; same records, tickets, sends, reply records,
 * open links, queues), the rest of the day is the fault-free day's, from the same state with the
 * same inputs; otherwise the run goes on, to the end of the day if need be, and the final states
 * are compared.
 */
export async function runPoints(
  day: FixtureDay,
  free: FaultFreeDay,
  points: readonly FaultPoint[],
  onResult: (r: FaultResult) => void,
  options: { sendEventsLost?: boolean } = {},
): Promise<void> {
  for (let p = 0; p < day.phases.length; p++) {
    const calls = free.tickCalls[p] as number[];
    const mine = points.filter((x) => x.call > (calls[0] as number) && x.call <= (calls.at(-1) as number));
    if (mine.length === 0) continue;
    // The fault-free phase again, keeping the world at the start of each tick that holds a point.
    const ticksWanted = new Set(mine.map((x) => tickOf(calls, x.call)));
    const replay = new World(day, new FaultPlan());
    replay.restore(free.snapshots[p] as Snapshot);
    const atTick = new Map<number, Snapshot>();
    await replay.runPhase(p, 0, (tick) => {
      if (ticksWanted.has(tick)) atTick.set(tick, replay.snapshot());
    });
    for (const point of mine) {
      const tick = tickOf(calls, point.call);
      onResult(await runFrom(day, free, point, p, tick, atTick.get(tick) as Snapshot, options.sendEventsLost));
    }
  }
}

/** The tick of the phase during which the call is made. */
const tickOf = (calls: number[], call: number) => calls.findIndex((c, i) => c < call && call <= (calls[i + 1] ?? 0));

async function runFrom(
  day: FixtureDay,
  free: FaultFreeDay,
  point: FaultPoint,
  phase: number,
  tick: number,
  start: Snapshot,
  sendEventsLost = false,
): Promise<FaultResult> {
  const plan = new FaultPlan(point.call, point.kind);
  plan.signatures = [];
  const world = new World(day, plan, sendEventsLost);
  world.restore(start);
  let state: DayState | null = null;
  let after = 0;
  for (let q = phase; q < day.phases.length; q++, after++) {
    await world.runPhase(q, q === phase ? tick : 0);
    state = world.state();
    const ends = free.ends[q] as DayState;
    if (plan.struck && sameState(state, ends)) {
      // The rest of the day is the fault-free one's; the agents saw what they saw so far, and then what the fault-free agents see.
      const later = [...free.final.agentReplies].filter((job) => !ends.agentReplies.has(job));
      state = { ...free.final, agentReplies: new Set([...state.agentReplies, ...later]) };
      break;
    }
  }
  if (!plan.struck) throw new Error(`fault point ${point.call} (${point.signature}) was never reached`);
  // The records of a batch run concurrently, and parsing interleaves them by the event loop's
  // timing: the call numbered k may then be another record's. It is still the k-th call.
  const reached = plan.signatures[point.call - start.calls - 1] as string;
  return { ...compare(state as DayState, free.final), point: { ...point, signature: reached }, phasesAfter: after };
}

function compare(faulty: DayState, free: DayState): Omit<FaultResult, 'point' | 'phasesAfter'> {
  const lostMails = [...free.recorded.keys()].filter((id) => !faulty.recorded.has(id));
  const duplicateReplies = [...faulty.sends]
    .filter(([job, n]) => n > Math.max(1, free.sends.get(job) ?? 1))
    .map(([job]) => job);
  const agentSends = (s: DayState) => [...s.kinds.values()].filter((k) => k === 'agent_reply').length;
  // Replies the agents saw accepted and SES never got, and any fewer agent replies than without the fault.
  const lostAgentReplies = [...faulty.agentReplies].filter((job) => !faulty.sends.has(job));
  for (let i = agentSends(faulty); i < agentSends(free); i++) lostAgentReplies.push(`agent reply ${i + 1}`);
  const refs = new Set([...free.tickets.keys(), ...faulty.tickets.keys()]);
  return {
    lostMails,
    duplicateTickets: Math.max(0, faulty.tickets.size - free.tickets.size),
    duplicateReplies,
    lostAgentReplies,
    changedTickets: [...refs].filter((r) => free.tickets.get(r) !== faulty.tickets.get(r)),
    deadLetters: faulty.deadLetters,
  };
}
