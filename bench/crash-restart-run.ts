/**
 * The local stack's promise under a crash: `npm start -- --data DIR` is SIGKILLed while generated
 * mail arrives over SMTP, started again on the same DIR, and the senders (as MTAs do) send again
 * what was not accepted. Then every mail answered 250 must be on a ticket or an ops record, and
 * every participant's first mail answered exactly once. Used by `npm run check:crash` (300 mails)
 * and test/integration/crash-restart.test.ts (fewer).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '#local/free-port.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { localSmtpClient } from '#local/smtp-client.ts';
import type { StackPorts } from '#local/stack.ts';
import { type GeneratedMail, generateMail } from './mail-generator.ts';

export interface CrashFigures {
  mails: number;
  /** Mails the receiver answered 250 (each once, by SES message id). */
  accepted: number;
  /** Accepted mails on a ticket (opened it or joined it). */
  tickets: number;
  /** Accepted mails set aside (automated, quarantined, unparseable): an ops record each. */
  opsRecords: number;
  /** Accepted mails found nowhere. */
  lost: number;
  /** Participants' first mails (neither automated nor a resend) that were accepted. */
  humanFirst: number;
  answeredOnce: number;
  /** Human first mails whose ticket got no reply. */
  neverAnswered: number;
  /** Replies sent more than once (the same recipient, subject and text). */
  duplicateReplies: number;
  /** Accepted before the kill. */
  acceptedBeforeKill: number;
  /** The human first mails never answered: SES id → ticket ref. */
  unanswered: string[];
}

