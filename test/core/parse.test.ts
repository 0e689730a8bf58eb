import MimeNode from 'nodemailer/lib/mime-node';
import { parseMail, READ_LIMITS } from '#core/parse.ts';
import { mime } from '../support/mime.ts';

async function parsed(raw: Buffer | string) {
  const r = await parseMail(raw);
  if (!r.ok) throw new Error(`expected a parsed mail, got ${r.error.reason}`);
  return r.mail;
}

describe('parseMail', () => {
  it('reads sender, subject, message ids and plain text of an 8bit mail', async () => {
    // Prepare
    const raw = await mime({
      text: 'Kak saldo pelatihan saya hangus.\nNo HP 0819-4402-6617',
      inReplyTo: '<a@x>',
      references: '<r1@x> <a@x>',
    });
    // Act
    const mail = await parsed(raw);
    // Assess
    expect(mail.from).toEqual({ address: 'budi.santoso@example.com', name: 'Budi Santoso' });
    expect(mail.subject).toBe('insentif belum masuk');
    expect(mail.messageId).toBe('<fixture-1@mail.example.com>');
    expect(mail.inReplyTo).toBe('<a@x>');
    expect(mail.references).toEqual(['<r1@x>', '<a@x>']);
    expect(mail.text).toContain('No HP 0819-4402-6617');
    expect(mail.segments).toEqual([
      { kind: 'new', author: null, text: 'Kak saldo pelatihan saya hangus.\nNo HP 0819-4402-6617' },
    ]);
  });

  it.each(['quoted-printable', 'base64'] as const)('decodes a %s body with long lines intact', async (textEncoding) => {
    const long = `${'kata '.repeat(40)}Nomor kartu prakerja sy 7140228851639904 selesai`;
    const mail = await parsed(await mime({ text: long, textEncoding }));
    expect(mail.text).toBe(long);
  });

  it('converts an HTML-only mail to text: entities decoded, table rows kept as lines', async () => {
    const html =
      '<div>Data saya:<table><tr><td>NIK</td><td>:</td><td>3273&nbsp;0554&nbsp;0891&nbsp;0007</td></tr>' +
      '<tr><td>Nomor&nbsp;Kartu&nbsp;Prakerja</td><td>:</td><td>3273&nbsp;9915&nbsp;6614&nbsp;0937</td></tr></table>' +
      'wa saya&nbsp;+62&nbsp;877-3190-5528 &amp; makasih</div>';
    const mail = await parsed(await mime({ html }));
    expect(mail.text).toMatch(/^NIK\s+:\s+3273 0554 0891 0007$/m);
    expect(mail.text).toMatch(/^Nomor Kartu Prakerja\s+:\s+3273 9915 6614 0937$/m);
    expect(mail.text).toContain('wa saya +62 877-3190-5528 & makasih');
  });

  it('reads a table row as one line of its cells, whatever spans a cell claims', async () => {
    // Prepare: a cell claiming a grid of tens of thousands of rows and columns (a layout of that
    // grid would take minutes and gigabytes), then a row of two cells
    const html =
      '<table><tr><td colspan="40000" rowspan="40000">keluhan</td></tr>' +
      '<tr><th>Telepon</th><td>0813&nbsp;5550&nbsp;1234</td></tr></table><p>terima kasih</p>';
    // Act
    const mail = await parsed(await mime({ html }));
    // Assess
    expect(mail.text.split('\n').filter((l) => l.trim())).toEqual([
      'keluhan',
      'Telepon 0813 5550 1234',
      'terima kasih',
    ]);
  });

  it('reads a table whose cells are paragraphs (Outlook) as one line per row', async () => {
    const cell = (t: string) => `<td><p class="MsoNormal">${t}<o:p></o:p></p></td>`;
    const html =
      `<table><tbody><tr>${cell('NIK')}${cell(':')}${cell('3302&nbsp;1408&nbsp;7105&nbsp;0007')}</tr>` +
      `<tr>${cell('Nama')}${cell(':')}${cell('Sekar Ayu')}</tr></tbody></table>`;
    const mail = await parsed(await mime({ html }));
    expect(mail.text.split('\n').filter((l) => l.trim())).toEqual(['NIK : 3302 1408 7105 0007', 'Nama : Sekar Ayu']);
  });

  it('reads every line of a long HTML mail, and a table nested in a cell', async () => {
    const lines = Array.from({ length: 900 }, (_, i) => `baris ${i}<br>`).join('');
    const html = `<div>${lines}</div><table><tr><td>luar<table><tr><td>dalam</td><td>sel</td></tr></table></td></tr></table>`;
    const mail = await parsed(await mime({ html }));
    expect(mail.text).toContain('baris 899');
    expect(mail.text).toMatch(/luar dalam sel/);
  });

  it('converts HTML nested deeper than the depth limit without failing, keeping the text above it', async () => {
    const depth = READ_LIMITS.htmlDepth * 30;
    const html = `<p>dana belum masuk</p>${'<div>'.repeat(depth)}dalam${'</div>'.repeat(depth)}`;
    const mail = await parsed(await mime({ html }));
    expect(mail.warnings).toEqual([]);
    expect(mail.text).toContain('dana belum masuk');
  });

  it('reads the first part of a body over the read limit, and says it was cut', async () => {
    // Prepare: the complaint, then far more text than any complaint needs
    const opening = 'dana pelatihan belum masuk, hp 0813 5550 1234';
    const text = `${opening}\n${'lanjut '.repeat(READ_LIMITS.text / 5)}\nAKHIR`;
    // Act
    const mail = await parsed(await mime({ text }));
    // Assess
    expect(mail.text.startsWith(opening)).toBe(true);
    expect(mail.text.length).toBeLessThanOrEqual(READ_LIMITS.text);
    expect(mail.text).not.toContain('AKHIR');
    expect(mail.warnings).toContain(`text cut to its first ${READ_LIMITS.text} characters`);
  });

  it('reads the first part of a subject over the read limit, and says it was cut', async () => {
    const mail = await parsed(await mime({ subject: `dana belum masuk ${'lagi '.repeat(READ_LIMITS.subject)}` }));
    expect(mail.subject.startsWith('dana belum masuk lagi')).toBe(true);
    expect(mail.subject.length).toBeLessThanOrEqual(READ_LIMITS.subject);
    expect(mail.warnings).toContain(`subject cut to its first ${READ_LIMITS.subject} characters`);
  });

  it('never cuts a text inside a character written with two UTF-16 units', async () => {
    // Prepare: an emoji (two units) straddling the read limit
    const text = `${'a'.repeat(READ_LIMITS.text - 1)}😀 sisa`;
    // Act
    const mail = await parsed(await mime({ text }));
    // Assess: the text ends before the emoji, never with half of it
    expect(mail.text).toBe('a'.repeat(READ_LIMITS.text - 1));
  });

  it('cuts the HTML of an HTML-only mail before converting it, and says so', async () => {
    const html = `<p>dana belum masuk</p>${'<p>x</p>'.repeat(READ_LIMITS.html / 8)}<p>AKHIR</p>`;
    const mail = await parsed(await mime({ html }));
    expect(mail.text.startsWith('dana belum masuk')).toBe(true);
    expect(mail.text).not.toContain('AKHIR');
    expect(mail.warnings).toContain(`html cut to its first ${READ_LIMITS.html} characters`);
  });

  /** A mail sent as written (8bit): nodemailer would pick quoted-printable or base64 for it. */
  const asWritten = (text: string) =>
    Buffer.from(
      `From: a@surel.example\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Transfer-Encoding: 8bit\r\n\r\n${text.replaceAll('\n', '\r\n')}\r\n`,
    );

  it.each(['8bit', 'quoted-printable', 'base64'] as const)(
    'decodes a %s body of many short lines across the decoder’s buffers byte for byte',
    async (encoding) => {
      // Prepare: more than the decoder's 100 KB buffer in bytes (postal-mime, patched: patches/),
      // yet under the read limit in characters, with two- and three-byte characters at every
      // offset so that some straddle the buffer's end, and empty lines among them
      const lines = Array.from({ length: 6001 }, (_, i) => (i % 7 === 0 ? '' : `${i} ${'語'.repeat(i % 9)}é`));
      const text = lines.join('\n');
      expect(Buffer.byteLength(text)).toBeGreaterThan(100 * 1024);
      expect(text.length).toBeLessThan(READ_LIMITS.text);
      // Act
      const raw = encoding === '8bit' ? asWritten(text) : await mime({ text, textEncoding: encoding });
      const mail = await parsed(raw);
      // Assess
      expect(mail.text).toBe(text);
    },
  );

  it('decodes without building a Blob (the patched postal-mime: patches/, docs/security.md)', async () => {
    // Prepare: count the Blobs made while mails of each transfer encoding are parsed
    const made: number[] = [];
    const RealBlob = globalThis.Blob;
    globalThis.Blob = class extends RealBlob {
      constructor(...args: ConstructorParameters<typeof Blob>) {
        super(...args);
        made.push(1);
      }
    };
    try {
      // Act
      await parsed(asWritten('dana belum masuk\nbaris dua'));
      await parsed(await mime({ text: 'dana belum masuk – é', textEncoding: 'quoted-printable' }));
      await parsed(await mime({ text: 'dana belum masuk – é', textEncoding: 'base64' }));
    } finally {
      globalThis.Blob = RealBlob;
    }
    // Assess
    expect(made).toEqual([]);
  });

  it('prefers the text part of a multipart/alternative mail', async () => {
    const mail = await parsed(await mime({ text: 'teks biasa', html: '<p>versi html</p>' }));
    expect(mail.text).toBe('teks biasa');
    expect(mail.contentType).toBe('multipart/alternative');
  });

  it('lists attachments by metadata only', async () => {
    const raw = await mime({
      text: 'screenshot terlampir',
      attachments: [{ filename: 'Screenshot.png', content: Buffer.from([137, 80, 78, 71]), contentType: 'image/png' }],
    });
    const mail = await parsed(raw);
    expect(mail.attachments).toEqual([{ filename: 'Screenshot.png', contentType: 'image/png', size: 4 }]);
    expect(mail.contentType).toBe('multipart/mixed');
  });

  it('decodes RFC 2047 subjects and iso-8859-1 quoted-printable bodies with NBSP between digits', async () => {
    // Prepare: an older desktop client's mail, Latin-1 with a non-breaking space between digit groups
    const node = new MimeNode('text/plain; charset=iso-8859-1');
    node.setHeader({
      From: 'Théo Sembiring <theo@example.com>',
      To: 'pengaduan@prakerja.example.id',
      Subject: 'Voucher ditolak · tolong dicek',
      'Content-Transfer-Encoding': 'quoted-printable',
    });
    node.setContent(Buffer.from('Kartu Prakerja: 7140\u00a02288\u00a05163\u00a09904\r\nterima kasih', 'latin1'));
    const raw = await node.build();
    // Act
    const mail = await parsed(raw);
    // Assess
    expect(raw.toString('latin1')).toMatch(/=A0/);
    expect(mail.subject).toBe('Voucher ditolak · tolong dicek');
    expect(mail.from?.name).toBe('Théo Sembiring');
    expect(mail.text).toContain('Kartu Prakerja: 7140 2288 5163 9904');
  });

  it.each([
    [
      'windows-1252',
      Buffer.from([0x93, 0x53, 0x61, 0x6c, 0x64, 0x6f, 0x94, 0x20, 0x80, 0x35]),
      '\u201cSaldo\u201d \u20ac5',
    ],
    ['iso-2022-jp', Buffer.from('1b244224522469242c1b2842', 'hex'), '\u3072\u3089\u304c'],
    ['gbk', Buffer.from('c4e3bac3', 'hex'), '\u4f60\u597d'],
    ['shift_jis', Buffer.from('82a082a2', 'hex'), '\u3042\u3044'],
  ])('decodes a %s body with the runtime decoder', async (charset, body, text) => {
    // Prepare: a legacy-charset 8bit body, bytes as the sender's client wrote them
    const head = `From: Rara <rara@example.net>\r\nSubject: tes\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`;
    // Act
    const mail = await parsed(Buffer.concat([Buffer.from(head, 'latin1'), body]));
    // Assess
    expect(mail.text).toBe(text);
  });

  it('reads a body in a charset nobody knows rather than failing the mail', async () => {
    const raw =
      'From: Rara <rara@example.net>\r\nContent-Type: text/plain; charset=x-made-up\r\n\r\nno kartu 7140 2288 5163 9904\r\n';
    expect((await parsed(raw)).text).toContain('7140 2288 5163 9904');
  });

  it('opens address groups, and keeps an unreadable Date as no date', async () => {
    const raw = [
      'From: Tim Layanan: "Sari" <sari@example.net>, bayu@example.net;',
      'To: pengaduan@prakerja.example.id',
      'Cc: Semua: ana@example.net;',
      'Date: kemarin sore',
      '',
      'halo',
    ].join('\r\n');
    const mail = await parsed(raw);
    expect(mail.from).toEqual({ address: 'sari@example.net', name: 'Sari' });
    expect(mail.to.map((a) => a.address)).toEqual(['pengaduan@prakerja.example.id', 'ana@example.net']);
    expect(mail.date).toBeNull();
  });

  it("keeps a forwarded message (message/rfc822) as an attachment, out of the sender's text", async () => {
    // Prepare: a forward whose inner mail carries someone else's numbers
    const inner = [
      'From: Wulan <wulan@lain.example>',
      'Subject: data saya',
      '',
      'kartu 5521 9038 7716 4402, hp 0857 3310 2948',
    ].join('\r\n');
    const node = new MimeNode('multipart/mixed');
    node.setHeader({
      From: 'Bayu <bayu@surel.example>',
      To: 'pengaduan@prakerja.example.id',
      Subject: 'Fwd: data saya',
    });
    node.createChild('text/plain').setContent('tolong dicek pesan terlampir');
    node.createChild('message/rfc822').setContent(inner);
    // Act
    const mail = await parsed(await node.build());
    // Assess
    expect(mail.text).toBe('tolong dicek pesan terlampir');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
  });

  it('writes bare message ids in angle brackets, as threading needs them', async () => {
    const raw = [
      'From: Rara <rara@example.net>',
      'Message-ID: bare-7731@mail.example.net',
      'In-Reply-To: PRK-4HJ8K2MQ.ack.1f2e3d4c5b6a@prakerja.example.id',
      'References: first-1@mail.example.net <second-2@mail.example.net>',
      '',
      'halo',
    ].join('\r\n');
    const mail = await parsed(raw);
    expect(mail.messageId).toBe('<bare-7731@mail.example.net>');
    expect(mail.inReplyTo).toBe('<PRK-4HJ8K2MQ.ack.1f2e3d4c5b6a@prakerja.example.id>');
    expect(mail.references).toEqual(['<first-1@mail.example.net>', '<second-2@mail.example.net>']);
  });

  it('reads a multipart/report bounce and its null Return-Path', async () => {
    const node = new MimeNode('multipart/report; report-type=delivery-status');
    node.setHeader({ From: 'MAILER-DAEMON@mx.example.net', To: 'pengaduan@prakerja.example.id', 'Return-Path': '<>' });
    node.createChild('text/plain').setContent('Alamat tujuan tidak ditemukan.');
    node
      .createChild('message/delivery-status')
      .setContent('Final-Recipient: rfc822; nobody@example.net\nAction: failed\n');
    const mail = await parsed(await node.build());
    expect(mail.contentType).toBe('multipart/report');
    expect(mail.headers['return-path']).toBe('<>');
  });

  it('returns a ParseFailure, not an exception, for empty input', async () => {
    await expect(parseMail(Buffer.alloc(0))).resolves.toEqual({
      ok: false,
      error: { kind: 'ParseFailure', reason: 'empty message' },
    });
  });

  it('returns a ParseFailure for bytes that are not a mail', async () => {
    const r = await parseMail(Buffer.from([0, 1, 2, 3, 255, 254]));
    expect(r.ok).toBe(false);
  });

  it('keeps what it can of a truncated multipart mail and notes a missing sender', async () => {
    const full = (
      await mime({ from: '', text: 'saldo hangus, no kartu 7140 2288 5163 9904', html: '<p>x</p>' })
    ).toString();
    const mail = await parsed(full.slice(0, Math.floor(full.length * 0.6)));
    expect(mail.warnings).toContain('no From address');
  });
});
