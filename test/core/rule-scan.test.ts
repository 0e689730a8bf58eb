import fc from 'fast-check';
import { RULES, URGENCY } from '#core/classify-rules.ts';
import { analysePattern, RuleScanner } from '#core/rule-scan.ts';
import { CATEGORIES } from '#core/types.ts';

const naive = (patterns: RegExp[], text: string) =>
  patterns.map((p) => (new RegExp(p.source, p.flags).test(text) ? 1 : 0));
const scanned = (scanner: RuleScanner, text: string) => [...scanner.scan(text)];

describe('analysePattern', () => {
  it('reads the openings of word-start alternations', () => {
    expect(analysePattern(/\binsentif\w*|\bincentives?\b/)).toEqual({ wordStart: true, cues: ['inc', 'ins'] });
    expect(analysePattern(/\b(?:no(?:mor)?\.?\s*hp)\b/).cues).toEqual(['no', 'no.', 'noh', 'nom']);
    expect(analysePattern(/\b(?:e-?wallet|ovo)\b/).cues).toEqual(['e-', 'ewa', 'ovo']);
    expect(analysePattern(/\b[a-c]x/).cues).toEqual(['ax', 'bx', 'cx']);
  });

  it('refuses what it cannot prove starts at a word start', () => {
    expect(analysePattern(/prakerja[-.]?vip/)).toEqual({ wordStart: false, cues: null }); // no \b
    expect(analysePattern(/\bfoo|bar/).wordStart).toBe(false); // one branch may start mid-word
    expect(analysePattern(/\b\w+ insentif/).wordStart).toBe(false); // opens with any word character
    expect(analysePattern(/\b%off/).wordStart).toBe(false); // \b before a non-word character
    expect(analysePattern(/(?<=a)\bfoo/).wordStart).toBe(false); // lookbehind
    expect(analysePattern(/\b(foo)\1/).wordStart).toBe(false); // back-reference
    expect(analysePattern(/\bfoo/i).wordStart).toBe(false); // flags change what a literal means
  });

  it('joins every classifier rule but the look-alike domain one', () => {
    const all = CATEGORIES.flatMap((c) => RULES[c].map((r) => r.pattern));
    const alone = all.filter((p) => !analysePattern(p).wordStart);
    expect(alone.map((p) => p.source)).toEqual([expect.stringContaining('prakerja[-.]?')]);
    expect(analysePattern(URGENCY).wordStart).toBe(true);
  });
});

describe('RuleScanner', () => {
  const patterns = [...CATEGORIES.flatMap((c) => RULES[c].map((r) => r.pattern)), URGENCY];
  const scanner = new RuleScanner(patterns);

  it('finds exactly the rules that match, including several at the same word', () => {
    const text = 'insentif belum masuk, sertifikat belum muncul. ada yg ngaku petugas minta otp. prakerjavip.com';
    expect(scanned(scanner, text)).toEqual(naive(patterns, text));
    expect(scanned(scanner, text).filter(Boolean).length).toBeGreaterThan(5);
  });

  it('finds nothing in text without any rule term', () => {
    expect(scanned(scanner, 'selamat pagi, terima kasih').every((x) => x === 0)).toBe(true);
  });

  it('handles patterns with capture groups of their own and patterns that must run alone', () => {
    const own = [/\b(a)(b)c/, /\bab(x|c)/, /zz\b/, /\bc/];
    const s = new RuleScanner(own);
    for (const text of ['abc', 'xx abc zz', 'abx c', 'zz', 'c abc']) expect(scanned(s, text)).toEqual(naive(own, text));
  });

  // The scanner must agree with running every rule on its own, whatever the text: built from the
  // rules' own vocabulary so that matches (and several rules on one word) are common.
  const vocabulary = fc.constantFrom(
    'insentif',
    'belum',
    'blm',
    'masuk',
    'muncul',
    'sertifikat',
    'selesai',
    'ngaku',
    'petugas',
    'minta',
    'otp',
    'kode',
    'voucher',
    'saldo',
    'pelatihan',
    'hangus',
    'akun',
    'login',
    'ganti',
    'nomor',
    'no',
    'hp',
    'email',
    'lama',
    'daftar',
    'nik',
    'terdaftar',
    'lowongan',
    'kerja',
    'segera',
    'prakerja',
    'vip',
    'e-wallet',
    'ewallet',
    'gopay',
    '100%',
    'lolos',
    'tidak',
    'bisa',
    'ga',
  );
  const separator = fc.constantFrom(' ', '  ', '\n', '. ', ', ', '-', '', '"', '/');
  const text = fc
    .array(fc.tuple(vocabulary, separator), { maxLength: 30 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('agrees with running each rule alone (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(scanned(scanner, t)).toEqual(naive(patterns, t));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with running each rule alone on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        expect(scanned(scanner, t)).toEqual(naive(patterns, t));
      }),
      { numRuns: 300 },
    );
  });
});
