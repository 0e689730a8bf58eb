import { classify, cleanSubject, normaliseForRules, splitSettled, withoutDataLines } from '#core/classify.ts';

const cat = (body: string, subject = '', quoted = '') => classify({ subject, body, quoted }).category;

describe('classify', () => {
  it.each([
    ['incentive', 'insentif tahap 3 sy blm masuk ke ovo, udh nunggu 3 minggu'],
    ['incentive', 'status insentif "Gagal" krn akun LinkAja blm premium, tolong dikirim ulang'],
    ['incentive', 'My incentive has still not arrived in my GoPay wallet'],
    ['incentive', 'insentif survei Rp 100.000 belum diterima'],
    ['certificate', 'sertifikat blm tampil di dashboard padahal udh isi rating'],
    ['certificate', 'status pelatihan masih "belum selesai" padahal sudah 100% dan sudah kasih ulasan'],
    ['certificate', 'The certificate is not showing even after I wrote the review'],
    ['training', 'kode voucher ditolak terus di situs lembaga pelatihan'],
    ['training', 'saldo pelatihan hangus padahal batas pembelian belum lewat'],
    ['training', 'I would like to cancel the course I bought and get the training balance back'],
    ['account', 'kode OTP tidak pernah sampai ke hp, akibatnya gagal login terus'],
    ['account', 'akun prakerja saya diblokir tanpa alasan'],
    ['account', 'nama di akun salah ketik, tolong dibetulkan'],
    ['registration', 'waktu daftar keluar tulisan "NIK sudah terdaftar"'],
    ['registration', 'sudah ikut 4 gelombang tidak lolos seleksi juga'],
    ['registration', 'verifikasi foto KTP dan selfie saya ditolak terus'],
    ['registration', 'apakah pekerja paruh waktu memenuhi syarat untuk mendaftar?'],
    ['fraud', 'ada situs palsu prakerjabonus yang minta kode OTP'],
    ['fraud', 'td ditelpon orang, ngaku staf prakerja, mintain kode OTP biar danaku cepat cair'],
    ['fraud', 'di instagram ada jasa "pasti lolos" prakerja, katanya punya orang dalam'],
    ['fraud', 'akun prakerja saya dibajak, nomor hp diganti tanpa izin'],
    ['incentive', 'pencairan gagal terus karena rekening bank saya dormant, sekarang sudah aktif lagi'],
    ['training', 'mau membatalkan pembelian kelas karena jadwalnya bentrok, apakah saldonya bisa kembali?'],
    ['general', 'apakah ada info lowongan kerja untuk alumni? sertifikatnya bisa buat melamar kerja?'],
    ['general', 'Suggestion: please add more courses on accounting and job recommendations'],
  ])('files as %s: "%s"', (expected, body) => {
    expect(cat(body)).toBe(expected);
  });

  describe('by paraphrase', () => {
    it.each([
      ['incentive', 'uang 600 ribu nya kok belum masuk juga ya min'],
      ['incentive', 'dananya belum ditransfer sampai sekarang'],
      ['incentive', 'It has been a month and I have not been paid'],
      ['incentive', 'kapan pembayaran tahap kedua dikirim?'],
      ['account', 'hp saya hilang, mohon nomor di akun dipindah ke nomor baru'],
      ['account', 'nomor yang terdaftar sudah hangus, bagaimana cara menggantinya'],
      ['fraud', 'tadi ada yang minta saya transfer biaya admin 150rb supaya insentif cair'],
      ['fraud', 'someone told me to pay an admin fee before the incentive is released'],
      ['registration', 'ibu rumah tangga boleh ikut program ini tidak?'],
    ])('files as %s: "%s"', (expected, body) => {
      expect(cat(body)).toBe(expected);
    });
  });

  it('falls back to general when nothing matches', () => {
    expect(classify({ subject: 'halo', body: 'selamat sore', quoted: '' })).toMatchObject({
      category: 'general',
      priority: 'low',
    });
  });

  it('weighs the subject more than a passing mention in the body', () => {
    expect(cat('sy yg minggu lalu tanya insentif. skrg soal lain', 'sertifikat pelatihan ke 2 blm tampil')).toBe(
      'certificate',
    );
  });

  it("uses the participant's quoted earlier mail when the follow-up itself says nothing", () => {
    expect(
      cat(
        'Ini min datanya',
        'Re: [PRK-4T7M2Q9X] Mohon lengkapi data pengaduan Anda',
        'insentif GoPay saya gagal terus',
      ),
    ).toBe('incentive');
  });

  it('does not take "gelombang 58" (which wave they were in) for a registration problem', () => {
    expect(cat('Saya peserta gelombang 58. Mohon informasi jam layanan pengaduan.')).toBe('general');
    expect(cat('kapan gelombang berikutnya dibuka?')).toBe('registration');
  });

  it('ignores data lines: a bank account, a registered email, a labelled NIK', () => {
    const body =
      'sertifikat saya belum muncul\nRekening BNI saya 0123456789\nemail yang didaftarkan: a@example.com\nNIK saya yang terdaftar di kartu prakerja: 3273055408910007';
    expect(classify({ subject: '', body, quoted: '' }).scores).toMatchObject({ incentive: 0, registration: 0 });
  });

  it('puts fraud first and money high; urgency words raise the priority', () => {
    expect(classify({ subject: '', body: 'situs palsu minta OTP', quoted: '' }).priority).toBe('urgent');
    expect(classify({ subject: '', body: 'insentif blm masuk', quoted: '' }).priority).toBe('high');
    expect(classify({ subject: '', body: 'voucher error', quoted: '' }).priority).toBe('normal');
    expect(classify({ subject: '', body: 'voucher error, batas pembelian tinggal 2 hari', quoted: '' }).priority).toBe(
      'high',
    );
  });

  it('explains itself with the terms that matched the chosen category only', () => {
    const c = classify({ subject: 'insentif belum masuk', body: 'e-wallet OVO, sertifikat sudah ada', quoted: '' });
    expect(c.evidence.map((e) => e.detail)).toEqual([
      'incentive: insentif',
      'incentive: e-wallet / BNI account',
      'incentive: not received / failed transfer',
    ]);
  });
});

