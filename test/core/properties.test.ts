import fc from 'fast-check';
import { extractFields } from '#core/extract.ts';
import { mask } from '#core/mask.ts';
import { parseMail } from '#core/parse.ts';
import { triageMail } from '#core/triage.ts';
import { parsedMail } from '../support/parsed.ts';

// Text that looks like complaints: digits, separators, label words, quotes, NBSP, emoji.
const complaintish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'NIK',
        'No. KP',
        'kartu',
        'HP',
        '+62',
        '08',
        ':',
        '-',
        ' ',
        '\n',
        '> ',
        '\u00a0',
        '🙏',
        'menulis:',
        'Pada',
        'insentif',
        '@',
        '.com',
      ),
      fc.stringMatching(/^\d{1,16}$/),
      fc.string(),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('properties', () => {
  it('parseMail never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const r = await parseMail(bytes);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('parseMail never throws on header-like text with random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        complaintish,
        fc.constantFrom('text/plain', 'text/html', 'multipart/mixed; boundary=x'),
        async (body, ct) => {
          const r = await parseMail(`From: a@b.c\nSubject: x\nContent-Type: ${ct}\n\n${body}`);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('extraction never throws and never returns the same 16 digits as both card and NIK', () => {
    fc.assert(
      fc.property(complaintish, (text) => {
        const { fields } = extractFields(parsedMail(text));
        if (fields.cardNumber) expect(fields.cardNumber).toMatch(/^\d{16}$/);
        if (fields.nik) expect(fields.nik).not.toBe(fields.cardNumber);
        if (fields.phone) expect(fields.phone).toMatch(/^\+62\d{8,13}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('a labelled NIK is never reported as the card number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{16}$/),
        fc.constantFrom('NIK: ', 'No. KTP ', 'nik ', 'NIK\t: '),
        complaintish,
        (nik, label, noise) => {
          const { fields } = extractFields(parsedMail(`${noise}\n${label}${nik}\n${noise}`));
          expect(fields.cardNumber).not.toBe(nik);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('triage never throws on arbitrary text', () => {
    fc.assert(
      fc.property(complaintish, complaintish, (subject, text) => {
        const t = triageMail(parsedMail(text, { subject }));
        expect(['none', 'ask_missing', 'acknowledge']).toContain(t.reply);
      }),
      { numRuns: 300 },
    );
  });

  it('masked card, phone and NIK never show their middle digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), fc.stringMatching(/^\+628\d{9}$/), (digits, phone) => {
        expect(mask.card(digits)).toBe(`${digits.slice(0, 4)}********${digits.slice(12)}`);
        expect(mask.nik(digits)).toBe(`${digits.slice(0, 4)}************`);
        expect(mask.phone(phone)).toBe(`${phone.slice(0, 6)}${'*'.repeat(phone.length - 10)}${phone.slice(-4)}`);
      }),
    );
  });
});
