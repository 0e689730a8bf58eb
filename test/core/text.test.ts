import { normaliseText, segmentText } from '#core/text.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';

describe('segmentText', () => {
  it('keeps an unquoted mail as one new segment', () => {
    expect(segmentText('Halo kak\nsertifikat blm tampil')).toEqual([
      { kind: 'new', author: null, text: 'Halo kak\nsertifikat blm tampil' },
    ]);
  });

  it('attributes each nested quote level to the author named in the attribution above it', () => {
    const text = [
      'Berikut data yang diminta',
      'Kartu: 7140 2288 5163 9904',
      '',
      'Pada tanggal Rab, 15 Mei 2024 pukul 10.05 Layanan Pengaduan <',
      `${COMPLAINT_ADDRESS}> menulis:`,
      '',
      '> Silakan kirim data Anda.',
      '>',
      '> Pada Rab, 15 Mei 2024 pukul 09.41 Tiara <tiara@example.com>',
      '> menulis:',
      '> > sertifikat kedua blm tampil',
    ].join('\n');
    expect(segmentText(text)).toEqual([
      { kind: 'new', author: null, text: 'Berikut data yang diminta\nKartu: 7140 2288 5163 9904' },
      { kind: 'quoted', author: COMPLAINT_ADDRESS, text: 'Silakan kirim data Anda.' },
      { kind: 'quoted', author: 'tiara@example.com', text: 'sertifikat kedua blm tampil' },
    ]);
  });

  it('understands English "On ... wrote:" attributions and compact ">>" nesting', () => {
    const text = 'noted\n\nOn Wed, 15 May 2024 Gede <gede@example.com> wrote:\n> upper\n>> lower';
    expect(segmentText(text).map((s) => [s.kind, s.author, s.text])).toEqual([
      ['new', null, 'noted'],
      ['quoted', 'gede@example.com', 'upper'],
      ['quoted', null, 'lower'],
    ]);
  });

  it.each(['Pesan yang diteruskan:', '----- Pesan diteruskan -----', '-- Forwarded message --'])(
    'keeps a message forwarded under the banner "%s" as a forwarded segment with its original author, dropping its header block',
    (banner) => {
      const text = [
        'kak ini email saya minggu lalu',
        '',
        banner,
        'Dari: Wulan Sasmita <wulan@example.com>',
        'Date: Jum, 10 Mei 2024 pukul 19.12',
        'Subject: Voucher ditolak',
        'To: <bantuan@lembaga.example>',
        '',
        'Nomor Kartu Prakerja: 7140 2288 5163 9904',
      ].join('\n');
      expect(segmentText(text)).toEqual([
        { kind: 'new', author: null, text: 'kak ini email saya minggu lalu' },
        { kind: 'forwarded', author: 'wulan@example.com', text: 'Nomor Kartu Prakerja: 7140 2288 5163 9904' },
      ]);
    },
  );

  it('treats an Outlook "-----Original Message-----" block as quoted', () => {
    const text =
      'please see below\n-----Original Message-----\nFrom: Helpdesk <helpdesk@example.id>\nSent: Friday\nSubject: y\n\nearlier text';
    const segs = segmentText(text);
    expect(segs[0]).toEqual({ kind: 'new', author: null, text: 'please see below' });
    expect(segs.at(-1)).toMatchObject({ kind: 'quoted', author: 'helpdesk@example.id' });
    expect(segs.at(-1)?.text).toContain('earlier text');
  });
});

describe('normaliseText', () => {
  it('turns NBSP and narrow spaces into spaces, CRLF into LF, and drops zero-width characters', () => {
    expect(normaliseText('7140\u00a02288\u202f5163\u200b9904\r\nx')).toBe('7140 2288 51639904\nx');
  });
});
