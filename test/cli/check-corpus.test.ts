import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { readCorpus, scanText } from '../../scripts/corpus-traces.ts';
import { mime } from '../support/mime.ts';

// A two-mail corpus of our own: one complaint, one that quotes the centre's reply.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'corpus-'));
  const complaint = await mime({
    from: 'Sekar Wirawan <sekar.wirawan@example.org>',
    subject: 'kode redeem tidak berlaku',
    text: 'Selamat malam, kode redeem dari lembaga tidak berlaku sejak kemarin sore.\nNo KP 6619 2044 8152 7730\nHP 0878 1102 5536',
  });
  const reply = await mime({
    from: 'Joko Lubis <joko.lubis@example.org>',
    subject: 'Re: data',
    text: `ini datanya\n\nPada Sen, 13 Mei 2024 Layanan <${COMPLAINT_ADDRESS}> menulis:\n> mohon kirimkan nomor kartu anda lewat balasan email ini`,
  });
  await writeFile(path.join(dir, 'c1.eml'), complaint);
  await writeFile(path.join(dir, 'c2.eml'), reply);
  const label = {
    cat: 'training',
    card: null,
    phone: null,
    email: null,
    name: null,
    nik: null,
    auto: false,
    dup: null,
  };
  await writeFile(
    path.join(dir, 'labels.json'),
    JSON.stringify([
      { ...label, id: 'c1', card: '6619204481527730', name: 'Sekar Wirawan' },
      { ...label, id: 'c2' },
    ]),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('corpus traces', () => {
  it('finds a corpus sentence, name, address and numbers however they are written', async () => {
    // Prepare
    const corpus = await readCorpus(dir);
    const text = [
      '// kode redeem dari lembaga tidak berlaku sejak',
      "const who = 'sekar wirawan';",
      "const from = 'Sekar.Wirawan@example.org';",
      "const card = '6619-2044-8152-7730';",
      "const phone = '+62 878-1102-5536';",
    ].join('\n');
    // Act
    const found = scanText('x.ts', text, corpus);
    // Assess
    expect(found.map((f) => [f.line, f.kind])).toEqual([
      [1, 'sentence'],
      [2, 'name'],
      [3, 'email'],
      [4, 'number'],
      [5, 'number'],
    ]);
  });

  it("finds nothing in text of our own, the centre's address, or the centre's quoted reply", async () => {
    const corpus = await readCorpus(dir);
    const text = [
      'kode voucher ditolak waktu ditukar di situs lembaga',
      'pengaduan@prakerja.example.id',
      'mohon kirimkan nomor kartu anda lewat balasan email ini',
      'tanggal 13 Mei 2024, nomor 7140 2288 5163 9904',
    ].join('\n');
    expect(scanText('y.ts', text, corpus)).toEqual([]);
  });
});
