import fc from 'fast-check';
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { extractFields } from '#core/extract.ts';
import { parsedMail } from '../support/parsed.ts';

const fieldsOf = (text: string, over = {}) => extractFields(parsedMail(text, over)).fields;

/** The +62 number libphonenumber reads in a written phone: the whole text if valid, else what its text matcher finds. */
function asLibphonenumberReadsIt(written: string): string | null {
  const whole = parsePhoneNumberFromString(written, 'ID');
  if (whole?.isValid()) return whole.number;
  const found = findPhoneNumbersInText(written, 'ID').find((f) => f.number.countryCallingCode === '62');
  return found?.number.number ?? null;
}

describe('extractFields: card number and NIK', () => {
  it.each([
    ['grouped by four', 'No Kartu Prakerja: 5412 8830 1967 2245'],
    ['dashed', 'no kartu 5412-8830-1967-2245'],
    ['run together after "KP"', 'No. KP 5412883019672245'],
    ['one digit per space', 'no kartu : 5 4 1 2 8 8 3 0 1 9 6 7 2 2 4 5'],
    ['dotted', 'Kartu: 5412.8830.1967.2245'],
    ['English label', 'Card number: 5412 8830 1967 2245'],
    ['with doubled spaces from a copy-paste', 'No KP: 5412  8830  1967  2245'],
  ])('reads a card written %s', (_, text) => {
    expect(fieldsOf(text).cardNumber).toBe('5412883019672245');
  });

  it('reads the card from the subject', () => {
    expect(
      fieldsOf('nomornya di subject ya min', { subject: 'Sertifikat blm muncul – No KP 3509 6612 0047 8823' })
        .cardNumber,
    ).toBe('3509661200478823');
  });

  it('never reports a labelled NIK as the card, even with the same prefix right above it', () => {
    const f = fieldsOf('NIK: 3671 0447 1096 0002\nNo. Kartu Prakerja: 3671-2058-6614-0937');
    expect(f).toMatchObject({ cardNumber: '3671205866140937', nik: '3671044710960002' });
  });

  it('tells "No. KTP" from "No. KP"', () => {
    const f = fieldsOf('No. KTP 3404 0750 1198 0001\nNo. KP 3404912608733315');
    expect(f).toMatchObject({ cardNumber: '3404912608733315', nik: '3404075011980001' });
  });

  it('reads an HTML table where the label sits in the cell before the number', () => {
    const f = fieldsOf('NIK                  : 3301 0562 0497 0003\nNomor Kartu Prakerja : 3301 7724 0915 5538');
    expect(f).toMatchObject({ cardNumber: '3301772409155538', nik: '3301056204970003' });
  });

  it('leaves the card empty when the only 16-digit number is a NIK grouped like a card', () => {
    expect(fieldsOf('NIK: 5171 0462 0601 0002\nTelp: +62 812-3960-7714')).toMatchObject({
      cardNumber: null,
      nik: '5171046206010002',
    });
  });

  it('does not take an unlabelled number shaped like a valid NIK for the card', () => {
    // 33 province, day 16, month 05: a plausible NIK; without a label it must not become the card
    expect(fieldsOf('tolong dicek 3374121605900003 ya min').cardNumber).toBeNull();
  });

  it('takes an unlabelled 16-digit number that cannot be a NIK as the card', () => {
    expect(fieldsOf('nomor sy 3318092247150063 min').cardNumber).toBe('3318092247150063');
  });

  it('ignores a 16-digit transaction id, bank accounts, NPWP, invoices and amounts', () => {
    const text = [
      'Invoice: INV/20240310/MPL/3794410286',
      'ID transaksi pembayaran: 2403101957382264',
      'Rek. BNI: 0297715634, BRI 0341-01-002298-50-7, Mandiri 1370012345678',
      'NPWP 09.254.294.3-407.000, saldo terpotong Rp 1.250.000 tgl 12/03/2024',
    ].join('\n');
    expect(fieldsOf(text)).toMatchObject({ cardNumber: null, phone: null, nik: null });
  });

  it('treats a family card (KK) number as neither card nor NIK', () => {
    expect(fieldsOf('No KK 3374120605900099')).toMatchObject({ cardNumber: null, nik: null });
  });
});

