/**
 * The satisfaction survey as a participant meets it, in Debian's Chromium on a phone-sized screen
 * (360×740) against the local stack `npm start` runs: the link from the survey mail in the SES
 * store opens the form with its rating chosen and records nothing, the form records the rating,
 * both pages are free of serious axe-core findings, and the supervisor sees it in the console.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { CONSOLE_MAILS } from './fixture-mails.ts';
import { type Browser, type ConsoleStack, launchChromium, signIn, startConsoleStack, until } from './harness.ts';

const SLOW = 120_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 360, height: 740 };

let s: ConsoleStack;
let browser: Browser;
let ref: string;
let links: string[];

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}

/** A WIB date `days` from now: the report spans the day before to the day after, so a run that
 * crosses WIB midnight still counts the survey sent before it. */
const wibDate = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const report = async () =>
  (
    await s.api<{ total: { sent: number; answered: number; ratings: Record<string, number> } }>(
      'GET',
      `/reports/csat?from=${wibDate(-1)}&to=${wibDate(1)}`,
    )
  ).body.total;

beforeAll(async () => {
  // Prepare: a complaint, claimed and resolved; the survey due at once (no delay) and swept
  s = await startConsoleStack({ surveyDelayMinutes: 0 });
  browser = await launchChromium();
  await s.send(CONSOLE_MAILS.slice(0, 1));
  await s.untilReady(1);
  const agent = { agent: 'ani', queues: ['incentive' as const] };
  const claimed = await s.api<{ ticket: { ref: string } }>('POST', '/queues/incentive/claim', undefined, agent);
  ref = claimed.body.ticket.ref;
  await s.api('POST', `/tickets/${ref}/resolve`, { reply: 'Insentif Anda sudah kami proses.' }, agent);
  const mail = await until('the survey mail', async () => {
    await s.stack.pipeline.sweep();
    return (await s.sentMail()).find((m) => m.subject === `[${ref}] Bagaimana penanganan pengaduan Anda?`);
  });
  links = [...(mail.body.text ?? '').matchAll(/http:\/\/127\.0\.0\.1:\d+\/survey\?t=[A-Za-z0-9._-]+/g)].map(
    (m) => m[0],
  );
}, SLOW);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('the satisfaction survey page', () => {
  it(
    'opens from the survey mail’s link with that rating chosen, records nothing, and records the rating its form sends',
    async () => {
      // Prepare
      expect(links).toHaveLength(5);
      const page = await browser.context.newPage();
      await page.setViewportSize(PHONE);

      // Act: open the "4" link as the participant's mail client would
      await page.goto(links[3] ?? '');

      // Assess: the form, 4 chosen, nothing recorded, no serious accessibility finding
      await page.getByRole('heading', { level: 1, name: `Bagaimana penanganan pengaduan ${ref}?` }).waitFor();
      await expect(page.getByRole('radio', { name: '4 Puas' }).isChecked()).resolves.toBe(true);
      expect(await report()).toMatchObject({ sent: 1, answered: 0 });
      expect(await seriousAxeViolations(page)).toEqual([]);
      const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);

      // Act: change to 5, comment, send
      await page.getByRole('radio', { name: '5 Sangat puas' }).check();
      await page.getByRole('textbox', { name: 'Komentar (tidak wajib)' }).fill('Dijawab dengan jelas, terima kasih.');
      await page.getByRole('button', { name: 'Kirim penilaian' }).click();

      // Assess
      await page.getByRole('heading', { level: 1, name: 'Terima kasih atas penilaian Anda' }).waitFor();
      await expect(page.getByRole('status').textContent()).resolves.toContain(
        `Nilai 5 (Sangat puas) untuk pengaduan ${ref}`,
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await report()).toMatchObject({ sent: 1, answered: 1, ratings: { '5': 1 } });
      await page.close();
    },
    SLOW,
  );

  it(
    'shows a page saying so, not a form, for a link that was tampered with',
    async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize(PHONE);
      const response = await page.goto(`${(links[0] ?? '').slice(0, -4)}AAAA`);
      expect(response?.status()).toBe(403);
      await page.getByRole('heading', { level: 1, name: 'Tautan tidak sah' }).waitFor();
      expect(await page.getByRole('button').count()).toBe(0);
      await page.close();
    },
    SLOW,
  );

  it(
    'shows the rating in the supervisor’s CSAT report in the console',
    async () => {
      const page = await browser.context.newPage();
      await signIn(page, s.url, 'sri', 'all', true);
      await page.goto(`${s.url}#/supervisor`);
      const summary = page.getByRole('definition').filter({ hasText: '%' }).first();
      await summary.waitFor();
      await expect(page.locator('[data-csat="total"]').textContent()).resolves.toBe('100%');
      await expect(page.locator('[data-csat="response-rate"]').textContent()).resolves.toBe('100%');
      await expect(
        page
          .getByRole('table', { name: 'Per petugas (yang menyelesaikan)' })
          .getByRole('row', { name: /ani/ })
          .textContent(),
      ).resolves.toContain('1 / 1');
      await page.close();
    },
    SLOW,
  );
});
