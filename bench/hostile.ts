#!/usr/bin/env -S npx tsx
/**
 * bench:hostile [--small BYTES] [--large BYTES]: the triage use case on mails a stranger shaped to
 * be slow. Every byte of an inbound mail is the sender's, so no shape may cost time that grows
 * faster than its size: a pattern that backtracks over a long run (a regular expression tried
 * from each position of a run it cannot match), a parser step that costs a lot per line, or a
 * table laid out on a grid as large as its cells claim, turns one mail into a triage timeout, and
 * each retry into another.
 *
 * Each shape is triaged at three sizes of body (default 100 KB, 1 MB, and SES's largest mail,
 * 40 MB) by the triage handler over adapters in memory, one mail a batch; then a batch of ten
 * 40 MB mails of the slowest shape, as the handler has its timeout for the whole batch. It prints
 * the time at each size, how much it grew from the first size to the second (about 10 for a cost
 * in step with the size, about 100 for one growing with its square; the read limits of
 * core/parse.ts make it flat beyond them), the batch's time and the process's peak memory. It
 * fails (exit 1) when a shape's largest mail, or the batch, takes longer than the timeout.
 */
import type { SQSRecord } from 'aws-lambda';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeTriageHandler } from '#handlers/triage-handler.ts';
import { buildTriageDeps } from '#lambdas/wiring.ts';
import { QUEUES, SLA_HOURS } from '#lib/settings.ts';
import { lambdaContext } from '#local/lambda-context.ts';
import { inboundObjectKey, receivedNotification } from '#local/ses-receiving.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SMALL = arg('--small', 100_000);
const LARGE = arg('--large', 1_000_000);
const SES_MAX = 40 * 1024 * 1024 - 1024; // SES's limit, less the headers
const TIMEOUT_MS = QUEUES.inbound.functionTimeoutSeconds * 1000;

/** Repeats `unit` to about `bytes`. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

/** Body shapes, each a long run of what one of the core's patterns reads (or a parser splits on). */
const SHAPES: Record<string, { type?: 'html'; subject?: (bytes: number) => string; body: (bytes: number) => string }> =
  {
    'one long word': { body: (n) => fill('q', n) },
    'dotted run': { body: (n) => fill('w.', n) },
    'digit run': { body: (n) => fill('7', n) },
    'digits and dashes': { body: (n) => fill('7-', n) },
    'digits and spaces': { body: (n) => fill('7 ', n) },
    'plus and digits': { body: (n) => fill('+6', n) },
    'at signs': { body: (n) => fill('w@', n) },
    'address-like run': { body: (n) => fill('@w.', n) },
    'link with a long path': { body: (n) => `https://contoh.example/${fill('p', n)}` },
    'inner run of spaces': { body: (n) => `${fill(' ', n)}z` },
    'empty lines': { body: (n) => fill('\r\n', n) },
    'short lines': { body: (n) => fill('ok\r\n', n) },
    'label words': { body: (n) => fill('kartu nomor NIK hp ', n) },
    'quote markers': { body: (n) => fill('> ', n) },
    colons: { body: (n) => fill('w:', n) },
    'capitalised words': { body: (n) => fill('Qw ', n) },
    'banner and spaces': { body: (n) => `forwarded message${fill(' ', n)}x` },
    'capitalised last line': { body: (n) => `\n${fill('Q', n)}!` },
    'inner blank lines': { body: (n) => `${fill('\n', n)}x` },
    'stage word and spaces': { body: (n) => `tahap ke${fill(' ', n)}x` },
    'attribution, long name': { body: (n) => `On ${fill('a', n)} wrote:\n> kutipan` },
    'nested HTML': { type: 'html', body: (n) => fill('<div>', n / 2) + fill('</div>', n / 2) },
    // Headers are limited by the parser (postal-mime: 2 MB in all), so a subject is at most that long.
    'long subject word': { subject: (n) => fill('q', Math.min(n, 1_900_000)), body: () => 'tolong' },
    'long subject digits': { subject: (n) => fill('7-', Math.min(n, 1_900_000)), body: () => 'tolong' },
    'HTML table cells': { type: 'html', body: (n) => `<table><tr>${fill('<td>7</td>', n)}</tr></table>` },
    'HTML cell spans': {
      type: 'html',
      body: (n) => `<table><tr><td colspan="99999" rowspan="99999">7</td></tr></table>${fill('<p>7</p>', n)}`,
    },
  };