const ROOT = new URL('..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function portFree(port: number): Promise<boolean> {
  const s = createServer();
  return new Promise((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Starts bin/local.ts (the process `npm start` execs) and resolves once its banner is printed. */
async function startStack(ports: StackPorts, dataDir: string, log: (s: string) => void): Promise<ChildProcess> {
  for (const port of Object.values(ports)) {
    // The killed run's emulator children exit once they see it gone; wait for their ports.
    for (let i = 0; i < 100 && !(await portFree(port)); i++) await sleep(100);
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/local.ts', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SMTP_PORT: String(ports.smtp),
      API_PORT: String(ports.api),
      SES_PORT: String(ports.ses),
      DYNAMODB_PORT: String(ports.dynamodb),
      SQS_PORT: String(ports.sqs),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      NODE_NO_WARNINGS: '1',
    },
  });
  child.stderr?.on('data', (d: Buffer) => log(`stack: ${d.toString().trimEnd()}`));
  await new Promise<void>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
    rl.on('line', (line) => {
      if (/restored/.test(line)) log(line.trim());
      if (line.includes('Ctrl-C stops')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code} before it was up`)));
  });
  return child;
}

interface Sent {
  mail: GeneratedMail;
  /** SES message id from the 250 answer. */
  id?: string;
}

/** Sends the mails not yet accepted, `connections` at a time; stops early when `stop()` says so. */
async function send(port: number, mails: Sent[], connections: number, stop: () => boolean): Promise<void> {
  const transport = localSmtpClient(port, connections);
  const todo = mails.filter((m) => !m.id);
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < todo.length && !stop()) {
        const m = todo[next++] as Sent;
        try {
          const info = await transport.sendMail({
            envelope: { from: m.mail.from, to: [COMPLAINT_ADDRESS] },
            raw: m.mail.raw,
          });
          const id = /^250 Ok (\S+)/.exec(info.response ?? '')?.[1];
          if (id) m.id = id;
        } catch {
          // not accepted: sent again after the restart
        }
      }
    }),
  );
  transport.close();
}

type Item = Record<string, unknown>;

async function scanAll(db: DynamoDBDocumentClient): Promise<Item[]> {
  const out: Item[] = [];
  let start: Item | undefined;
  do {
    const r = await db.send(new ScanCommand({ TableName: 'prakerja-tickets', ExclusiveStartKey: start }));
    out.push(...((r.Items ?? []) as Item[]));
    start = r.LastEvaluatedKey as Item | undefined;
  } while (start);
  return out;
}

interface SesMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

function figures(sent: Sent[], items: Item[], replies: SesMail[], acceptedBeforeKill: number): CrashFigures {
  const accepted = sent.filter((s) => s.id);
  const opened = new Map<string, string>(); // inbound id → ref of the ticket it opened
  const joined = new Set<string>();
  const setAside = new Set<string>();
  const replyRecords = new Map<string, number>(); // ref → reply records taken for sending
  for (const it of items) {
    const pk = String(it.PK ?? '');
    const sk = String(it.SK ?? '');
    if (pk.startsWith('TICKET#') && sk === 'META' && typeof it.openedBy === 'string')
      opened.set(it.openedBy, pk.slice('TICKET#'.length));
    else if (pk.startsWith('TICKET#') && sk.startsWith('MSG#')) joined.add(sk.slice('MSG#'.length));
    else if (pk.startsWith('INBOUND#') && sk === 'META') setAside.add(pk.slice('INBOUND#'.length));
    else if (pk.startsWith('TICKET#') && sk.startsWith('REPLY#') && (it.status === 'sent' || it.status === 'sending'))
      replyRecords.set(pk.slice('TICKET#'.length), (replyRecords.get(pk.slice('TICKET#'.length)) ?? 0) + 1);
  }
  const id = (s: Sent) => s.id as string;
  const tickets = accepted.filter((s) => opened.has(id(s)) || joined.has(id(s))).length;
  const opsRecords = accepted.filter((s) => !opened.has(id(s)) && !joined.has(id(s)) && setAside.has(id(s))).length;
  // A ticket's mail in SES beyond its reply records (one per reply job) is a job sent twice.
  const mailsOf = new Map<string, number>();
  for (const r of replies) {
    const ref = /^\[(PRK-[0-9A-Z]+)\]/.exec(r.subject)?.[1];
    if (ref) mailsOf.set(ref, (mailsOf.get(ref) ?? 0) + 1);
  }
  let duplicateReplies = 0;
  for (const [ref, n] of mailsOf) duplicateReplies += Math.max(0, n - (replyRecords.get(ref) ?? 0));
  const humanFirst = accepted.filter((s) => !s.mail.automated && s.mail.resendOf === null);
  const repliesTo = (s: Sent) => {
    const ref = opened.get(id(s));
    if (!ref) return [];
    return replies.filter((r) => r.subject.startsWith(`[${ref}]`) && r.destination.to.includes(s.mail.from));
  };
  const once = (s: Sent) => {
    const ref = opened.get(id(s)) ?? '';
    return repliesTo(s).length > 0 && (mailsOf.get(ref) ?? 0) <= (replyRecords.get(ref) ?? 0);
  };
  return {
    mails: sent.length,
    accepted: accepted.length,
    tickets,
    opsRecords,
    lost: accepted.length - tickets - opsRecords,
    humanFirst: humanFirst.length,
    answeredOnce: humanFirst.filter(once).length,
    neverAnswered: humanFirst.filter((s) => repliesTo(s).length === 0).length,
    unanswered: humanFirst.filter((s) => repliesTo(s).length === 0).map((s) => `${id(s)}→${opened.get(id(s)) ?? '?'}`),
    duplicateReplies,
    acceptedBeforeKill,
  };
}

export interface CrashRunOptions {
  mails: number;
  /** SIGKILL the stack once this many mails were accepted. */
  killAfter: number;
  connections?: number;
  log?: (line: string) => void;
  /** How long to wait for the pipeline to settle after the restart. */
  settleMs?: number;
  /** Leave the data directory in place (to look into a failure). */
  keepData?: boolean;
}

export async function runCrashRestart(o: CrashRunOptions): Promise<CrashFigures> {
  const log = o.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'prakerja-crash-'));
  const ports: StackPorts = {
    smtp: await freePort(),
    api: await freePort(),
    ses: await freePort(),
    dynamodb: await freePort(),
    sqs: await freePort(),
  };
  const sent: Sent[] = [];
  for (let i = 0; i < o.mails; i++) sent.push({ mail: await generateMail(i) });
  let stack: ChildProcess | undefined;
  try {
    stack = await startStack(ports, dataDir, log);
    log(`up; sending ${o.mails} mails, SIGKILL after ${o.killAfter} accepted`);
    const first = stack;
    let killed = false;
    await send(ports.smtp, sent, o.connections ?? 4, () => {
      if (!killed && sent.filter((s) => s.id).length >= o.killAfter) {
        first.kill('SIGKILL');
        killed = true;
      }
      return killed;
    });
    if (!killed) first.kill('SIGKILL');
    await new Promise((r) => (first.exitCode === null && first.signalCode === null ? first.once('exit', r) : r(null)));
    const acceptedBeforeKill = sent.filter((s) => s.id).length;
    log(`killed with ${acceptedBeforeKill} accepted; restarting on the same --data`);

    stack = await startStack(ports, dataDir, log);
    await send(ports.smtp, sent, o.connections ?? 4, () => false);
    log(`all sent (${sent.filter((s) => s.id).length} accepted); waiting for the pipeline to settle`);

    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: `http://127.0.0.1:${ports.dynamodb}`,
        region: 'ap-southeast-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    const replies = async () =>
      ((await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as { emails: SesMail[] }).emails;
    let f = figures(sent, await scanAll(db), await replies(), acceptedBeforeKill);
    const until = Date.now() + (o.settleMs ?? 120_000);
    let stableSince = Date.now();
    let last = '';
    while (Date.now() < until) {
      await sleep(1000);
      f = figures(sent, await scanAll(db), await replies(), acceptedBeforeKill);
      const now = JSON.stringify(f);
      if (now !== last) {
        last = now;
        stableSince = Date.now();
      }
      // Settled: nothing lost, everyone answered, and nothing changed for 5 s (late duplicates).
      if (f.lost === 0 && f.neverAnswered === 0 && Date.now() - stableSince >= 5000) break;
    }
    db.destroy();
    return f;
  } finally {
    if (stack && stack.exitCode === null && stack.signalCode === null) {
      const s = stack;
      const exited = new Promise((r) => s.once('exit', r));
      s.kill('SIGTERM');
      await exited;
    }
    if (o.keepData) log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One line of figures. */
export function crashLine(f: CrashFigures): string {
  const unanswered = f.unanswered.length ? ` (${f.unanswered.join(', ')})` : '';
  return `crash: mails ${f.mails}, accepted ${f.accepted} (${f.acceptedBeforeKill} before the SIGKILL), tickets ${f.tickets}, ops records ${f.opsRecords}, lost ${f.lost}; human first mails ${f.humanFirst}, answered once ${f.answeredOnce}, never answered ${f.neverAnswered}${unanswered}, duplicate replies ${f.duplicateReplies}`;
}
