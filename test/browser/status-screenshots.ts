#!/usr/bin/env -S npx tsx
/**
 * screenshots:status — the README's pictures of the participants' status page (docs/img/): the
 * reply in the SES emulator's viewer with its link, and the page that link opens after the
 * contact is confirmed, at a phone's size (360 wide, the whole page). Taken in Debian's Chromium
 * on the local stack with this folder's status mail. Not a test.
 */
import path from 'node:path';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { localSmtpClient } from '#local/smtp-client.ts';
import { launchChromium, startConsoleStack, until } from './harness.ts';
import { composeStatusMail, WAITING_FOR_DATA } from './status-mails.ts';

const IMG = path.join(import.meta.dirname, '..', '..', 'docs', 'img');

const s = await startConsoleStack();
const browser = await launchChromium();
try {
  const smtp = localSmtpClient(s.stack.ports.smtp, 1);
  await smtp.sendMail({
    envelope: { from: WAITING_FOR_DATA.from, to: [COMPLAINT_ADDRESS] },
    raw: await composeStatusMail(WAITING_FOR_DATA, '<status-screenshot-1@contoh-surel.example>'),
  });
  smtp.close();
  const reply = await until('the reply asking for the missing data', async () =>
    (await s.sentMail()).find((m) => m.destination.to[0] === WAITING_FOR_DATA.from),
  );
  const ref = /^\[(PRK-[0-9A-Z]{8})\]/.exec(reply.subject)?.[1] ?? '';
  const link = `${s.stack.urls.api}/cek/${ref}`;

  // The reply as the SES viewer shows it, in its HTML view.
  const viewer = await browser.context.newPage();
  await viewer.goto(s.stack.urls.sesViewer);
  const mail = viewer.locator('.email', { hasText: `[${ref}] Mohon lengkapi data pengaduan Anda` });
  await mail.getByRole('button', { name: 'Toggle HTML view' }).click();
  const anchor = mail.frameLocator('iframe').getByRole('link', { name: link });
  await anchor.waitFor();
  await mail.screenshot({ path: path.join(IMG, 'status-reply.png') });

  // The page the link opens, on a phone, after the contact is confirmed.
  const [page] = await Promise.all([browser.context.waitForEvent('page'), anchor.click()]);
  await page.setViewportSize({ width: 360, height: 740 });
  await page
    .getByRole('textbox', { name: 'Email atau nomor HP yang Anda pakai saat mengadu' })
    .fill(WAITING_FOR_DATA.from);
  await page.getByRole('button', { name: 'Lihat status' }).click();
  await page.getByRole('heading', { level: 1, name: 'Status pengaduan' }).waitFor();
  await page.screenshot({ path: path.join(IMG, 'status-page.png'), fullPage: true });
  console.log(`wrote status-reply.png and status-page.png (${ref}) in ${IMG}`);
} finally {
  await browser.close();
  await s.stop();
}
