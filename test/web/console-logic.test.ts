/** The console's pure logic (web/src): quotes, placeholders, errors, drafts, display. */
import { errorFrom, type SentReply, type Ticket } from '../../web/src/api.ts';
import { clearDraft, loadDraft, pruneDrafts, saveDraft } from '../../web/src/drafts.ts';
import { actionLabel, duration, formatPhone, replyOutcome, replyTime, wib } from '../../web/src/format.ts';
import { fillPlaceholders, placeholderRuns, searchCanned, unfilledPlaceholders } from '../../web/src/placeholders.ts';
import { splitQuoted } from '../../web/src/quoted.ts';

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  ref: 'PRK-AB12CD34',
  status: 'claimed',
  category: 'incentive',
  priority: 'high',
  fields: {
    cardNumber: '1234567812345678',
    phone: '+6281234567890',
    email: 'peserta@example.org',
    name: 'Rina Melati',
    nik: null,
  },
  missing: [],
  replyTo: null,
  senderVerified: true,
  messageCount: 1,
  createdAt: '2024-03-11T01:00:00.000Z',
  updatedAt: '2024-03-11T01:00:00.000Z',
  resolvedAt: null,
  linkedTo: null,
  heldBehind: null,
  readyAt: '2024-03-11T01:00:00.000Z',
  dueAt: null,
  claimedBy: 'ani',
  leaseExpiresAt: null,
  firstActionAt: null,
  waitingSince: null,
  remindedAt: null,
  overdue: false,
  ...over,
});

describe('quoted history', () => {
  it('splits the new text from an attribution line and what follows', () => {
    const r = splitQuoted('Sudah saya kirim datanya.\n\nPada Sen, 11 Mar 2024, Admin menulis:\n> Mohon lengkapi data');
    expect(r).toEqual({
      text: 'Sudah saya kirim datanya.',
      quoted: 'Pada Sen, 11 Mar 2024, Admin menulis:\n> Mohon lengkapi data',
    });
  });

  it('splits at the first "> " line and at an Outlook-style header block', () => {
    expect(splitQuoted('halo\n> lama').quoted).toBe('> lama');
    expect(splitQuoted('baru\nFrom: a@b.c\nSent: kemarin\nisi lama').quoted).toBe(
      'From: a@b.c\nSent: kemarin\nisi lama',
    );
  });

  it('keeps everything visible when there is no quote or the text starts with one', () => {
    expect(splitQuoted('tanpa kutipan')).toEqual({ text: 'tanpa kutipan', quoted: '' });
    expect(splitQuoted('> kutipan dulu\njawaban di bawah').quoted).toBe('');
  });
});

describe('canned response placeholders', () => {
  it('fills what the ticket knows, masks personal numbers, and leaves the rest visible', () => {
    const body = 'Halo {nama}, tiket {ref}, kartu {kartu}, HP {hp}, dari {petugas}. {tidakada}';
    const filled = fillPlaceholders(body, { ticket: ticket(), agent: 'ani' });
    expect(filled).toBe(
      'Halo Rina Melati, tiket PRK-AB12CD34, kartu 1234 **** **** 5678, HP +62812****7890, dari ani. {tidakada}',
    );
    expect(unfilledPlaceholders(filled)).toEqual(['{tidakada}']);
  });

  it('leaves {nama} for the agent when the ticket has no name', () => {
    const t = ticket({ fields: { cardNumber: null, phone: null, email: null, name: null, nik: null } });
    const filled = fillPlaceholders('Halo {nama} ({kartu})', { ticket: t, agent: 'ani' });
    expect(unfilledPlaceholders(filled)).toEqual(['{nama}', '{kartu}']);
    expect(placeholderRuns(filled)).toEqual([
      { text: 'Halo ', placeholder: false },
      { text: '{nama}', placeholder: true },
      { text: ' (', placeholder: false },
      { text: '{kartu}', placeholder: true },
      { text: ')', placeholder: false },
    ]);
  });

  it('searches titles and bodies without regard to case or accents', () => {
    const items = [
      { title: 'Insentif', body: 'pembayaran' },
      { title: 'Sertifikat', body: 'Dasbor' },
    ];
    expect(searchCanned(items, 'DASBOR').map((i) => i.title)).toEqual(['Sertifikat']);
    expect(searchCanned(items, 'insentíf bayar').map((i) => i.title)).toEqual(['Insentif']);
    expect(searchCanned(items, '')).toHaveLength(2);
  });
});

