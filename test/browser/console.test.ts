/**
 * The agents' console in a real browser (Debian's Chromium through playwright-core) against the
 * local stack `npm start` runs: mail in over SMTP, the console served by the agent API server,
 * replies checked in the SES emulator's store. Tests run in order on one stack and share its
 * tickets: 3 incentive and 2 certificate complaints.
 */
import type { Page } from 'playwright-core';
import {
  ACCOUNT_CHANGE,
  CERTIFICATE_QUESTION,
  CONSOLE_MAILS,
  type FixtureMail,
  FRAUD_REPORT,
  INCENTIVE_WAITING,
  SAME_PARTICIPANT,
} from './fixture-mails.ts';
import {
  type Browser,
  type ConsoleStack,
  launchChromium,
  seriousAxeViolations,
  signIn,
  startConsoleStack,
  until,
} from './harness.ts';

const SLOW = 120_000;

let s: ConsoleStack;
let browser: Browser;

const groupCard = (card: string) => card.replace(/(.{4})(?=.)/g, '$1 ');
const heading = (page: Page) => page.getByRole('heading', { level: 1, name: /^PRK-[0-9A-Z]{8}$/ });
const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Balasan', exact: true });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function ticketRef(page: Page): Promise<string> {
  await heading(page).waitFor();
  return (await heading(page).textContent())?.trim() ?? '';
}

/** The fixture mail whose subject the open ticket's thread shows. */
async function mailOnScreen(page: Page): Promise<FixtureMail> {
  const thread = page.getByRole('region', { name: 'Isi percakapan' });
  await thread
    .getByText(/belum|tidak|salah/)
    .first()
    .waitFor();
  const text = (await thread.textContent()) ?? '';
  const mail = CONSOLE_MAILS.find((m) => text.includes(m.subject));
  if (!mail) throw new Error(`no fixture mail on screen: ${text.slice(0, 200)}`);
  return mail;
}

interface Summary {
  ref: string;
  status: string;
  category: string;
}

/** The participant's tickets once triage filed this many of them ready (searched as a supervisor). */
async function readyTickets(address: string, count = 1): Promise<Summary[]> {
  return until(`${count} ready ticket(s) from ${address}`, async () => {
    const r = await s.api<{ items: Summary[] }>('GET', `/search?q=${encodeURIComponent(address)}`);
    const ready = (r.body.items ?? []).filter((t) => t.status === 'ready');
    return ready.length >= count ? ready : null;
  });
}

type TicketDetail = {
  ticket: { ref: string; status: string; category: string; claimedBy: string | null; replyTo: string };
  replies: { kind: string; status: string }[];
};
const ticketOf = async (ref: string) => (await s.api<TicketDetail>('GET', `/tickets/${ref}`)).body;

