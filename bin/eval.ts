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

type Check = [name: string, value: string, pass: boolean];

/** The labelled run: each label with what triage made of its file. */
interface Scored {
  labels: Label[];
  human: Label[];
  got: (l: Label) => FileResult;
  misses: string[];
}

function categoryChecks({ human, got, misses }: Scored): Check[] {
  let ok = 0;
  for (const l of human) {
    const want = Array.isArray(l.cat) ? l.cat : [l.cat];
    const category = got(l).category ?? null;
    if (want.includes(category as string)) ok++;
    else misses.push(`${l.id} category: got ${category}, want ${want.join('|')}`);
  }
  const accuracy = ok / human.length;
  return [['category accuracy', accuracy.toFixed(3), accuracy >= THRESHOLDS.category]];
}

function fieldChecks({ labels, human, got, misses }: Scored): Check[] {
  const checks: Check[] = FIELDS.map(([label, field]) => {
    let ok = 0;
    for (const l of human) {
      const value = got(l).fields?.[field] ?? null;
      if (value === l[label]) ok++;
      else misses.push(`${l.id} ${label}: got ${value}, want ${l[label]}`);
    }
    const accuracy = ok / human.length;
    return [`${label} accuracy`, accuracy.toFixed(3), accuracy >= THRESHOLDS.field];
  });
  // Any mail's NIK counts, but not a number another label calls a card: labels report a number
  // whose label does not settle it as the NIK (see docs/triage.md), though it may be a card.
  const cards = new Set(labels.map((l) => l.card));
  const allNiks = new Set(labels.map((l) => l.nik).filter((n) => n !== null && !cards.has(n)));
  const nikAsCard = human.filter((l) => {
    const card = got(l).fields?.cardNumber;
    return card != null && allNiks.has(card);
  });
  for (const l of nikAsCard) misses.push(`${l.id} NIK reported as card number`);
  return [...checks, ['NIK as card', String(nikAsCard.length), nikAsCard.length === 0]];
}

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

/**
 * The labels know the reply decisions of the spec (none, ask_missing, acknowledge). The status
 * reply a follow-up that only asks "sudah sampai mana?" gets acknowledges it and asks for what
 * the ticket still lacks, so it counts as the decision it stands for.
 */
function decisionOf(r: FileResult): string | null {
  if (r.reply !== 'status') return r.reply ?? null;
  return r.missing && r.missing.length > 0 ? 'ask_missing' : 'acknowledge';
}

function replyChecks({ labels, got, misses }: Scored): Check[] {
  let ok = 0;
  for (const l of labels) {
    const want = expectedReply(l, labels);
    const reply = decisionOf(got(l));
    if (reply === want) ok++;
    else misses.push(`${l.id} reply: got ${reply}, want ${want}`);
  }
  const accuracy = ok / labels.length;
  return [['reply decision', accuracy.toFixed(3), accuracy >= THRESHOLDS.reply]];
}

function automatedChecks({ labels, got, misses }: Scored): Check[] {
  const automated = labels.filter((l) => l.auto);
  const missed = automated.filter((l) => !got(l).automated);
  const falsePositives = labels.filter((l) => !l.auto && got(l).automated);
  for (const l of missed) misses.push(`${l.id} automated mail not recognised`);
  for (const l of falsePositives) misses.push(`${l.id} human mail taken for automated (${got(l).automatedReason})`);
  return [
    ['automated recall', `${automated.length - missed.length}/${automated.length}`, missed.length === 0],
    ['automated false positives', String(falsePositives.length), falsePositives.length === 0],
  ];
}

function duplicateChecks({ labels, got, misses }: Scored): Check[] {
  const dupOf = (l: Label) => {
    const d = got(l).duplicateOf;
    return d ? path.basename(d, '.eml') : null;
  };
  const duplicates = labels.filter((l) => l.dup);
  const missed = duplicates.filter((l) => dupOf(l) !== l.dup);
  const falseLinks = labels.filter((l) => !l.dup && dupOf(l) !== null);
  for (const l of missed) misses.push(`${l.id} duplicate: got ${dupOf(l)}, want ${l.dup}`);
  for (const l of falseLinks) misses.push(`${l.id} falsely linked to ${dupOf(l)}`);
  return [
    ['duplicates found', `${duplicates.length - missed.length}/${duplicates.length}`, missed.length === 0],
    ['false duplicate links', String(falseLinks.length), falseLinks.length === 0],
  ];
}

function errorChecks({ labels, got, misses }: Scored): Check[] {
  const unreadable = labels.filter((l) => got(l).error);
  for (const l of unreadable) misses.push(`${l.id} error: ${got(l).error}`);
  return [['unreadable', String(unreadable.length), unreadable.length === 0]];
}

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npm run eval -- DIR   (DIR holds *.eml and labels.json)\n');
    return 2;
  }
  const labels = z.array(Label).parse(JSON.parse(await readFile(path.join(dir, 'labels.json'), 'utf8')));
  const results = new Map<string, FileResult>();
  const started = performance.now();
  for await (const r of triageFiles(labels.map((l) => path.join(dir, `${l.id}.eml`))))
    results.set(path.basename(r.file, '.eml'), r);
  const ms = performance.now() - started;

  const human = labels.filter((l) => !l.auto);
  const scored: Scored = { labels, human, got: (l) => results.get(l.id) as FileResult, misses: [] };
  const checks = [categoryChecks, fieldChecks, replyChecks, automatedChecks, duplicateChecks, errorChecks].flatMap(
    (c) => c(scored),
  );
  process.stdout.write(`eval ${dir}: ${labels.length} messages (${human.length} human) in ${ms.toFixed(0)} ms\n`);
  for (const [name, value, pass] of checks)
    process.stdout.write(`  ${pass ? 'ok  ' : 'FAIL'} ${name.padEnd(26)} ${value}\n`);
  if (scored.misses.length) process.stdout.write(`misses:\n${scored.misses.map((m) => `  ${m}`).join('\n')}\n`);
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
