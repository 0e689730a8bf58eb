import { normaliseText, segmentText } from '#core/text.ts';

describe('segmentText', () => {
  it('keeps an unquoted mail as one new segment', () => {
    expect(segmentText('Halo min\ninsentif blm masuk')).toEqual([
      { kind: 'new', author: null, text: 'Halo min\ninsentif blm masuk' },
    ]);
  });

  it('attributes each nested quote level to the author named in the attribution above it', () => {
    const text = [
      'Ini min datanya',
      'No kartu 2817 4409 6653 0126',
      '',
      'Pada tanggal Sen, 11 Mar 2024 pukul 08.52 Layanan Pengaduan <',
      'pengaduan@prakerja.example.id> menulis:',
      '',
      '> Mohon lengkapi data berikut.',
      '>',
      '> Pada Sen, 11 Mar 2024 pukul 08.37 Yuli <yuli@example.com>',
      '> menulis:',
      '> > insentif saya blm masuk',
    ].join('\n');
    expect(segmentText(text)).toEqual([
      { kind: 'new', author: null, text: 'Ini min datanya\nNo kartu 2817 4409 6653 0126' },
      { kind: 'quoted', author: 'pengaduan@prakerja.example.id', text: 'Mohon lengkapi data berikut.' },
      { kind: 'quoted', author: 'yuli@example.com', text: 'insentif saya blm masuk' },
    ]);
  });

  it('understands English "On ... wrote:" attributions and compact ">>" nesting', () => {
    const text = 'thanks\n\nOn Mon, 11 Mar 2024 Sarah <sarah@example.com> wrote:\n> first\n>> deeper';
    const segs = segmentText(text);
    expect(segs.map((s) => [s.kind, s.author, s.text])).toEqual([
      ['new', null, 'thanks'],
      ['quoted', 'sarah@example.com', 'first'],
      ['quoted', null, 'deeper'],
    ]);
  });

  it('keeps a Gmail forwarded message as a forwarded segment with its original author, dropping its header block', () => {
    const text = [
      'min ini email sy sebelumnya',
      '',
      '---------- Pesan yang diteruskan ---------',
      'Dari: Bayu Saputra <bayu@example.com>',
      'Date: Sab, 9 Mar 2024 pukul 20.41',
      'Subject: Insentif belum diterima',
      'To: <layanan@bank.example>',
      '',
      'No. Kartu Prakerja: 3204 1190 7751 2086',
    ].join('\n');
    expect(segmentText(text)).toEqual([
      { kind: 'new', author: null, text: 'min ini email sy sebelumnya' },
      { kind: 'forwarded', author: 'bayu@example.com', text: 'No. Kartu Prakerja: 3204 1190 7751 2086' },
    ]);
  });

  it('treats an Outlook "-----Original Message-----" block as quoted', () => {
    const text =
      'see below\n-----Original Message-----\nFrom: Admin <admin@example.id>\nSent: Monday\nSubject: x\n\nold text';
    const segs = segmentText(text);
    expect(segs[0]).toEqual({ kind: 'new', author: null, text: 'see below' });
    expect(segs.at(-1)).toMatchObject({ kind: 'quoted', author: 'admin@example.id' });
    expect(segs.at(-1)?.text).toContain('old text');
  });
});

describe('normaliseText', () => {
  it('turns NBSP and narrow spaces into spaces, CRLF into LF, and drops zero-width characters', () => {
    expect(normaliseText('7305\u00a01184\u202f6629\u200b0371\r\nx')).toBe('7305 1184 66290371\nx');
  });
});
