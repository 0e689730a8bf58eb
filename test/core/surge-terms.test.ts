import { bandKeys, minHash, similarity } from '#core/surge/minhash.ts';
import { complaintTerms, MAX_TERMS } from '#core/surge/terms.ts';

const terms = (subject: string, body = '', sender: { name?: string; address?: string } = {}) =>
  complaintTerms({ subject, body, senderName: sender.name, senderAddress: sender.address }).terms;

describe('complaint terms', () => {
  it('lower-cases, folds chat spellings and leaves stop words out', () => {
    // Prepare / Act
    const result = terms('Insentif blm msk2', 'sy udh nunggu lama tp gk ada kabar');

    // Assess: "blm", "msk2", "sy", "udh", "tp", "gk" are folded and dropped as stop words or kept standard
    expect(result).toEqual(['insentif', 'masuk', 'nunggu', 'kabar']);
  });

  it('joins a stage or wave with its ordinal, however it is written', () => {
    expect(terms('tahap 2')).toEqual(['tahap_2']);
    expect(terms('Tahap II')).toEqual(['tahap_2']);
    expect(terms('tahap kedua')).toEqual(['tahap_2']);
    expect(terms('tahap ke-2')).toEqual(['tahap_2']);
    expect(terms('pencairan ke 3')).toEqual(['pencairan_3']);
    expect(terms('gelombang 12')).toEqual(['gelombang_12']);
    expect(terms('insentif ke-2')).toEqual(['insentif', 'ke_2']);
  });

  it('does not read a duration as an ordinal', () => {
    expect(terms('pencairan 2 minggu')).toEqual(['pencairan', 'minggu']);
  });

  it('never turns numbers, email addresses or the sender name into terms', () => {
    // Prepare: a data block with made-up values, and the sender's own name in the text
    const body = [
      'Kartu prakerja 5123 4455 6677 8899, NIK 3276014509990002',
      'hp 0813-2233-4455 email lama rini.wulandari77@surel.example',
      'saya Rini Wulandari sudah transfer Rp 250.000',
    ].join('\n');

    // Act
    const result = terms('cek data', body, { name: 'Rini Wulandari', address: 'rini.w@surel.example' });

    // Assess
    expect(result).toEqual(['cek', 'data', 'transfer']);
    expect(result.join(' ')).not.toMatch(/\d|rini|wulandari|surel/);
  });

  it('drops Nama: lines and the sign-off block at the end', () => {
    const body =
      'Video kelas macet terus.\nNama: Yusuf Hidayat\nNama lengkap = Yusuf H\n\nTerima kasih,\nYusuf Hidayat\n';
    expect(terms('', body)).toEqual(['video', 'kelas', 'macet']);
  });

  it('drops a last line of a few capitalised words (a signature without a closing word)', () => {
    expect(terms('', 'voucher ditolak terus\nAgus Salim')).toEqual(['voucher', 'ditolak']);
  });

  it("keeps a link's host name (a fake site's name is news) but not its path", () => {
    const result = terms('situs aneh', 'ada link https://hadiah-kartu.example/klaim?kode=XYZ123 minta data');
    expect(result).toEqual(['situs', 'aneh', 'link', 'hadiah', 'example', 'data']);
  });

  it('keeps subject terms first, each term once, and at most MAX_TERMS of them', () => {
    // Prepare: more distinct words than the cap, some repeated
    const many = Array.from(
      { length: MAX_TERMS + 10 },
      (_, i) => `kata${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'x' : ''}`,
    );
    const body = `${many.join(' ')} ${many.join(' ')}`;

    // Act
    const result = terms('sertifikat hilang', body);

    // Assess
    expect(result).toHaveLength(MAX_TERMS);
    expect(result.slice(0, 2)).toEqual(['sertifikat', 'hilang']);
    expect(new Set(result).size).toBe(result.length);
  });

  it('gives adjacent term pairs as shingles', () => {
    const { shingles } = complaintTerms({ subject: 'voucher pelatihan', body: 'voucher ditolak' });
    expect(shingles).toEqual(['voucher pelatihan', 'pelatihan voucher', 'voucher ditolak']);
  });
});

describe('MinHash', () => {
  const sig = (text: string) => minHash(complaintTerms({ subject: '', body: text }).shingles);
  const base = 'aplikasi pelatihan tidak bisa dibuka sejak pagi muncul layar putih lalu keluar sendiri dari aplikasi';

  it('gives identical texts similarity 1 and the same band keys', () => {
    expect(similarity(sig(base), sig(base))).toBe(1);
    expect(bandKeys(sig(base))).toEqual(bandKeys(sig(base)));
  });

  it('rates a lightly edited copy as near-identical and an unrelated complaint as different', () => {
    // Prepare
    const edited = `${base} mohon segera diperbaiki`;
    const unrelated = 'nama ibu kandung di data akun salah ketik ingin mengganti supaya cocok dengan dokumen';

    // Act
    const near = similarity(sig(base), sig(edited));
    const far = similarity(sig(base), sig(unrelated));

    // Assess
    expect(near).toBeGreaterThanOrEqual(0.6);
    expect(far).toBeLessThanOrEqual(0.1);
    expect(bandKeys(sig(base)).some((k) => bandKeys(sig(edited)).includes(k))).toBe(true);
  });

  it('treats a text without shingles as similar to nothing, not even itself', () => {
    expect(similarity(minHash([]), minHash([]))).toBe(0);
  });
});
