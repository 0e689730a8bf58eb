/**
 * The participants' status page in a real browser (Debian's Chromium through playwright-core)
 * against the local stack `npm start` runs: a complaint in over SMTP, its reply's link followed
 * from the SES emulator's viewer, the contact confirmed, the timeline and what is missing read by
 * accessible name; without JavaScript too; and axe-core at a phone's and a laptop's size.
 */
import type { Page, Response } from 'playwright-core';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { localSmtpClient } from '#local/smtp-client.ts';
import {
  type Browser,
  type ConsoleStack,
  launchChromium,
  seriousAxeViolations,
  startConsoleStack,
  until,
} from './harness.ts';
import { composeStatusMail, WAITING_FOR_DATA } from './status-mails.ts';

const SLOW = 120_000;
const CONTACT_FIELD = 'Email atau nomor HP yang Anda pakai saat mengadu';
const UNKNOWN_REF = 'PRK-ZZZZZZZZ';

let s: ConsoleStack;
let browser: Browser;
let noScript: Browser;
let ref: string;
let link: string;

/** Sends the contact and waits for the page it gets back (the form post's response). */
async function confirm(page: Page, contact: string): Promise<Response> {
  await page.getByRole('textbox', { name: CONTACT_FIELD }).fill(contact);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/cek/')),
    page.getByRole('button', { name: 'Lihat status' }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

beforeAll(async () => {
  s = await startConsoleStack();
  [browser, noScript] = await Promise.all([launchChromium(), launchChromium({ javaScriptEnabled: false })]);
  const smtp = localSmtpClient(s.stack.ports.smtp, 1);
  await smtp.sendMail({
    envelope: { from: WAITING_FOR_DATA.from, to: [COMPLAINT_ADDRESS] },
    raw: await composeStatusMail(WAITING_FOR_DATA, '<status-page-fixture-1@contoh-surel.example>'),
  });
  smtp.close();
  const reply = await until('the reply asking for the missing data', async () =>
    (await s.sentMail()).find((m) => m.destination.to[0] === WAITING_FOR_DATA.from),
  );
  ref = /^\[(PRK-[0-9A-Z]{8})\]/.exec(reply.subject)?.[1] ?? '';
  link = `${s.stack.urls.api}/cek/${ref}`;
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await noScript?.close();
  await s?.stop();
});

describe('the participants status page', () => {
  it(
    'opens from the link in the reply in the SES viewer, and after the right contact shows the timeline and what is missing',
    async () => {
      // Prepare: the reply as the SES viewer shows it, in its HTML view
      const referers: (string | undefined)[] = [];
      browser.context.on('request', (r) => {
        if (r.url().startsWith(link)) referers.push(r.headers().referer);
      });
      const viewer = await browser.context.newPage();
      await viewer.goto(s.stack.urls.sesViewer);
      const mail = viewer.locator('.email', { hasText: `[${ref}] Mohon lengkapi data pengaduan Anda` });
      await mail.getByRole('button', { name: 'Toggle HTML view' }).click();

      // Act: follow the link (it opens a new tab), then confirm with the address the complaint came from
      const [page] = await Promise.all([
        browser.context.waitForEvent('page'),
        mail.frameLocator('iframe').getByRole('link', { name: link }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: 'Cek status pengaduan' }).waitFor();
      const form = await page.locator('main').textContent();
      const response = await confirm(page, WAITING_FOR_DATA.from);

      // Assess: the link alone showed nothing but the reference; no referrer went with it; the style sheet applied under the CSP
      expect(page.url()).toBe(link);
      expect(form).toContain(ref);
      expect(form).not.toMatch(/Insentif|Diterima|Menunggu/);
      expect(referers[0]).toBeUndefined();
      await expect(page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")).resolves.toBe(
        'rgb(11, 79, 138)',
      );

      // Assess: the status, by accessible name
      expect(response.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Status pengaduan' }).waitFor();
      await expect(page.locator('main').textContent()).resolves.toContain(ref);
      await expect(page.getByText('Saat ini:').textContent()).resolves.toBe('Saat ini: Menunggu data dari Anda');
      const timeline = page.getByRole('region', { name: 'Perjalanan pengaduan Anda' });
      const steps = await timeline.getByRole('listitem').allTextContents();
      expect(steps.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
        expect.stringMatching(/^✓Diterima Selesai\w+, \d+ \w+ \d{4} pukul \d{2}\.\d{2} WIB$/),
        expect.stringMatching(/^•Menunggu data dari Anda Saat ini ?sejak \w+, .* WIB$/),
        'Sedang ditangani Berikutnyabelum',
        'Dijawab Berikutnyabelum',
        'Ditutup Berikutnyabelum',
      ]);
      await expect(timeline.locator('[aria-current="step"]').textContent()).resolves.toContain(
        'Menunggu data dari Anda',
      );
      const needed = page.getByRole('region', { name: 'Yang masih kami perlukan dari Anda' });
      const items = await needed.getByRole('listitem').allTextContents();
      expect(items).toEqual([
        expect.stringContaining('Nomor Kartu Prakerja'),
        expect.stringContaining('Nomor HP yang terdaftar'),
      ]);
      await expect(needed.textContent()).resolves.toContain('balas email dari kami tentang pengaduan ini');
      await expect(page.getByRole('region', { name: 'Kapan kami menjawab' }).textContent()).resolves.toContain(
        'Setelah data Anda lengkap, kami menjawab paling lambat 24 jam layanan kemudian.', // incentive
      );
      await page.close();
      await viewer.close();
    },
    SLOW,
  );

  it(
    'works without JavaScript, and a wrong contact gets the same page and status code as an unknown reference',
    async () => {
      // Prepare
      const page = await noScript.context.newPage();

      // Act: a wrong contact for the real reference, the right contact for an unknown one, then the right pair
      await page.goto(link);
      const wrong = await confirm(page, 'bukan.sinta@contoh-surel.example');
      const wrongPage = await page.locator('main').innerHTML();
      await page.goto(`${s.stack.urls.api}/cek/${UNKNOWN_REF}`);
      const unknown = await confirm(page, WAITING_FOR_DATA.from);
      const unknownPage = await page.locator('main').innerHTML();
      await page.goto(link);
      const right = await confirm(page, WAITING_FOR_DATA.from.toUpperCase());

      // Assess
      expect([wrong.status(), unknown.status()]).toEqual([404, 404]);
      expect(unknownPage.replace(UNKNOWN_REF, ref)).toBe(wrongPage);
      expect(wrongPage).toContain('Kami tidak menemukan pengaduan dengan nomor tiket ini');
      expect(right.status()).toBe(200);
      await page.getByRole('heading', { level: 1, name: 'Status pengaduan' }).waitFor();
      await page.close();
    },
    SLOW,
  );

  it(
    'has no serious or critical axe-core violations at 360×740 and 1280×800 (form, not found, status)',
    async () => {
      // Prepare
      const page = await browser.context.newPage();
      const found: Record<string, string[]> = {};

      for (const size of [
        { width: 360, height: 740 },
        { width: 1280, height: 800 },
      ]) {
        // Act: each page as it is shown
        await page.setViewportSize(size);
        const at = `${size.width}x${size.height}`;
        await page.goto(link);
        found[`${at} form`] = await seriousAxeViolations(page);
        await confirm(page, 'bukan.sinta@contoh-surel.example');
        found[`${at} not found`] = await seriousAxeViolations(page);
        await confirm(page, WAITING_FOR_DATA.from);
        await page.getByRole('heading', { level: 1, name: 'Status pengaduan' }).waitFor();
        found[`${at} status`] = await seriousAxeViolations(page);
      }

      // Assess
      expect(found).toEqual({
        '360x740 form': [],
        '360x740 not found': [],
        '360x740 status': [],
        '1280x800 form': [],
        '1280x800 not found': [],
        '1280x800 status': [],
      });
      await page.close();
    },
    SLOW,
  );
});