describe('extractFields: phone', () => {
  it.each([
    ['dashes', 'No HP: 0813-1977-4420', '+6281319774420'],
    ['+62 with spaces', 'Mobile: +62 811-1904-6623', '+6281119046623'],
    ['62 without plus', 'no hp 6285691140273', '+6285691140273'],
    ['area-code parentheses', 'No. HP : (0821) 3345-8812', '+6282133458812'],
    ['dots', 'hp: 0853.1190.4478', '+6285311904478'],
    ['spaced 4-4-4 after a NBSP-normalised +62', 'no hp saya +62 878-8412-0536', '+6287884120536'],
  ])('normalises a phone written with %s to E.164', (_, text, e164) => {
    expect(fieldsOf(text).phone).toBe(e164);
  });

  it('takes the new number when old and new are given', () => {
    expect(fieldsOf('No hp lama: 0857 1122 3409\nNo hp baru: 0819-0877-5520').phone).toBe('+6281908775520');
  });

  it("skips a scammer's number written before the participant's own", () => {
    const text =
      'ada yg WA saya dari nomor 0877-3390-1284 ngaku petugas prakerja. Kalau perlu hubungi saya di 0813 8845 2210.';
    expect(fieldsOf(text).phone).toBe('+6281388452210');
  });

  it('skips "nomor yg nelpon sy" (the caller) even though it says "sy"', () => {
    expect(fieldsOf('Nomor yg nelpon sy +62 838-1207-5529.\nHP sy 0856-4478-1320').phone).toBe('+6285644781320');
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
      { numRuns: 500 },
    );
  });

  it("returns no phone when the only number is the scammer's", () => {
    expect(fieldsOf('Nomor WA nya 0821-9934-0071 dan minta transfer ke rekening BRI').phone).toBeNull();
  });

  it('does not read a card number as a phone', () => {
    expect(fieldsOf('no kartu 8810-2293-4471-0056').phone).toBeNull();
  });

  it("uses the participant's own quoted mail when the new text has no phone", () => {
    const text =
      'no kartu prakerja aku 5877 0126 3394 4108 kak\n\nPada Sen, 11 Mar 2024 Indah <indah@example.com> menulis:\n> no hp 0815 7760 2291';
    expect(fieldsOf(text, { from: { address: 'indah@example.com', name: 'Indah' } }).phone).toBe('+6281577602291');
  });

  it("never takes numbers from the centre's own quoted reply", () => {
    const text =
      'ok min\n\nPada Sen, 11 Mar 2024 Layanan <pengaduan@prakerja.example.id> menulis:\n> hubungi 0812-3456-7890\n> kartu 5412 8830 1967 2245';
    expect(fieldsOf(text)).toMatchObject({ phone: null, cardNumber: null });
  });
});

describe('extractFields: email and name', () => {
  it("uses the sender's address, lower-cased, when no registered email is stated", () => {
    expect(fieldsOf('halo', { from: { address: 'budi@example.com', name: '' } }).email).toBe('budi@example.com');
  });

  it('prefers the registered email stated in the body, lower-cased', () => {
    expect(fieldsOf('Email terdaftar di Prakerja: Irfan.M95@Gmail.com').email).toBe('irfan.m95@gmail.com');
  });

  it('takes the old (registered) email, not the new one, when asking to change it', () => {
    const text = 'Email terdaftar (lama): Anisa.Rahma02@yahoo.co.id\nEmail baru: anisa.new@gmail.com';
    expect(fieldsOf(text).email).toBe('anisa.rahma02@yahoo.co.id');
  });

  it('reads "Registered email:" in English', () => {
    expect(fieldsOf('Registered email: Kevin.Halim@yahoo.com').email).toBe('kevin.halim@yahoo.com');
  });

  it.each([
    ['Nama: Rizky Pratama', 'Rizky Pratama'],
    ['Nama Lengkap : Yusuf Maulana', 'Yusuf Maulana'],
    ['Nama          : Hendra Gunawan', 'Hendra Gunawan'],
    ['Nama: Yohanes André Siregar', 'Yohanes André Siregar'],
  ])('reads the name from "%s"', (text, name) => {
    expect(fieldsOf(text).name).toBe(name);
  });

  it('does not guess a name from prose', () => {
    expect(fieldsOf('Dengan hormat, saya Ratih Kumalasari ingin bertanya').name).toBeNull();
  });

  it('records masked evidence for what it found', () => {
    const { evidence } = extractFields(parsedMail('No Kartu Prakerja: 5412 8830 1967 2245\nNo HP: 0813-1977-4420'));
    const text = JSON.stringify(evidence);
    expect(text).toContain('5412********2245');
    expect(text).not.toContain('5412883019672245');
    expect(text).not.toContain('81319774420');
  });
});

describe('extractFields: more ways participants write', () => {
  it('takes an "Email:" line of a data block as the account email', () => {
    const text = 'Nama: Budi\nNo KP: 5412 8830 1967 2245\nEmail: Budi.Akun@Example.com\nHP: 0813-1977-4420';
    expect(fieldsOf(text, { from: { address: 'budi.lain@example.net', name: '' } }).email).toBe(
      'budi.akun@example.com',
    );
  });

  it('still prefers an explicitly registered email over a data-block line', () => {
    const text = 'Email: sekarang@example.com\nEmail terdaftar: lama@example.com';
    expect(fieldsOf(text).email).toBe('lama@example.com');
  });

  it('does not take a new email from a data block for the registered one', () => {
    expect(fieldsOf('Email baru: baru@example.com', { from: { address: 'sender@example.com', name: '' } }).email).toBe(
      'sender@example.com',
    );
  });

  it('reads "No. Identitas" as the NIK label', () => {
    expect(fieldsOf('No. Identitas: 3374 1206 0590 0003')).toMatchObject({ nik: '3374120605900003', cardNumber: null });
  });

  it('reads "Nama saya : ..." as the name', () => {
    expect(fieldsOf('Nama saya : Dewi Lestari').name).toBe('Dewi Lestari');
  });
});
