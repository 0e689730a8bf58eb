#!/usr/bin/env -S npx tsx
/**
 * bench:day [--n 23000] [--connections 8]: one day of mail at the reference site through the real
 * local pipeline — SMTP in, triage, tickets on DynamoDB, replies out — and prints wall time,
 * messages/s, p50/p99 from SMTP accept to ticket filed, lost and duplicated (checked against the
 * store), peak RSS, CPU per mail and AWS calls per mail by service and operation. Goal: the day
 * in ≤ 5 min on 2 cores, ≤ 8 AWS calls per mail made by our functions.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CallCounter } from '#local/call-count.ts';
import { queueDepth } from '#local/sqs-poller.ts';
import { type LocalStack, startLocalStack } from '#local/stack.ts';
import { generateMail } from './mail-generator.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 23_000);
const CONNECTIONS = arg('connections', 8);
const CORES = availableParallelism();

/** CPU seconds all processes on the machine have used (Linux /proc/stat; 0 elsewhere). */
function machineCpuSeconds(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    const [user, nice, system, , , irq, softirq] = fields.map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) / 100; // USER_HZ
  } catch {
    return 0;
  }
}

/** The participants' MTAs, in a process of their own: sends N generated mails over SMTP. */
function sendDay(port: number): Promise<{ failures: number }> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./day-sender.ts', import.meta.url).pathname,
        String(port),
        String(N),
        String(CONNECTIONS),
      ],
      { maxBuffer: 1 << 20, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'))),
    ),
  );
}

/** Every inbound id the store holds, by where it is: mail set aside, tickets (their first mail), follow-ups. */
async function storedInboundIds(stack: LocalStack) {
  const scan = async (type: string, attr: string) => {
    const seen: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await stack.clients.dynamo.send(
        new ScanCommand({
          TableName: stack.provisioned.names.table,
          FilterExpression: '#t = :t',
          ExpressionAttributeNames: { '#t': 'type', '#a': attr },
          ExpressionAttributeValues: { ':t': type },
          ProjectionExpression: '#a',
          ExclusiveStartKey: start,
        }),
      );
      for (const i of r.Items ?? []) seen.push(String(i[attr]));
      start = r.LastEvaluatedKey;
    } while (start);
    return seen;
  };
  return {
    setAside: await scan('inbound', 'inboundId'),
    tickets: await scan('ticket', 'openedBy'),
    followUps: await scan('message', 'inboundId'),
  };
}

/** Calls per mail by service and operation, most first, for the given callers. */
function callsPerMail(calls: CallCounter, title: string, roles: string[]): string[] {
  const rows = [...calls.of(...roles).entries()].sort((a, b) => b[1] - a[1]);
  return [
    `${title}: ${(calls.total(...roles) / N).toFixed(2)} per mail`,
    ...rows.map(([op, n]) => `    ${op.padEnd(38)} ${(n / N).toFixed(3)}`),
  ];
}

const accepted = new Map<string, number>();
const filed = new Map<string, number>();
let errors = 0;
let inboundBatches = 0;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

