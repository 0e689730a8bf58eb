import { parseMail } from '#core/parse.ts';
import { fixtureMail } from '../support/fixtures.ts';
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
      text: 'Min insentif saya blm masuk.\nNo HP 0812-8876-5521',
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
    expect(mail.text).toContain('No HP 0812-8876-5521');
    expect(mail.segments).toEqual([
      { kind: 'new', author: null, text: 'Min insentif saya blm masuk.\nNo HP 0812-8876-5521' },
    ]);
  });

  it.each(['quoted-printable', 'base64'] as const)('decodes a %s body with long lines intact', async (textEncoding) => {
    const long = `${'kata '.repeat(40)}Nomor kartu prakerja sy 3318092247150063 selesai`;
    const mail = await parsed(await mime({ text: long, textEncoding }));
    expect(mail.text).toBe(long);
  });

  it('converts an HTML-only mail to text: entities decoded, table rows kept as lines', async () => {
    const html =
      '<div>Berikut data saya:<table><tr><td>NIK</td><td>:</td><td>3301&nbsp;0562&nbsp;0497&nbsp;0003</td></tr>' +
      '<tr><td>Nomor&nbsp;Kartu&nbsp;Prakerja</td><td>:</td><td>3301&nbsp;7724&nbsp;0915&nbsp;5538</td></tr></table>' +
      'no hp saya&nbsp;+62&nbsp;878-8412-0536 &amp; terima kasih</div>';
    const mail = await parsed(await mime({ html }));
    expect(mail.text).toMatch(/^NIK\s+:\s+3301 0562 0497 0003$/m);
    expect(mail.text).toMatch(/^Nomor Kartu Prakerja\s+:\s+3301 7724 0915 5538$/m);
    expect(mail.text).toContain('no hp saya +62 878-8412-0536 & terima kasih');
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
    const mail = await parsed(fixtureMail('latin1-qp.eml'));
    expect(mail.subject).toBe('Saldo pelatihan hangus · mohon bantuan');
    expect(mail.from?.name).toBe('Yohanes André Siregar');
    // NBSP (=A0) is normalised to a plain space so grouped numbers stay matchable
    expect(mail.text).toContain('Nomor Kartu Prakerja: 7305 1184 6629 0371');
  });

  it('reads a multipart/report bounce and its null Return-Path', async () => {
    const mail = await parsed(fixtureMail('bounce.eml'));
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
      await mime({ from: '', text: 'insentif blm masuk no kartu 5412 8830 1967 2245', html: '<p>x</p>' })
    ).toString();
    const mail = await parsed(full.slice(0, Math.floor(full.length * 0.6)));
    expect(mail.warnings).toContain('no From address');
  });
});
