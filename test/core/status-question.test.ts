/**
 * The status-question detector: a follow-up that only asks where the complaint stands, in
 * Indonesian (formal and chat spelling) or English; not a mail that brings data or a problem
 * of its own, nor our own subject quoted back. Examples written for this test.
 */
import { asksOnlyForStatus, STATUS_QUESTION_MAX_WORDS, type StatusQuestionInput } from '#core/status-question.ts';

const NO_DATA: StatusQuestionInput['fields'] = { cardNumber: null, phone: null, nik: null };
const asks = (body: string, subject = '', fields = NO_DATA) => asksOnlyForStatus({ subject, body, fields });

describe('asksOnlyForStatus', () => {
  it.each([
    'Selamat sore, pengaduan saya kemarin sudah sampai mana ya kak?',
    'udah sampe mana min laporanku',
    'Gimana kabarnya laporan saya? Terima kasih',
    'bagaimana perkembangan pengaduan saya yang minggu lalu',
    'gmn kelanjutannya min??',
    'Laporan saya gimana ya, belum ada kabar',
    'min ada update?',
    'Mohon info perkembangannya. Salam, Putri',
    'kok belum dibalas ya min',
    'Sudah tiga hari tidak ada tanggapan dari admin',
    'kapan laporan saya diproses?',
    'Apakah pengaduan saya sudah ditindaklanjuti?',
    'mau cek status laporan saya',
    'Hi, any update on my complaint?',
    "What's the status of my ticket?",
    'I am still waiting for a reply. Thanks',
    'Following up on my earlier email.',
  ])('reads "%s" as only asking where things stand', (body) => {
    expect(asks(body)).toBe(true);
  });

  it('reads a status question in the subject with an empty body', () => {
    expect(asks('', 'Re: [PRK-7K3M9Q2X] sudah sampai mana?')).toBe(true);
  });

  it.each([
    'Insentif saya belum masuk, mohon dibantu',
    'sertifikat pelatihan tidak muncul di dashboard',
    'bagaimana cara daftar gelombang berikutnya?',
    'Terima kasih min, sudah saya terima',
    'ada info pendaftaran gelombang baru?',
    'pembayaran insentif belum diproses oleh bank',
  ])('does not read the complaint or question "%s" as a status question', (body) => {
    expect(asks(body)).toBe(false);
  });

  it('does not take our own status reply subject, quoted back, as the question', () => {
    expect(asks('terima kasih infonya min', 'Re: [PRK-7K3M9Q2X] Status pengaduan Anda')).toBe(false);
  });

  it('does not count a status question that brings data: it is a follow-up with content', () => {
    const withCard = { ...NO_DATA, cardNumber: '4417229088315520' };
    const withPhone = { ...NO_DATA, phone: '+6281277334091' };
    expect(asks('sudah sampai mana? ini nomor kartu saya', '', withCard)).toBe(false);
    expect(asks('gimana kabarnya? hp saya yang baru ini', '', withPhone)).toBe(false);
  });

  it(`does not count a long mail (more than ${STATUS_QUESTION_MAX_WORDS} words) that also asks for news`, () => {
    // Prepare: a status question followed by a long new account of the problem
    const story = Array.from({ length: 5 }, () => 'saya sudah mencoba masuk ke akun tetapi halaman terus memuat').join(
      ', ',
    );

    // Act / Assess
    expect(asks(`sudah sampai mana ya min? ${story}`)).toBe(false);
    expect(asks('sudah sampai mana ya min?')).toBe(true);
  });
});