const stack = await startLocalStack({
  ports: { smtp: 0, api: 0, ses: 0, dynamodb: 0, sqs: 0 },
  pipeline: {
    concurrency: { inbound: 4, outbound: 2 },
    onError: () => errors++,
    onInboundBatch: (event, failed, doneAt) => {
      inboundBatches++;
      for (const r of event.Records) {
        if (failed.has(r.messageId)) continue;
        try {
          const id = JSON.parse(JSON.parse(r.body).Message).mail.messageId as string;
          if (!filed.has(id)) filed.set(id, doneAt);
        } catch {
          // not a notification: not ours to time
        }
      }
    },
  },
  onDelivered: (id, at) => accepted.set(id, at),
  emulatorsInChild: true,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
try {
  // Counted from the generator's own rule, without building the mails here.
  const sample = await Promise.all(Array.from({ length: Math.min(N, 200) }, (_, i) => generateMail(i)));
  const automatedShare = sample.filter((m) => m.automated).length / sample.length;
  process.stdout.write(
    `bench:day: ${N} mails (~${Math.round(automatedShare * 100)}% automated, ~5% resends) over ${CONNECTIONS} SMTP connections from a sender process\n`,
  );
  const started = performance.now();
  const machineBefore = machineCpuSeconds();
  const pipelineBefore = process.cpuUsage();
  const { failures: sendFailures } = await sendDay(stack.ports.smtp);
  const sentAt = performance.now();
  process.stdout.write(
    `SMTP accepted ${accepted.size}/${N} in ${((sentAt - started) / 1000).toFixed(1)} s; waiting for triage...\n`,
  );
  const deadline = Date.now() + 20 * 60_000;
  while (filed.size < accepted.size && Date.now() < deadline) await sleep(200);
  const triagedAt = performance.now();
  while ((await queueDepth(stack.clients.sqs, stack.provisioned.outbound.url)) > 0 && Date.now() < deadline)
    await sleep(200);
  const doneAt = performance.now();
  const machineCpu = machineCpuSeconds() - machineBefore;
  const pipelineUsage = process.cpuUsage(pipelineBefore);
  const pipelineCpu = (pipelineUsage.user + pipelineUsage.system) / 1e6;

  // Check against the store: every mail once, set aside or on exactly one ticket.
  const stored = await storedInboundIds(stack);
  const all = [...stored.setAside, ...stored.tickets, ...stored.followUps];
  const unique = new Set(all).size;
  const lost = N - unique;
  const duplicated = all.length - unique;

  const lat = [...filed.entries()].map(([id, at]) => at - (accepted.get(id) ?? at)).sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
  const wall = (triagedAt - started) / 1000;
  const ours = stack.calls.total('triage', 'mailer') / N;
  const report = [
    `mails ${N}: accepted ${accepted.size}, triaged ${filed.size}, SMTP failures ${sendFailures}, pipeline errors ${errors}`,
    `wall time (first SMTP send → last mail triaged) ${wall.toFixed(1)} s = ${(N / wall).toFixed(0)} msgs/s; replies drained at ${((doneAt - started) / 1000).toFixed(1)} s`,
    `SMTP accepted → ticket filed: p50 ${(q(0.5) / 1000).toFixed(2)} s  p99 ${(q(0.99) / 1000).toFixed(2)} s (inbound batches ${inboundBatches}, ${(N / Math.max(1, inboundBatches)).toFixed(1)} mails each)`,
    `store: ${stored.setAside.length} mails set aside, ${stored.tickets.length} tickets, ${stored.followUps.length} follow-up messages; lost ${lost}, duplicated ${duplicated}`,
    `peak RSS ${(peakRss / 1048576).toFixed(0)} MB (pipeline process; the emulators run in child processes)`,
    `CPU per mail: pipeline process ${((pipelineCpu / N) * 1000).toFixed(1)} ms, whole machine ${((machineCpu / N) * 1000).toFixed(1)} ms ` +
      `(${CORES} cores: at most ~${((CORES * N) / machineCpu).toFixed(0)} mails/s at this cost; ${((machineCpu / ((doneAt - started) / 1000) / CORES) * 100).toFixed(0)}% busy)`,
    'AWS calls per inbound mail (SDK calls, SDK retries not counted):',
    ...callsPerMail(stack.calls, '  (a) our functions, triage + mailer', ['triage', 'mailer']),
    ...callsPerMail(stack.calls, '  (b) AWS on our behalf: SES receiving (S3, SNS→SQS) and the event source mappings', [
      'receiving',
      'pollers',
    ]),
    "      (played locally by the SMTP receiver and the SQS pollers; SES also publishes to SNS, not counted here; the pollers' empty long polls depend on time, not mail)",
    `goal: ${N} mails in ≤ ${(300 * (N / 23_000)).toFixed(1)} s (23,000 in 300 s) → ${wall <= 300 * (N / 23_000) ? 'met' : 'not met'}; ≤ 8 calls per mail by our functions → ${ours <= 8 ? 'met' : 'not met'} (${ours.toFixed(2)})`,
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  if (lost || duplicated) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await stack.stop();
}
