#!/usr/bin/env -S npx tsx
/**
 * bench:day [--n 23000] [--connections 8]: one day of mail at the reference site through the real
 * local pipeline — SMTP in, triage, tickets on DynamoDB, replies out — and prints wall time,
 * messages/s, p50/p99 from SMTP accept to ticket filed, lost and duplicated (checked against the
 * store) and peak RSS. Goal: the day in ≤ 5 min on 2 cores.
 */
import '#local/outside-lambda.ts';
import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { queueDepth } from '#local/sqs-poller.ts';
import { startLocalStack } from '#local/stack.ts';
import { generateMail } from './mail-generator.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 23_000);
const CONNECTIONS = arg('connections', 8);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

const CORES = (await import('node:os')).availableParallelism();

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

const accepted = new Map<string, number>();
const filed = new Map<string, number>();
let errors = 0;
let inboundBatches = 0;
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
  const { execFile } = await import('node:child_process');
  const senderOut = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./day-sender.ts', import.meta.url).pathname,
        String(stack.ports.smtp),
        String(N),
        String(CONNECTIONS),
      ],
      { maxBuffer: 1 << 20, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  );
  const { failures: sendFailures } = JSON.parse(senderOut.trim().split('\n').at(-1) ?? '{}') as { failures: number };
  const sentAt = performance.now();
  process.stdout.write(
    `SMTP accepted ${accepted.size}/${N} in ${((sentAt - started) / 1000).toFixed(1)} s; waiting for triage...\n`,
  );
  const deadline = Date.now() + 20 * 60_000;
  while (filed.size < accepted.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const triagedAt = performance.now();
  const depth = (url: string) => queueDepth(stack.clients.sqs, url);
  while ((await depth(stack.provisioned.outbound.url)) > 0 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  const doneAt = performance.now();
  const machineCpu = machineCpuSeconds() - machineBefore;
  const pipelineUsage = process.cpuUsage(pipelineBefore);
  const pipelineCpu = (pipelineUsage.user + pipelineUsage.system) / 1e6;

  // Check against the store: every mail recorded once, every human mail on exactly one ticket.
  const count = async (type: string, attr: string) => {
    const seen: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await stack.clients.doc.send(
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
  const inbound = await count('inbound', 'inboundId');
  const messages = await count('message', 'inboundId');
  const tickets = await count('ticket', 'ref');
  const lost = N - new Set(inbound).size;
  const duplicated = inbound.length - new Set(inbound).size + (messages.length - new Set(messages).size);

  const lat = [...filed.entries()].map(([id, at]) => at - (accepted.get(id) ?? at)).sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? 0;
  const wall = (triagedAt - started) / 1000;
  const report = [
    `mails ${N}: accepted ${accepted.size}, triaged ${filed.size}, SMTP failures ${sendFailures}, pipeline errors ${errors}`,
    `wall time (first SMTP send → last mail triaged) ${wall.toFixed(1)} s = ${(N / wall).toFixed(0)} msgs/s; replies drained at ${((doneAt - started) / 1000).toFixed(1)} s`,
    `SMTP accepted → ticket filed: p50 ${(q(0.5) / 1000).toFixed(2)} s  p99 ${(q(0.99) / 1000).toFixed(2)} s (inbound batches ${inboundBatches}, ${(N / Math.max(1, inboundBatches)).toFixed(1)} mails each)`,
    `store: ${inbound.length} inbound records, ${messages.length} messages on ${tickets.length} tickets; lost ${lost}, duplicated ${duplicated}`,
    `peak RSS ${(peakRss / 1048576).toFixed(0)} MB (pipeline process; the emulators run in child processes)`,
    `CPU per mail: pipeline process ${((pipelineCpu / N) * 1000).toFixed(1)} ms, whole machine ${((machineCpu / N) * 1000).toFixed(1)} ms ` +
      `(${CORES} cores: at most ~${((CORES * N) / machineCpu).toFixed(0)} mails/s at this cost; ${((machineCpu / ((doneAt - started) / 1000) / CORES) * 100).toFixed(0)}% busy)`,
    `goal: ${N} mails in ≤ 300 s → ${wall <= 300 * (N / 23_000) ? 'met' : 'not met'} at this volume`,
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  if (lost || duplicated) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await stack.stop();
}
