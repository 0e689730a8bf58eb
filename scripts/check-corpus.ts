#!/usr/bin/env -S npx tsx
/**
 * check-corpus CORPUS_DIR: lists every place in the repository's tracked files that carries text
 * from the labelled corpus (a run of 6 or more of its words, a person's name, an email address,
 * a number of 8 or more digits; see corpus-traces.ts) and exits 1 when anything is found. The
 * corpus is for `npm run eval` only: rules, comments and tests are written in our own words
 * (TEAM.md, "Corpus hygiene"). Not read: package-lock.json, node_modules, the corpus folder.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Finding, masked, readCorpus, scanText } from './corpus-traces.ts';

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: npm run check:corpus -- CORPUS_DIR\n');
    return 2;
  }
  const corpusDir = path.resolve(dir);
  const corpus = await readCorpus(corpusDir);
  const root = path.resolve(import.meta.dirname, '..');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.startsWith('node_modules/') && path.basename(f) !== 'package-lock.json')
    .filter((f) => !path.resolve(root, f).startsWith(corpusDir + path.sep));
  const findings: Finding[] = [];
  for (const file of tracked) {
    let text: string;
    try {
      const bytes = readFileSync(path.join(root, file));
      if (bytes.includes(0)) continue; // binary
      text = bytes.toString('utf8');
    } catch {
      continue; // deleted in the work tree
    }
    findings.push(...scanText(file, text, corpus));
  }
  for (const f of findings) process.stdout.write(`${f.file}:${f.line}: ${f.kind}: ${masked(f.kind, f.what)}\n`);
  const files = new Set(findings.map((f) => f.file)).size;
  process.stdout.write(
    `check:corpus: ${findings.length} corpus ${findings.length === 1 ? 'trace' : 'traces'} in ${files} of ${tracked.length} tracked files (${corpus.fragments.size} fragments, ${corpus.names.size} names, ${corpus.emails.size} addresses, ${corpus.numbers.size} numbers read from ${corpusDir})\n`,
  );
  return findings.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`check:corpus: ${(err as Error).stack ?? err}\n`);
    process.exit(2);
  },
);