describe('API errors', () => {
  it('reads a route that does not exist yet as NotAvailable, locally and on API Gateway', () => {
    expect(errorFrom(404, { error: 'NotFound', message: 'no such route' }).kind).toBe('NotAvailable');
    expect(errorFrom(404, { message: 'Not Found' }).kind).toBe('NotAvailable');
    expect(errorFrom(405, { error: 'MethodNotAllowed', message: 'x' }).kind).toBe('NotAvailable');
  });

  it('keeps a real not-found, a lost lease and bad input apart', () => {
    expect(errorFrom(404, { error: 'NotFound', message: 'no ticket PRK-X' }).kind).toBe('NotFound');
    expect(errorFrom(409, { error: 'Conflict', message: 'claimed by another agent' })).toMatchObject({
      kind: 'Conflict',
      message: 'claimed by another agent',
    });
    expect(errorFrom(400, null).kind).toBe('BadRequest');
    expect(errorFrom(502, null).kind).toBe('Server');
  });
});

describe('drafts', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      get length() {
        return m.size;
      },
      key: (i: number) => [...m.keys()][i] ?? null,
    };
  };

  it('keeps what was typed per agent and ticket, and clears one part when it was sent', () => {
    const s = memory();
    const now = new Date('2024-03-11T03:00:00Z');
    saveDraft(s, 'ani/PRK-AB12CD34', { reply: 'balasan', note: 'catatan' }, now);
    expect(loadDraft(s, 'ani/PRK-AB12CD34')).toEqual({ reply: 'balasan', note: 'catatan', savedAt: now.toISOString() });
    expect(loadDraft(s, 'budi/PRK-AB12CD34')).toBeNull();
    clearDraft(s, 'ani/PRK-AB12CD34', 'reply');
    expect(loadDraft(s, 'ani/PRK-AB12CD34')?.reply).toBe('');
    expect(loadDraft(s, 'ani/PRK-AB12CD34')?.note).toBe('catatan');
  });

  it('drops drafts untouched for more than a week and nothing else', () => {
    const s = memory();
    saveDraft(s, 'ani/PRK-OLD00000', { reply: 'lama', note: '' }, new Date('2024-03-01T00:00:00Z'));
    saveDraft(s, 'ani/PRK-NEW00000', { reply: 'baru', note: '' }, new Date('2024-03-09T00:00:00Z'));
    s.setItem('other.key', 'x');
    pruneDrafts(s, new Date('2024-03-11T00:00:00Z'));
    expect(loadDraft(s, 'ani/PRK-OLD00000')).toBeNull();
    expect(loadDraft(s, 'ani/PRK-NEW00000')?.reply).toBe('baru');
    expect(s.getItem('other.key')).toBe('x');
  });
});

describe('display', () => {
  it('shows times in WIB, durations and phones the Indonesian way', () => {
    expect(wib('2024-03-11T07:05:00Z')).toBe('Sen 11 Mar 14.05 WIB');
    expect(wib(null)).toBe('—');
    expect(duration(45)).toBe('45 dtk');
    expect(duration(3 * 3600 + 5 * 60)).toBe('3 j 05 mnt');
    expect(formatPhone('+6285722106634')).toBe('+62 857-2210-6634');
  });
});

describe('history', () => {
  it('names every agent action in Indonesian, and shows one it does not know as recorded', () => {
    expect(actionLabel('correct_fields')).toBe('Mengoreksi data peserta');
    expect(actionLabel('claim')).toBe('Mengambil tiket');
    expect(actionLabel('escalate')).toBe('escalate');
    expect(actionLabel('toString')).toBe('toString');
  });
});

describe('replies', () => {
  const reply = (over: Partial<SentReply>): SentReply => ({
    jobId: 'j-1',
    ticketRef: 'PRK-AB12CD34',
    kind: 'acknowledge',
    to: 'pe***@example.org',
    status: 'sent',
    at: '2024-03-11T01:00:00.000Z',
    subject: '[PRK-AB12CD34] Pengaduan diterima',
    messageId: null,
    providerId: null,
    sentAt: '2024-03-11T01:00:05.000Z',
    reason: null,
    ...over,
  });

  it('says a sent reply was sent, with its subject, at the time it went out', () => {
    const r = reply({});
    expect([replyOutcome(r), replyTime(r)]).toEqual([
      { action: 'Balasan terkirim', detail: '[PRK-AB12CD34] Pengaduan diterima' },
      '2024-03-11T01:00:05.000Z',
    ]);
  });

  it('says a skipped or failed reply was not sent, and why, at the time it was queued', () => {
    const skipped = reply({ status: 'skipped', sentAt: null, reason: 'batas harian penerima tercapai' });
    const failed = reply({ status: 'failed', sentAt: null, reason: 'MessageRejected' });
    expect([replyOutcome(skipped), replyTime(skipped), replyOutcome(failed)]).toEqual([
      { action: 'Balasan tidak dikirim', detail: 'batas harian penerima tercapai' },
      '2024-03-11T01:00:00.000Z',
      { action: 'Balasan gagal dikirim', detail: 'MessageRejected' },
    ]);
  });
});
