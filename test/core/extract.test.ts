import fc from 'fast-check';
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { extractFields, numbersReadBack } from '#core/extract.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { parsedMail } from '../support/parsed.ts';

// Invented numbers: a card that cannot be a NIK (region 71.40 does not exist), two NIKs (a woman
// from Kota Bandung, day + 40; a man from Kota Surabaya), and a card number shaped like a NIK.
const CARD = '7140228851639904';
const CARD_GROUPED = '7140 2288 5163 9904';
const NIK = '3273055408910007';
const NIK_GROUPED = '3273 0554 0891 0007';
const OTHER_NIK = '3578120311880412';
const NIK_SHAPED_CARD = '3578140612850031';

const extract = (text: string, over = {}) => extractFields(parsedMail(text, over));
const fieldsOf = (text: string, over = {}) => extract(text, over).fields;

/** The +62 number libphonenumber reads in a written phone: the whole text if valid, else what its text matcher finds. */
function asLibphonenumberReadsIt(written: string): string | null {
  const whole = parsePhoneNumberFromString(written, 'ID');
  if (whole?.isValid()) return whole.number;
  const found = findPhoneNumbersInText(written, 'ID').find((f) => f.number.countryCallingCode === '62');
  return found?.number.number ?? null;
}

describe('extractFields: the card number', () => {
  it.each([
    ['grouped by four', `Nomor Kartu Prakerja: ${CARD_GROUPED}`],
    ['dashed', 'no kartu 7140-2288-5163-9904'],
    ['run together after "KP"', `No. KP ${CARD}`],
    ['one digit per space', 'kartu sy : 7 1 4 0 2 2 8 8 5 1 6 3 9 9 0 4'],
    ['dotted', 'Kartu: 7140.2288.5163.9904'],
    ['in halves', 'nmr kartu 71402288 51639904'],
    ['under an English label', `Prakerja card no. ${CARD_GROUPED}`],
    ['with doubled spaces from a copy-paste', 'No KP: 7140  2288  5163  9904'],
  ])('reads a card written %s', (_, text) => {
    expect(fieldsOf(text).cardNumber).toBe(CARD);
  });

  it('reads the card from the subject', () => {
    const subject = `Voucher tidak valid - no KP ${CARD_GROUPED}`;
    expect(fieldsOf('nomor kartunya ada di judul ya kak', { subject }).cardNumber).toBe(CARD);
  });

  it('reads a card broken across two lines', () => {
    expect(fieldsOf('No. Kartu Prakerja: 7140 2288\n5163 9904\nterima kasih').cardNumber).toBe(CARD);
  });

  it('splits a card followed directly by the phone on one line', () => {
    const f = fieldsOf(`data saya ${CARD_GROUPED} 0857 2031 6648`);
    expect(f).toMatchObject({ cardNumber: CARD, phone: '+6285720316648' });
  });

  it('splits a card and a phone joined by a slash', () => {
    const f = fieldsOf(`No KP/HP: ${CARD}/085720316648`);
    expect(f).toMatchObject({ cardNumber: CARD, phone: '+6285720316648' });
  });

  it('reads "kartu prakerja dan hp: CARD PHONE"', () => {
    const f = fieldsOf(`kartu prakerja dan hp: ${CARD} +62 857-2031-6648`);
    expect(f).toMatchObject({ cardNumber: CARD, phone: '+6285720316648' });
  });

  it('takes a number shaped like a NIK as the card when its label names the card alone', () => {
    expect(fieldsOf(`No. Kartu Prakerja: ${NIK_SHAPED_CARD}`)).toMatchObject({
      cardNumber: NIK_SHAPED_CARD,
      nik: null,
    });
  });

  it('takes an unlabelled number that cannot be a NIK as the card', () => {
    expect(fieldsOf(`ini nomornya min ${CARD}`).cardNumber).toBe(CARD);
  });

  it('ignores transaction ids, virtual accounts, bank accounts, NPWP, invoices and amounts', () => {
    const text = [
      'Invoice: INV/20240517/MPL/6620193344',
      'ID transaksi pembayaran: 2405171957382264',
      'No. VA BNI 8808 1203 4456 7712',
      'Rek. BNI: 0347719921, BRI 0521-01-004417-50-3, Mandiri 1370022446688',
      'NPWP 71.205.334.8-609.000, saldo terpotong Rp 1.050.000 tgl 17/05/2024',
    ].join('\n');
    expect(fieldsOf(text)).toMatchObject({ cardNumber: null, phone: null, nik: null });
  });

  it('treats family-card (KK) and bank-card numbers as neither card nor NIK', () => {
    expect(fieldsOf('No KK 3273050102150003\nkartu ATM 5264 2210 9987 1302')).toMatchObject({
      cardNumber: null,
      nik: null,
    });
  });
});

