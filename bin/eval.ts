#!/usr/bin/env -S npx tsx
/**
 * eval DIR: triages a labelled folder (DIR/labels.json, format in docs/triage.md) and scores it.
 * Prints per-metric scores and every miss; exits 1 when any threshold is not met.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type FileResult, triageFiles } from '#local/triage-files.ts';

const nullableString = z.string().nullable();
const Label = z.object({
  id: z.string(),
  cat: z.union([z.string(), z.array(z.string()), z.null()]),
  card: nullableString,
  phone: nullableString,
  email: nullableString,
  name: nullableString,
  nik: nullableString,
  auto: z.boolean(),
  dup: nullableString,
  /** Expected reply decision; when absent it follows from the other labels (see expectedReply). */
  reply: z.enum(['none', 'ask_missing', 'acknowledge']).optional(),
});
type Label = z.infer<typeof Label>;

export const THRESHOLDS = { category: 0.95, field: 0.97, reply: 0.97 } as const;
const FIELDS = [
  ['card', 'cardNumber'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['name', 'name'],
  ['nik', 'nik'],
] as const;

/**
 * The reply a mail should get: none for automated mail, ask_missing while its ticket (the mail and
 * the earlier mails it was merged with) lacks the card or the phone, acknowledge otherwise.
 */
function expectedReply(l: Label, labels: readonly Label[]): NonNullable<Label['reply']> {
  if (l.reply) return l.reply;
  if (l.auto) return 'none';
  const upTo = labels.slice(0, labels.indexOf(l) + 1);
  const ticket = upTo.filter((m) => m === l || (l.dup !== null && (m.id === l.dup || m.dup === l.dup)));
  const has = (field: 'card' | 'phone' | 'email') => ticket.some((m) => m[field] !== null);
  return has('card') && has('phone') && has('email') ? 'acknowledge' : 'ask_missing';
}

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npm run eval -- DIR   (DIR holds *.eml and labels.json)\n');
    return 2;
  }
  const labels = z.array(Label).parse(JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')));
  const results = new Map<string, FileResult>();
  const files = labels.map((l) => path.join(dir, `${l.id}.eml`));
  const started = performance.now();
  for await (const r of triageFiles(files)) results.set(path.basename(r.file, '.eml'), r);
  const ms = performance.now() - started;

  const misses: string[] = [];
  const human = labels.filter((l) => !l.auto);
  const get = (l: Label) => results.get(l.id) as FileResult;

  let catOk = 0;
  for (const l of human) {
    const want = Array.isArray(l.cat) ? l.cat : [l.cat];
    const got = get(l).category ?? null;
    if (want.includes(got as string)) catOk++;
    else misses.push(`${l.id} category: got ${got}, want ${want.join('|')}`);
  }
  const fieldScores: Record<string, number> = {};
  for (const [label, field] of FIELDS) {
    let ok = 0;
    for (const l of human) {
      const got = get(l).fields?.[field] ?? null;
      if (got === l[label]) ok++;
      else misses.push(`${l.id} ${label}: got ${got}, want ${l[label]}`);
    }
    fieldScores[label] = ok / human.length;
  }
  // Any mail's NIK counts, but not a number another label calls a card: labels report a number
  // whose label does not settle it as the NIK (see docs/triage.md), though it may be a card.
  const cards = new Set(labels.map((l) => l.card));
  const allNiks = new Set(labels.map((l) => l.nik).filter((n) => n !== null && !cards.has(n)));
  const nikAsCard = human.filter((l) => {
    const card = get(l).fields?.cardNumber;
    return card != null && allNiks.has(card);
  });
  for (const l of nikAsCard) misses.push(`${l.id} NIK reported as card number`);

  const autoMissed = labels.filter((l) => l.auto && !get(l).automated);
  const autoFalse = labels.filter((l) => !l.auto && get(l).automated);
  for (const l of autoMissed) misses.push(`${l.id} automated mail not recognised`);
  for (const l of autoFalse) misses.push(`${l.id} human mail taken for automated (${get(l).automatedReason})`);

  const dupOf = (l: Label) => {
    const d = get(l).duplicateOf;
    return d ? path.basename(d, '.eml') : null;
  };
  const dupMissed = labels.filter((l) => l.dup && dupOf(l) !== l.dup);
  const falseLinks = labels.filter((l) => !l.dup && dupOf(l) !== null);
  for (const l of dupMissed) misses.push(`${l.id} duplicate: got ${dupOf(l)}, want ${l.dup}`);
  for (const l of falseLinks) misses.push(`${l.id} falsely linked to ${dupOf(l)}`);
  const errors = labels.filter((l) => get(l).error);
  for (const l of errors) misses.push(`${l.id} error: ${get(l).error}`);

  let replyOk = 0;
  for (const l of labels) {
    const want = expectedReply(l, labels);
    const got = get(l).reply ?? null;
    if (got === want) replyOk++;
    else misses.push(`${l.id} reply: got ${got}, want ${want}`);
  }
  const replyAcc = replyOk / labels.length;

  const catAcc = catOk / human.length;
  const checks: [string, string, boolean][] = [
    ['category accuracy', catAcc.toFixed(3), catAcc >= THRESHOLDS.category],
    ...Object.entries(fieldScores).map(([k, v]): [string, string, boolean] => [
      `${k} accuracy`,
      v.toFixed(3),
      v >= THRESHOLDS.field,
    ]),
    ['reply decision', replyAcc.toFixed(3), replyAcc >= THRESHOLDS.reply],
    ['NIK as card', String(nikAsCard.length), nikAsCard.length === 0],
    [
      'automated recall',
      `${labels.filter((l) => l.auto).length - autoMissed.length}/${labels.filter((l) => l.auto).length}`,
      autoMissed.length === 0,
    ],
    ['automated false positives', String(autoFalse.length), autoFalse.length === 0],
    [
      'duplicates found',
      `${labels.filter((l) => l.dup).length - dupMissed.length}/${labels.filter((l) => l.dup).length}`,
      dupMissed.length === 0,
    ],
    ['false duplicate links', String(falseLinks.length), falseLinks.length === 0],
    ['unreadable', String(errors.length), errors.length === 0],
  ];
  process.stdout.write(`eval ${dir}: ${labels.length} messages (${human.length} human) in ${ms.toFixed(0)} ms\n`);
  for (const [name, value, pass] of checks)
    process.stdout.write(`  ${pass ? 'ok  ' : 'FAIL'} ${name.padEnd(26)} ${value}\n`);
  if (misses.length) process.stdout.write(`misses:\n${misses.map((m) => `  ${m}`).join('\n')}\n`);
  const failed = checks.filter(([, , pass]) => !pass).length;
  process.stdout.write(`eval: ${checks.length - failed} of ${checks.length} checks met\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`eval: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
