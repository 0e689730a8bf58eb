#!/usr/bin/env -S npx tsx
/**
 * gen-eval DIR [--n N] [--seed S]: writes a generated, labelled evaluation set to DIR: N mails
 * (default 1,000) as gNNNN.eml, labels.json in the corpus's format (plus `reply` and `confirm`),
 * and traits.json (what makes each mail hard, for reading the misses of `npm run eval -- DIR`).
 * The same seed (default 1) gives the same set.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSet } from './eval-set/generate.ts';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number, got ${args[i + 1]}`);
  return value;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && !['--n', '--seed'].includes(args[i - 1] ?? ''));
  if (!dir) {
    process.stderr.write('usage: npm run gen:eval -- DIR [--n 1000] [--seed 1]\n');
    return 2;
  }
  const n = option(args, '--n', 1000);
  const seed = option(args, '--seed', 1);
  await mkdir(dir, { recursive: true });
  // A smaller set written over a larger one must not leave stale mails behind.
  for (const name of await readdir(dir)) if (/^g\d+\.eml$/.test(name)) await rm(path.join(dir, name));
  const mails = await generateSet({ n, seed });
  for (const m of mails) await writeFile(path.join(dir, `${m.id}.eml`), m.eml);
  await writeFile(
    path.join(dir, 'labels.json'),
    `${JSON.stringify(
      mails.map((m) => m.label),
      null,
      1,
    )}\n`,
  );
  await writeFile(
    path.join(dir, 'traits.json'),
    `${JSON.stringify(Object.fromEntries(mails.map((m) => [m.id, m.traits])), null, 1)}\n`,
  );
  const auto = mails.filter((m) => m.label.auto).length;
  const dups = mails.filter((m) => m.label.dup).length;
  process.stdout.write(
    `gen-eval: ${mails.length} mails (${auto} automated, ${dups} duplicates) with seed ${seed} in ${dir}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`gen-eval: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