function mail(shape: (typeof SHAPES)[string], bytes: number, from = 'peserta@surel.example'): Buffer {
  const type = shape.type === 'html' ? 'text/html' : 'text/plain';
  return Buffer.from(
    [
      `From: Peserta <${from}>`,
      `To: ${COMPLAINT_ADDRESS}`,
      `Subject: ${shape.subject?.(bytes) ?? 'dana pelatihan belum diterima'}`,
      'Message-ID: <hostile@surel.example>',
      'MIME-Version: 1.0',
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: 8bit',
      '',
      'dana pelatihan belum diterima',
      shape.body(bytes),
      '',
    ].join('\r\n'),
  );
}

let seq = 0;
/** The triage handler over adapters in memory on one SQS batch of these mails: its time. */
async function triageBatch(raws: Buffer[]): Promise<number> {
  const memory = new MemoryAdapters();
  const handler = makeTriageHandler(buildTriageDeps({ COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS], SLA_HOURS }, memory));
  const records = raws.map((raw) => {
    const id = `hostile-${++seq}`;
    memory.mail.put('bench', inboundObjectKey(id), raw);
    const notification = receivedNotification(
      { messageId: id, source: 'peserta@surel.example', recipients: [COMPLAINT_ADDRESS], at: new Date() },
      { bucket: 'bench', region: 'local' },
    );
    return { messageId: id, body: JSON.stringify(notification), attributes: {} } as unknown as SQSRecord;
  });
  const start = performance.now();
  const r = await handler({ Records: records }, lambdaContext('triage'));
  const ms = performance.now() - start;
  if (r.batchItemFailures.length) throw new Error(`${r.batchItemFailures.length} mail(s) of the batch failed`);
  return ms;
}
const triageOnce = (raw: Buffer) => triageBatch([raw]);

process.stdout.write(
  `bench:hostile: triage of one mail per shape at ${SMALL}, ${LARGE} and ${SES_MAX} bytes of body; ` +
    `growth ≈ ${(LARGE / SMALL).toFixed(0)} from the first to the second when the cost is in step with the size\n`,
);
process.stdout.write(
  `${'shape'.padEnd(24)} ${'small ms'.padStart(9)} ${'large ms'.padStart(9)} growth ${'40 MB ms'.padStart(9)}\n`,
);
await triageOnce(mail(SHAPES['short lines'] as (typeof SHAPES)[string], 1000)); // warm the modules
let over = 0;
let peakRss = 0;
/** Notes a time over the function's timeout, and says so. */
const judged = (ms: number) => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (ms <= TIMEOUT_MS) return '';
  over++;
  return `  over the ${TIMEOUT_MS / 1000} s timeout`;
};
for (const [name, shape] of Object.entries(SHAPES)) {
  if (process.env.ONLY && name !== process.env.ONLY) continue;
  const [small, large, largest] = [
    await triageOnce(mail(shape, SMALL)),
    await triageOnce(mail(shape, LARGE)),
    await triageOnce(mail(shape, SES_MAX)),
  ];
  const verdict = judged(largest);
  process.stdout.write(
    `${name.padEnd(24)} ${small.toFixed(0).padStart(9)} ${large.toFixed(0).padStart(9)} ${(large / Math.max(small, 0.01)).toFixed(1).padStart(6)} ${largest.toFixed(0).padStart(9)}${verdict}\n`,
  );
}
// A batch of SQS's largest size, every mail SES's largest of the slowest shape: the function has
// its timeout for all of them together.
if (!process.env.ONLY || process.env.ONLY === 'batch') {
  const batch = Array.from({ length: QUEUES.inbound.batchSize }, (_, i) =>
    mail(SHAPES['short lines'] as (typeof SHAPES)[string], SES_MAX, `peserta${i}@surel.example`),
  );
  const batchMs = await triageBatch(batch);
  const verdict = judged(batchMs);
  process.stdout.write(
    `a batch of ${QUEUES.inbound.batchSize} such mails of short lines: ${batchMs.toFixed(0)} ms${verdict}\n`,
  );
}
process.stdout.write(`peak rss ${(peakRss / 1048576).toFixed(0)} MB (the raw mails held in memory included)\n`);
process.stdout.write(
  over
    ? `${over} shape(s) outlast the triage function's timeout at SES's largest mail\n`
    : `every shape stays within the triage function's timeout at SES's largest mail\n`,
);
process.exitCode = over ? 1 : 0;