beforeAll(async () => {
  s = await startConsoleStack();
  browser = await launchChromium();
  await s.send(CONSOLE_MAILS);
  await s.untilReady(CONSOLE_MAILS.length);
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('the agents console', () => {
  it(
    'signs in, takes the next ticket, shows its fields with evidence, replies with a canned response, resolves and lands on the next ticket',
    async () => {
      // Prepare
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'ani', ['incentive']);

      // Act: get next
      await button(page, 'Ambil tiket berikutnya').click();
      const first = await ticketRef(page);
      const mail = await mailOnScreen(page);

      // Assess: the fields and where they came from; the NIK row never shows digits
      const card = page.locator('[data-field="cardNumber"]');
      await expect(card.textContent()).resolves.toBe(groupCard(mail.card));
      await page
        .getByText(/^dari isi pesan/)
        .first()
        .waitFor();
      await expect(page.locator('[data-field="email"]').textContent()).resolves.toBe(mail.from);

      // Act: "/" in the reply box, search, Enter inserts the template filled from the ticket
      await replyBox(page).click();
      await page.keyboard.type('/');
      await page.getByRole('combobox', { name: 'Cari template' }).fill('insentif diperiksa');
      await page.keyboard.press('Enter');
      const reply = await replyBox(page).inputValue();
      expect(reply).toContain(first);
      expect(reply).toContain(`${mail.card.slice(0, 4)} **** **** ${mail.card.slice(-4)}`);
      expect(reply).toContain(`Halo ${mail.name},`);
      expect(reply).not.toMatch(/\{[a-z]+\}/);
      await button(page, 'Kirim & selesaikan').click();

      // Assess: play mode opened the next incentive ticket; the reply went out threaded under the reference
      await until('the next ticket', async () => (await ticketRef(page)) !== first);
      const next = await ticketRef(page);
      expect(next).toMatch(/^PRK-/);
      const status = await s.api<{ ticket: { status: string } }>('GET', `/tickets/${first}`);
      expect(status.body.ticket.status).toBe('resolved');
      const sent = await until('the agent reply in the SES store', async () =>
        (await s.sentMail()).find(
          (m) => m.destination.to[0] === mail.from && m.body.text?.includes('sedang kami periksa'),
        ),
      );
      expect(sent.subject).toContain(first);
      expect(sent.body.text).toContain(`Halo ${mail.name},`);
      await page.close();
    },
    SLOW,
  );

  it(
    'keeps the typed reply as a draft when the lease is lost while typing, and says so',
    async () => {
      // Prepare: ani still holds the ticket play mode opened; sign in again in a fresh tab as budi
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'budi', ['incentive']);
      await button(page, 'Ambil tiket berikutnya').click();
      const ref = await ticketRef(page);
      await replyBox(page).fill('Mohon maaf atas keterlambatannya, kami sedang memeriksa.');

      // Act: the lease is lost meanwhile (a supervisor takes the ticket back), then budi sends
      const released = await s.api('POST', `/tickets/${ref}/release`, { reason: 'test' });
      expect(released.status).toBe(200);
      await button(page, 'Kirim & selesaikan').click();

      // Assess: a clear banner, the text still there, and still there after a reload
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/tidak Anda pegang/);
      await expect(replyBox(page).inputValue()).resolves.toBe(
        'Mohon maaf atas keterlambatannya, kami sedang memeriksa.',
      );
      await page.reload();
      await heading(page).waitFor();
      await expect(replyBox(page).inputValue()).resolves.toBe(
        'Mohon maaf atas keterlambatannya, kami sedang memeriksa.',
      );
      const ticket = await s.api<{ ticket: { status: string } }>('GET', `/tickets/${ref}`);
      expect(ticket.body.ticket.status).toBe('ready');
      await page.close();
    },
    SLOW,
  );

  it(
    'lets a supervisor find a ticket by its reference and move it to another queue with a reason',
    async () => {
      // Prepare: a ready incentive ticket
      const queues = await s.api<{ queues: { category: string; ready: number }[] }>('GET', '/queues');
      expect(queues.body.queues.find((q) => q.category === 'incentive')?.ready).toBeGreaterThan(0);
      const claimed = await s.api<{ ticket: { ref: string } }>('POST', '/queues/incentive/claim', undefined, {
        agent: 'someone-else',
        queues: ['incentive'],
      });
      const ref = claimed.body.ticket.ref;
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'sri', [], true);

      // Act
      await page.getByRole('link', { name: 'Supervisor', exact: true }).click();
      await page.getByRole('searchbox', { name: 'Nomor tiket, kartu, HP atau email' }).fill(ref);
      await button(page, 'Cari').click();
      await expect(ticketRef(page)).resolves.toBe(ref);
      await page.getByText(`Tiket ini sedang dipegang someone-else`).waitFor();
      await page.getByRole('region', { name: 'Riwayat' }).getByText('someone-else · Mengambil tiket').waitFor();
      await page.getByRole('combobox', { name: 'Kategori tujuan' }).selectOption({ label: 'Pelatihan' });
      await page.getByRole('textbox', { name: 'Alasan pemindahan' }).fill('Keluhannya tentang jadwal kelas pelatihan');
      await button(page, 'Pindahkan').click();

      // Assess
      await page.getByRole('status').getByText(`${ref} dipindahkan ke Pelatihan.`).waitFor();
      const after = await s.api<{ ticket: { category: string; status: string; claimedBy: string | null } }>(
        'GET',
        `/tickets/${ref}`,
      );
      expect(after.body.ticket).toMatchObject({ category: 'training', status: 'ready', claimedBy: null });
      await page.close();
    },
    SLOW,
  );

  it(
    'works a ticket with the keyboard alone: sign in, n, r, type, Ctrl+Enter, ? for the keys',
    async () => {
      // Prepare: a clean sign-in form (defaults: every queue, not a supervisor)
      const page = await browser.context.newPage();
      await page.goto(s.url);
      await page.evaluate(() => localStorage.removeItem('prk.signin'));
      await page.reload();
      await page.getByLabel('Nama petugas').waitFor();

      // Act: Tab to the name field, type, Enter; then the console's keys
      await page.keyboard.press('Tab');
      await page.keyboard.type('citra');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Antrian', exact: true }).waitFor();
      await page.keyboard.press('n');
      const ref = await ticketRef(page);
      const mail = await mailOnScreen(page);
      await page.keyboard.press('r');
      await expect(page.evaluate('document.activeElement?.tagName')).resolves.toBe('TEXTAREA');
      await page.keyboard.type('Terima kasih, data Anda sudah kami perbaiki.');
      await page.keyboard.press('Control+Enter');

      // Assess: resolved, and the reply is in the SES store
      await until('the ticket to be resolved', async () => {
        const t = await s.api<{ ticket: { status: string } }>('GET', `/tickets/${ref}`);
        return t.body.ticket.status === 'resolved';
      });
      await until('the keyboard reply in the SES store', async () =>
        (await s.sentMail()).some(
          (m) => m.destination.to[0] === mail.from && m.body.text?.includes('sudah kami perbaiki'),
        ),
      );

      // Act and assess: "?" lists the keys, Esc closes the list
      await until(
        'play mode to settle',
        async () => (await heading(page).count()) === 0 || (await ticketRef(page)) !== ref,
      );
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      const keys = page.getByRole('dialog', { name: 'Pintasan keyboard' });
      await keys.waitFor();
      await expect(keys.textContent()).resolves.toContain('Kirim & selesaikan');
      await page.keyboard.press('Escape');
      await keys.waitFor({ state: 'hidden' });
      await page.close();
    },
    SLOW,
  );

  it(
    'takes the most urgent ticket over all the agent’s queues with get next: a fraud report before an older incentive complaint',
    async () => {
      // Prepare: an incentive complaint, then a fraud report (urgent) in another queue
      await s.send([INCENTIVE_WAITING], 10);
      const [incentive] = await readyTickets(INCENTIVE_WAITING.from);
      await s.send([FRAUD_REPORT], 11);
      const [fraud] = await readyTickets(FRAUD_REPORT.from);
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'gita', ['incentive', 'fraud']);

      // Act
      await button(page, 'Ambil tiket berikutnya').click();

      // Assess: the fraud report first, claimed by gita; after resolving it, play mode goes on to an incentive ticket
      await expect(ticketRef(page)).resolves.toBe(fraud?.ref);
      expect((await ticketOf(fraud?.ref ?? '')).ticket).toMatchObject({ category: 'fraud', claimedBy: 'gita' });
      expect((await ticketOf(incentive?.ref ?? '')).ticket.status).toBe('ready'); // older, passed over
      await replyBox(page).fill('Itu penipuan. Jangan berikan kode OTP kepada siapa pun.');
      await button(page, 'Kirim & selesaikan').click();
      await until('the next ticket', async () => (await ticketRef(page)) !== fraud?.ref);
      const next = await ticketOf(await ticketRef(page));
      expect(next.ticket).toMatchObject({ category: 'incentive', claimedBy: 'gita' });
      await page.close();
    },
    SLOW,
  );

  it(
    'lets a supervisor add a canned response on the templates page, which an agent then inserts with /',
    async () => {
      // Prepare: a fresh incentive complaint for the agent
      await s.send([ACCOUNT_CHANGE], 12);
      await readyTickets(ACCOUNT_CHANGE.from);
      const sup = await browser.context.newPage();
      await signIn(sup, s.url, 'sri', [], true);

      // Act: the supervisor adds a template with placeholders
      await sup.getByRole('link', { name: 'Template balasan', exact: true }).click();
      await button(sup, 'Tambah template').click();
      await sup.getByRole('textbox', { name: 'Judul', exact: true }).fill('Rekening sudah diperbarui');
      await sup
        .getByRole('textbox', { name: 'Isi', exact: true })
        .fill(
          'Halo {nama},\n\nRekening untuk kartu {kartu} sudah kami perbarui; insentif berikutnya masuk ke rekening baru (tiket {ref}).\n\nSalam,\n{petugas}',
        );
      await button(sup, 'Simpan').click();
      await sup.getByRole('heading', { name: 'Rekening sudah diperbarui', level: 2 }).waitFor();
      await sup.close();

      // Act: an agent takes the next ticket and inserts it with "/"
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'yuni', ['incentive']);
      await button(page, 'Ambil tiket berikutnya').click();
      const ref = await ticketRef(page);
      const { ticket } = await ticketOf(ref);
      await replyBox(page).click();
      await page.keyboard.type('/');
      await page.getByRole('combobox', { name: 'Cari template' }).fill('rekening sudah');
      await page.keyboard.press('Enter');

      // Assess: filled from the ticket, sent as written
      const reply = await replyBox(page).inputValue();
      expect(reply).toContain(`kami perbarui; insentif berikutnya masuk ke rekening baru (tiket ${ref})`);
      expect(reply).toContain('yuni');
      expect(reply).not.toMatch(/\{[a-z]+\}/);
      await button(page, 'Kirim & selesaikan').click();
      await until('the template reply in the SES store', async () =>
        (await s.sentMail()).some(
          (m) => m.destination.to[0] === ticket.replyTo && m.body.text?.includes('rekening baru (tiket'),
        ),
      );
      await page.close();
    },
    SLOW,
  );

  it(
    'asks the participant: the question is mailed threaded, the ticket waits, and their answer puts it back on the list',
    async () => {
      // Prepare
      await s.send([CERTIFICATE_QUESTION], 13);
      const [asked] = await readyTickets(CERTIFICATE_QUESTION.from);
      // Other certificate tickets may be more urgent: someone else takes them, and gives this one back (to the front).
      for (;;) {
        const r = await s.api<{ ticket: { ref: string } }>('POST', '/queues/certificate/claim', undefined, {
          agent: 'someone-else',
          queues: ['certificate'],
        });
        if (r.body.ticket.ref !== asked?.ref) continue;
        await s.api('POST', `/tickets/${asked.ref}/release`, { reason: 'test' });
        break;
      }
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'nina', ['certificate']);
      await button(page, 'Ambil tiket berikutnya').click();
      const ref = await ticketRef(page);
      expect(ref).toBe(asked?.ref);

      // Act
      await replyBox(page).fill('Apakah tombol unduh tidak muncul di aplikasi atau di situs web?');
      await button(page, 'Tanya peserta').click();

      // Assess: said so, the ticket waits, the question went out under the reference
      await page.getByRole('status').getByText(`Pertanyaan terkirim; ${ref} menunggu jawaban peserta.`).waitFor();
      expect((await ticketOf(ref)).ticket).toMatchObject({ status: 'waiting_participant', claimedBy: null });
      const question = await until('the question in the SES store', async () =>
        (await s.sentMail()).find(
          (m) => m.destination.to[0] === CERTIFICATE_QUESTION.from && m.body.text?.includes('tombol unduh'),
        ),
      );
      expect(question.subject).toBe(`[${ref}] Pertanyaan petugas tentang pengaduan Anda`);

      // Act: the participant answers in the thread
      await s.sendRaw(
        CERTIFICATE_QUESTION.from,
        [
          `From: ${CERTIFICATE_QUESTION.name} <${CERTIFICATE_QUESTION.from}>`,
          'To: pengaduan@prakerja.example.id',
          `Subject: Re: ${question.subject}`,
          'Message-ID: <nurul-jawab@example.com>',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Di situs web, kak. Di aplikasi juga tidak ada.',
        ].join('\r\n'),
      );

      // Assess: back on the list with the answer
      await until('the ticket back on its list', async () => {
        const t = await ticketOf(ref);
        return t.ticket.status === 'ready' && t.replies.some((r) => r.kind === 'agent_ask' && r.status === 'sent');
      });
      await page.close();
    },
    SLOW,
  );

  it(
    'shows the participant’s other tickets on the ticket, with what they share',
    async () => {
      // Prepare: one participant, two issues, two queues
      await s.send(SAME_PARTICIPANT, 14);
      const tickets = await readyTickets(SAME_PARTICIPANT[0]?.from ?? '', 2);
      const incentive = tickets.find((t) => t.category === 'incentive');
      const certificate = tickets.find((t) => t.category === 'certificate');
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'sri', [], true);

      // Act: open the incentive ticket
      await page.goto(`${s.url}#/tiket/${incentive?.ref}`);
      await expect(ticketRef(page)).resolves.toBe(incentive?.ref);

      // Assess: the certificate ticket is listed, with the keys they share
      const related = page.getByRole('list', { name: 'Tiket lain peserta ini' });
      await related.getByRole('link', { name: certificate?.ref ?? '' }).waitFor();
      await expect(related.textContent()).resolves.toMatch(/Sertifikat.*peserta sama, masalah lain/);
      await page.close();
    },
    SLOW,
  );

  it(
    'has no serious or critical axe-core violations at 1280×800 (sign-in, queues, workspace, supervisor, templates)',
    async () => {
      // Prepare
      const page = await browser.context.newPage();
      await page.goto(s.url);
      await page.evaluate(() => sessionStorage.clear());
      await page.reload();
      await page.getByLabel('Nama petugas').waitFor();
      const found: Record<string, string[]> = {};

      // Act: each page as it is shown
      found.signIn = await seriousAxeViolations(page);
      await signIn(page, s.url, 'dian', 'all', true);
      await page.getByRole('table').waitFor();
      found.queues = await seriousAxeViolations(page);
      await button(page, 'Ambil tiket berikutnya').click();
      await heading(page).waitFor();
      await page.getByRole('heading', { name: 'Data peserta' }).waitFor();
      found.workspace = await seriousAxeViolations(page);
      await replyBox(page).fill('');
      await page.keyboard.type('/');
      await page.getByRole('combobox', { name: 'Cari template' }).waitFor();
      found.cannedPicker = await seriousAxeViolations(page);
      await page.keyboard.press('Escape');
      await page.getByRole('link', { name: 'Supervisor', exact: true }).click();
      await page.getByRole('heading', { name: 'Email yang disisihkan' }).waitFor();
      found.supervisor = await seriousAxeViolations(page);
      await page.getByRole('link', { name: 'Template balasan', exact: true }).click();
      await page.getByRole('heading', { name: 'Template balasan', level: 1 }).waitFor();
      found.templates = await seriousAxeViolations(page);

      // Assess
      expect(found).toEqual({ signIn: [], queues: [], workspace: [], cannedPicker: [], supervisor: [], templates: [] });
      await page.close();
    },
    SLOW,
  );
});
