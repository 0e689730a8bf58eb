/**
 * Properties over the evaluation-set generator (scripts/eval-set): whatever wording, layout and
 * mail shape it draws, the core never throws and never reports a labelled NIK as the card.
 */
import fc from 'fast-check';
import { parseMail } from '#core/parse.ts';
import { triageMail } from '#core/triage.ts';
import { generateSet } from '../../scripts/eval-set/generate.ts';
import { couldBeNik } from '../../scripts/eval-set/identity.ts';

async function triaged(seed: number) {
  const mails = await generateSet({ n: 4, seed });
  const out = [];
  for (const mail of mails) {
    const parsed = await parseMail(mail.eml);
    if (!parsed.ok) throw new Error(`${mail.id} of seed ${seed} did not parse: ${parsed.error.reason}`);
    out.push({ mail, triage: triageMail(parsed.mail) });
  }
  return out;
}

describe('generated complaint mail (properties)', () => {
  it('parses, extracts and classifies every generated mail without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        for (const { mail, triage } of await triaged(seed)) {
          expect(triage.automated).toBe(mail.label.auto);
          if (!triage.automated) expect(triage.category).not.toBeNull();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never returns as the card a NIK-structured number the mail labels as NIK/KTP', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        for (const { mail, triage } of await triaged(seed)) {
          const labelledNiks = mail.written.filter(
            (n) => (n.label === 'nik' || n.label === 'both') && couldBeNik(n.digits),
          );
          for (const n of labelledNiks) expect(triage.fields.cardNumber).not.toBe(n.digits);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes the same set for the same seed', async () => {
    const [a, b] = [await generateSet({ n: 30, seed: 7 }), await generateSet({ n: 30, seed: 7 })];
    expect(b.map((m) => m.label)).toEqual(a.map((m) => m.label));
    expect(b.map((m) => m.eml)).toEqual(a.map((m) => m.eml));
  });
});