describe('extractFields: never a NIK as the card', () => {
  it.each([
    ['"NIK:"', `NIK: ${NIK_GROUPED}`],
    ['"No. KTP"', `No. KTP ${NIK}`],
    ['"Kartu Tanda Penduduk", which says "kartu"', `Kartu Tanda Penduduk: ${NIK_GROUPED}`],
    ['"Nomor Induk Kependudukan"', `Nomor Induk Kependudukan ${NIK}`],
    ['"No. Identitas"', `No. Identitas: ${NIK_GROUPED}`],
    ['a label written after the number', `${NIK} (NIK)`],
  ])('reads a number labelled %s as the NIK', (_, text) => {
    expect(fieldsOf(text)).toMatchObject({ cardNumber: null, nik: NIK });
  });

  it('keeps a labelled NIK and a labelled card apart, even with the same first digits', () => {
    const f = fieldsOf(`NIK: ${NIK_GROUPED}\nNo. Kartu Prakerja: 3273-9915-6614-0937`);
    expect(f).toMatchObject({ cardNumber: '3273991566140937', nik: NIK });
  });

  it('tells "No. KTP" from "No. KP"', () => {
    expect(fieldsOf(`No. KTP ${NIK}\nNo. KP ${CARD}`)).toMatchObject({ cardNumber: CARD, nik: NIK });
  });

  it('reads an HTML table whose label sits on the line before the number', () => {
    const f = fieldsOf(`NIK\n: ${NIK_GROUPED}\nNomor Kartu Prakerja\n: ${CARD_GROUPED}`);
    expect(f).toMatchObject({ cardNumber: CARD, nik: NIK });
  });

  it.each([
    ['a combined label', `NIK/No Kartu: ${NIK}`],
    ['a sentence naming the NIK, then the card', `NIK yang saya pakai untuk daftar Kartu Prakerja ${NIK}`],
    ['"no KTP" and a complaint about the card', `no KTP saya, kartu prakerjanya belum aktif: ${NIK}`],
    ['no label at all', `tolong dicek ${NIK} ya min`],
  ])('does not guess with %s: the card stays missing and the number is to be confirmed', (_, text) => {
    const x = extract(text);
    expect(x.fields).toMatchObject({ cardNumber: null, nik: NIK });
    expect(x.unconfirmed).toEqual([NIK]);
  });

  it('takes a number under a combined label as the card when it cannot be a NIK', () => {
    expect(extract(`NIK/No Kartu: ${CARD}`)).toMatchObject({ fields: { cardNumber: CARD }, unconfirmed: [] });
  });

  it('asks nothing when a card is settled and the other number could be the NIK', () => {
    const x = extract(`no kartu ${CARD}\ndan ini ${OTHER_NIK}`);
    expect(x).toMatchObject({ fields: { cardNumber: CARD, nik: OTHER_NIK }, unconfirmed: [] });
  });

  it('still asks about an unlabelled NIK-shaped number beside a labelled NIK', () => {
    const x = extract(`NIK: ${NIK}\nini nomor satunya ${OTHER_NIK}`);
    expect(x).toMatchObject({ fields: { cardNumber: null, nik: NIK }, unconfirmed: [OTHER_NIK] });
  });
});