describe('classify: alternative readings, for dedupe', () => {
  it('offers a close reading that the mail itself gives evidence for', () => {
    const c = classify({
      subject: 'insentif & penipuan',
      body: 'insentif belum masuk ke OVO, tadi ada yg ngaku petugas',
      quoted: '',
    });
    expect(c).toMatchObject({ category: 'fraud', alternatives: ['incentive'] });
  });

  it('offers no reading from a settled earlier matter it only mentions', () => {
    const c = classify({
      subject: 'mau tanya',
      body: 'Soal insentif yang kemarin sudah beres, sekarang ada masalah lain. Prakerja itu programnya apa aja sih?',
      quoted: '',
    });
    expect(c).toMatchObject({ category: 'general', alternatives: [] });
  });

  it('offers no reading from quoted history alone', () => {
    const c = classify({ subject: 'saran', body: 'saran: tambah kelas menjahit', quoted: 'insentif saya belum cair' });
    expect(c).toMatchObject({ category: 'general', alternatives: [] });
  });

  it('offers every category for a mail that names no problem at all', () => {
    const c = classify({
      subject: 'Re: [PRK-4T7M2Q9X] Mohon lengkapi data pengaduan Anda',
      body: 'kok belum dibalas?',
      quoted: '',
    });
    expect(c.category).toBe('general');
    expect(c.alternatives).toEqual(['fraud', 'incentive', 'account', 'certificate', 'training', 'registration']);
  });
});

describe('text the rules read', () => {
  it('evens out chat spelling: tripled letters and the doubling "2"', () => {
    expect(normaliseForRules('Tolonggg, uangnya blm masuk2 MIN')).toBe('tolong, uangnya blm masuk min');
  });

  it('keeps amounts with their words and drops lines that only carry data', () => {
    expect(withoutDataLines('saldo hangus Rp 12.500.000\nno rek BRI 0521-01-004417-50-3\nHP: 0813 6627 0915')).toBe(
      'saldo hangus Rp 12.500.000',
    );
  });

  it('sets apart clauses about a settled earlier matter', () => {
    expect(splitSettled('urusan akun sudah beres, tapi sertifikat belum muncul')).toEqual({
      current: 'tapi sertifikat belum muncul',
      settled: 'urusan akun sudah beres',
    });
  });
});

describe('cleanSubject', () => {
  it('drops reply prefixes, ticket references and our own template words', () => {
    expect(cleanSubject('Re: RE: [PRK-4T7M2Q9X] Mohon lengkapi data pengaduan Anda')).toBe('');
    expect(cleanSubject('Fwd: Insentif belum diterima')).toBe('Insentif belum diterima');
  });
});
