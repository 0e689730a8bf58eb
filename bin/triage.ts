#!/usr/bin/env -S npx tsx
/**
 * triage [--jsonl] FILE_OR_DIR...
 * Triages .eml files as one ordered stream (dedupe across them). With --jsonl: one JSON object per
 * input file per line on stdout, nothing else. Otherwise a readable table (personal data masked).
 * Exit 1 when any file could not be read or parsed (the others are still processed).
 */
import { mask } from '#core/mask.ts';
import { expandInputs, type FileResult, triageFiles } from '#local/triage-files.ts';

function usage(): never {
  process.stderr.write('usage: npm run --silent triage -- [--jsonl] FILE_OR_DIR...\n');
  process.exit(2);
}

function row(r: FileResult): string[] {
  if (r.error) return [r.file, 'ERROR', r.error, '', '', '', '', ''];
  const f = r.fields;
  return [
    r.file.split('/').pop() ?? r.file,
    r.automated ? `auto:${r.automatedReason}` : (r.category ?? ''),
    r.priority ?? '',
    f?.cardNumber ? mask.card(f.cardNumber) : '-',
    f?.phone ? mask.phone(f.phone) : '-',
    (r.missing ?? []).join(',') || '-',
    r.reply ?? '',
    r.duplicateOf ? `dup of ${r.duplicateOf.split('/').pop()}` : '',
  ];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const jsonl = args.includes('--jsonl');
  const inputs = args.filter((a) => a !== '--jsonl');
  if (inputs.length === 0 || inputs.some((a) => a.startsWith('--'))) usage();
  const files = await expandInputs(inputs);
  let failed = 0;
  const rows: string[][] = [['file', 'category', 'priority', 'card', 'phone', 'missing', 'reply', 'duplicate']];
  for await (const r of triageFiles(files)) {
    if (r.error) {
      failed++;
      process.stderr.write(`triage: ${r.file}: ${r.error}\n`);
    }
    if (jsonl) process.stdout.write(`${JSON.stringify(r)}\n`);
    else rows.push(row(r));
  }
  if (!jsonl) {
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
    for (const r of rows)
      process.stdout.write(
        `${r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
      );
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`triage: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