describe('extractFields: the phone', () => {
  it.each([
    ['dashes', 'No HP: 0813-6627-0915', '+6281366270915'],
    ['+62 with spaces', 'Mobile: +62 811-2043-7781', '+6281120437781'],
    ['62 without plus', 'no hp 6287731905528', '+6287731905528'],
    ['area-code parentheses', 'No. HP : (0821) 9905-3318', '+6282199053318'],
    ['dots', 'hp: 0853.4471.2290', '+6285344712290'],
  ])('normalises a phone written with %s to E.164', (_, text, e164) => {
    expect(fieldsOf(text).phone).toBe(e164);
  });

  it('reads a phone in any one-separator layout as libphonenumber reads it as written', () => {
    // Including "not a valid mobile": the extractor adds no phone rules of its own.
    const layout = fc
      .tuple(
        fc.constantFrom('0', '62', '+62', '+62 ', '+62-'),
        fc.stringMatching(/^8\d{6,11}$/),
        fc.array(fc.constantFrom('', '', ' ', '-', '.'), { minLength: 12, maxLength: 12 }),
      )
      .map(
        ([prefix, digits, seps]) =>
          prefix +
          [...digits]
            .map((d, i) => d + (seps[i] ?? ''))
            .join('')
            .replace(/[ .-]$/, ''),
      );
    fc.assert(
      fc.property(layout, (written) => {
        expect(fieldsOf(`No HP saya: ${written}`).phone).toBe(asLibphonenumberReadsIt(written));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with libphonenumber on every mobile, however many numbers share its prefix and length', () => {
    // Validity is remembered per shape (first four national digits, length). Few prefixes and
    // lengths here, so most numbers meet a shape an earlier number decided.
    const national = fc
      .tuple(fc.constantFrom('81', '85', '87', '88', '89', '80', '84', '83'), fc.stringMatching(/^\d{5,11}$/))
      .map(([head, tail]) => head + tail);
    fc.assert(
      fc.property(national, fc.constantFrom('0', '+62'), (digits, prefix) => {
        expect(fieldsOf(`hp saya ${prefix}${digits}`).phone).toBe(asLibphonenumberReadsIt(prefix + digits));
      }),
      { numRuns: 1000 },
    );
  });

  it('takes the new number when old and new are given', () => {
    expect(fieldsOf('No hp lama: 0857 3310 2284\nNo hp baru: 0819-4402-6617').phone).toBe('+6281944026617');
    expect(fieldsOf('no lama 0857 3310 2284 udh mati, skrg pake 0819 4402 6617').phone).toBe('+6281944026617');
  });

  it('returns no phone when the only number is an old one', () => {
    expect(fieldsOf('nomor lama saya 0857 3310 2284 sudah hangus').phone).toBeNull();
  });

  it("skips a scammer's number given before the participant's own", () => {
    const text = 'ada yang WA saya dari nomor 0877-5120-4439 ngaku admin. Kalau perlu hubungi saya di 0813 6627 0915.';
    expect(fieldsOf(text).phone).toBe('+6281366270915');
  });

  it.each([
    ['"yg nelpon" (the caller) even though it says "sy"', 'tadi yg nelpon sy pake no +62 838-1207-4431.'],
    ['"pelakunya pakai WA"', 'pelakunya pakai WA 0838 1207 4431'],
    ['a number followed by "<- ini nomor yg nelpon"', '0838 1207 4431 <- ini nomor yg nelpon saya'],
    ['a number followed by "dan minta transfer"', 'dia WA dari 0838-1207-4431 dan minta transfer'],
    ["a relative's number", 'kalau susah dihubungi, ke nomor suami saya 0838 1207 4431'],
  ])("does not take %s as the participant's phone", (_, text) => {
    expect(fieldsOf(`${text}\nHP sy 0856-4421-7730`).phone).toBe('+6285644217730');
    expect(fieldsOf(text).phone).toBeNull();
  });

  it.each([
    ['"WA nya"', 'nomor WA nya 0856-4421-7730, bisa dihubungi kapan saja'],
    ['"nomor WA nya sama"', 'No HP 0856 4421 7730, nomor WA nya sama'],
    ['"yang bisa dihubungi"', 'Nomor telepon yang bisa dihubungi: 0856-4421-7730'],
  ])("keeps the participant's own number written with %s", (_, text) => {
    expect(fieldsOf(text).phone).toBe('+6285644217730');
  });

  it('does not take the number in a scam message the participant forwards', () => {
    const text = [
      'min ini pesan yang saya terima, penipuan kan?',
      '',
      '---------- Forwarded message ---------',
      'From: Admin Bantuan <admin.bantuan.pusat@example.net>',
      'Subject: Informasi',
      '',
      'Segera konfirmasi ke admin kami di WA 0838 1207 4431 hari ini.',
    ].join('\n');
    expect(fieldsOf(text).phone).toBeNull();
  });

  it('does not read a card number as a phone', () => {
    expect(fieldsOf('no kartu 0812-2934-4710-0568').phone).toBeNull();
  });

  it("uses the participant's own quoted mail when the new text has no phone", () => {
    const text = `no kartu prakerja aku ${CARD_GROUPED} kak\n\nPada Sen, 13 Mei 2024 Tiara <tiara@example.com> menulis:\n> no hp 0815 3390 6621`;
    expect(fieldsOf(text, { from: { address: 'tiara@example.com', name: 'Tiara' } }).phone).toBe('+6281533906621');
  });

  it("never takes numbers from the centre's own quoted reply", () => {
    const text = `ok min\n\nPada Sen, 13 Mei 2024 Layanan <${COMPLAINT_ADDRESS}> menulis:\n> hubungi 0812-3456-7890\n> kartu ${CARD_GROUPED}`;
    expect(fieldsOf(text)).toMatchObject({ phone: null, cardNumber: null });
  });
});

describe('extractFields: email and name', () => {
  it("uses the sender's address, lower-cased, when no registered email is stated", () => {
    expect(fieldsOf('halo', { from: { address: 'Gede.Pramana@Example.com', name: '' } }).email).toBe(
      'gede.pramana@example.com',
    );
  });

  it.each([
    ['Email terdaftar di Prakerja: Yosef.M88@Example.com'],
    ['email yg didaftarkan = Yosef.M88@example.com'],
    ['Registered email: yosef.m88@example.com'],
  ])('prefers the registered email stated in the body: "%s"', (text) => {
    expect(fieldsOf(text).email).toBe('yosef.m88@example.com');
  });

  it('takes the old (registered) email, not the new one, when asking to change it', () => {
    const text = 'Email terdaftar (lama): Wulan.S02@example.co.id\nEmail baru: wulan.baru@example.com';
    expect(fieldsOf(text).email).toBe('wulan.s02@example.co.id');
  });

  it('takes an "Email:" line of a data block as the account email', () => {
    const text = `Nama: Gede\nNo KP: ${CARD_GROUPED}\nEmail: Gede.Akun@Example.com\nHP: 0813-6627-0915`;
    expect(fieldsOf(text, { from: { address: 'gede.lain@example.net', name: '' } }).email).toBe(
      'gede.akun@example.com',
    );
  });

  it('still prefers an explicitly registered email over a data-block line', () => {
    expect(fieldsOf('Email: sekarang@example.com\nEmail terdaftar: lama@example.com').email).toBe('lama@example.com');
  });

  it('does not take a new email from a data block for the registered one', () => {
    expect(fieldsOf('Email baru: baru@example.com', { from: { address: 'sender@example.com', name: '' } }).email).toBe(
      'sender@example.com',
    );
  });

  it.each([
    ['Nama: Tiara Andriani', 'Tiara Andriani'],
    ['Nama Lengkap : Yosef Manullang', 'Yosef Manullang'],
    ['Nama          : Gede Pramana', 'Gede Pramana'],
    ['Nama: Théo Sembiring', 'Théo Sembiring'],
    ['Nama saya : Wulan Sasmita', 'Wulan Sasmita'],
  ])('reads the name from "%s"', (text, name) => {
    expect(fieldsOf(text).name).toBe(name);
  });

  it('does not guess a name from prose or from other "Nama ..." lines', () => {
    expect(fieldsOf('Dengan hormat, saya Wulan Sasmita ingin bertanya').name).toBeNull();
    expect(fieldsOf('Nama pelatihan: Barista Pemula\nNama ibu kandung: Sari').name).toBeNull();
  });
});

describe('extractFields: evidence and read-back', () => {
  it('records masked evidence for what it found', () => {
    const { evidence } = extract(`No Kartu Prakerja: ${CARD_GROUPED}\nNo HP: 0813-6627-0915\nNIK ${NIK}`);
    const text = JSON.stringify(evidence);
    expect(text).toContain('7140********9904');
    expect(text).toContain('3273************');
    expect(text).not.toMatch(/7140228851639904|81366270915|3273055408910007/);
  });

  it('says in the evidence which number is to be confirmed, masked', () => {
    const { evidence } = extract(`NIK/No Kartu: ${NIK}`);
    expect(evidence).toContainEqual({
      field: 'cardNumber',
      source: 'new',
      detail: 'card or NIK? to confirm: 3273************',
    });
  });

  it('reads back what each number was taken for, masked', () => {
    // Prepare
    const settled = extract(`No KP ${CARD}\nNIK ${NIK}\nHP 0813-6627-0915`);
    const unsure = extract(`tolong dicek ${NIK} ya min`);
    // Act
    const both = [numbersReadBack(settled), numbersReadBack(unsure)];
    // Assess
    expect(both[0]).toEqual([
      'Nomor Kartu Prakerja: 7140********9904',
      'NIK: 3273************',
      'Nomor HP: +62813****0915',
    ]);
    expect(both[1]).toEqual([
      'Nomor 16 digit 3273************: mohon konfirmasi, apakah ini Nomor Kartu Prakerja atau NIK Anda?',
    ]);
  });
});
