import { classify, cleanSubject } from '#core/classify.ts';

const cat = (body: string, subject = '', quoted = '') => classify({ subject, body, quoted }).category;

describe('classify', () => {
  it.each([
    ['incentive', 'insentif sy blm masuk ke gopay padahal udh 2 minggu'],
    ['incentive', 'status insentif "Gagal" krn akun OVO blm premium, mohon dikirim ulang'],
    ['incentive', 'My incentive has not arrived in my DANA e-wallet'],
    ['incentive', 'insentif survei Rp 50.000 belum diterima'],
    ['certificate', 'sertifikat blm muncul di dashboard padahal udh kasih rating'],
    ['certificate', 'status pelatihan msh "belum selesai" padahal udh 100% dan udh ulasan'],
    ['certificate', 'Certificate not showing after I gave the review'],
    ['training', 'kode voucher tidak bisa diredeem di web lembaga pelatihan'],
    ['training', 'saldo pelatihan hangus padahal batas pembelian masih lama'],
    ['training', 'I want to cancel my course purchase and get the training balance back'],
    ['account', 'kode OTP ga masuk2, ga bisa login ke akun'],
    ['account', 'akun prakerja saya dinonaktifkan / diblokir'],
    ['account', 'mau ganti nomor hp di akun krn no lama hilang'],
    ['account', 'nama di akun salah ketik, mohon dibetulkan'],
    ['registration', 'pas daftar muncul "NIK sudah terdaftar"'],
    ['registration', 'sudah 5 gelombang tidak lolos seleksi terus'],
    ['registration', 'verifikasi foto KTP dan selfie gagal terus'],
    ['registration', 'apakah mahasiswa memenuhi syarat untuk mendaftar?'],
    ['fraud', 'ada situs palsu prakerjavip yang minta kode OTP'],
    ['fraud', 'ada yg nelpon ngaku petugas prakerja minta kode OTP buat pencairan insentif'],
    ['fraud', 'di tiktok ada jasa "pasti lolos" prakerja, katanya orang dalam'],
    ['fraud', 'akun prakerja saya dibajak orang, nomor hp diganti tanpa izin'],
    ['incentive', 'status pencairan gagal karena rekening bank saya tidak aktif, sudah saya aktifkan'],
    ['training', 'saya mau membatalkan pembelian kelas karena jadwal bentrok, apakah saldo bisa kembali?'],
    ['general', 'apakah ada info lowongan kerja setelah dapat sertifikat? bisa buat ngelamar kerja?'],
    ['general', 'Suggestion: please add more advanced courses and job recommendations'],
  ])('files as %s: "%s"', (expected, body) => {
    expect(cat(body)).toBe(expected);
  });

  it('falls back to general when nothing matches', () => {
    expect(classify({ subject: 'halo', body: 'selamat pagi', quoted: '' })).toMatchObject({
      category: 'general',
      priority: 'low',
    });
  });

  it('weighs the subject more than a passing mention in the body', () => {
    expect(cat('sy yg kemarin nanya insentif. skrg ini soal lain', 'sertifikat pelatihan ke 2 blm muncul')).toBe(
      'certificate',
    );
  });

  it("uses the participant's quoted earlier mail when the follow-up itself says nothing", () => {
    expect(
      cat(
        'Ini min datanya',
        'Re: [PRK-7K3M9Q2X] Mohon lengkapi data pengaduan Anda',
        'insentif OVO saya gagal dikembalikan',
      ),
    ).toBe('incentive');
  });

  it('puts fraud first and money high; urgency words raise the priority', () => {
    expect(classify({ subject: '', body: 'situs palsu minta OTP', quoted: '' }).priority).toBe('urgent');
    expect(classify({ subject: '', body: 'insentif blm masuk', quoted: '' }).priority).toBe('high');
    expect(classify({ subject: '', body: 'voucher error', quoted: '' }).priority).toBe('normal');
    expect(classify({ subject: '', body: 'voucher error, batas pembelian tinggal 3 hari', quoted: '' }).priority).toBe(
      'high',
    );
  });

  it('explains itself with the terms that matched the chosen category only', () => {
    const c = classify({ subject: 'insentif belum masuk', body: 'e-wallet DANA, sertifikat sudah ada', quoted: '' });
    expect(c.evidence.map((e) => e.detail)).toEqual([
      'incentive: insentif',
      'incentive: e-wallet / BNI account',
      'incentive: not received / failed transfer',
    ]);
  });
});

describe('cleanSubject', () => {
  it('drops reply prefixes, ticket references and our own template words', () => {
    expect(cleanSubject('Re: RE: [PRK-7K3M9Q2X] Mohon lengkapi data pengaduan Anda')).toBe('');
    expect(cleanSubject('Fwd: Insentif belum diterima')).toBe('Insentif belum diterima');
  });
});
