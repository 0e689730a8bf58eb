#!/usr/bin/env -S npx tsx
/**
 * gen:surge DIR [--n 60] [--everyday 0] [--platform Belajarin] [--seed 1]: writes DIR/surge/ with
 * N complaints from N different senders about one training platform that cannot be reached, each
 * worded its own way, and (with --everyday M) DIR/everyday/ with M ordinary complaints in the
 * reference site's mix, for `npm run send`. Send the everyday ones first: the detector compares
 * with what it has seen (docs/surge.md, "Local demo").
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { COMPLAINT_ADDRESS } from '#local/stack.ts';
import { CATEGORY_MIX } from './phrases.ts';
import { Random } from './random.ts';
import { type Composition, everyday, letter, outageSurge, type Person, PersonFactory } from './stream.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const n = Number(option('n', '60'));
const everydayCount = Number(option('everyday', '0'));
const platform = option('platform', 'Belajarin');
const seed = Number(option('seed', '1'));
if (!dir || !Number.isInteger(n) || n < 1 || !Number.isInteger(everydayCount) || everydayCount < 0) {
  process.stderr.write('usage: npm run gen:surge -- DIR [--n 60] [--everyday 0] [--platform NAME] [--seed 1]\n');
  process.exit(2);
}

const rng = new Random(seed);
const people = new PersonFactory(rng, `demo${seed}p`);
const platformForms = [platform, `situs ${platform}`, `aplikasi ${platform}`, platform.toLowerCase()];

async function write(folder: string, index: number, person: Person, c: Composition, at: Date): Promise<void> {
  const { subject, body } = letter(person, c, rng);
  const raw = await new MailComposer({
    from: { name: person.name, address: person.address },
    to: COMPLAINT_ADDRESS,
    subject,
    text: body,
    date: at,
    messageId: `<${folder}-${seed}-${index}@demo.example>`,
  })
    .compile()
    .build();
  await writeFile(join(dir as string, folder, `${folder}-${String(index).padStart(4, '0')}.eml`), raw);
}

const now = Date.now();
await mkdir(join(dir, 'surge'), { recursive: true });
for (let i = 0; i < n; i++) await write('surge', i + 1, people.next(), outageSurge(rng, platformForms), new Date(now));
if (everydayCount > 0) {
  await mkdir(join(dir, 'everyday'), { recursive: true });
  for (let i = 0; i < everydayCount; i++) {
    await write('everyday', i + 1, people.next(), everyday(rng.weighted(CATEGORY_MIX), rng), new Date(now));
  }
}
process.stdout.write(
  `wrote ${n} complaints about ${platform} from ${n} senders to ${join(dir, 'surge')}` +
    (everydayCount ? ` and ${everydayCount} everyday complaints to ${join(dir, 'everyday')}` : '') +
    '\n',
);
