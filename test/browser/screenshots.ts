#!/usr/bin/env -S npx tsx
/**
 * screenshots:console — the README's pictures of the console (docs/img/), taken in Debian's
 * Chromium at 1280×800 on the local stack with this folder's fixture mails. Not a test.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CONSOLE_MAILS, SAME_PARTICIPANT } from './fixture-mails.ts';
import { launchChromium, signIn, startConsoleStack } from './harness.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const IMG = path.join(ROOT, 'docs', 'img');
execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });

const stack = await startConsoleStack();
const browser = await launchChromium();
try {
  // One participant with two tickets first (the oldest incentive complaint, so "get next" opens it
  // and the workspace lists the other), then the rest.
  await stack.send(SAME_PARTICIPANT, 20);
  await stack.untilReady(SAME_PARTICIPANT.length);
  await stack.send(CONSOLE_MAILS);
  await stack.untilReady(CONSOLE_MAILS.length + SAME_PARTICIPANT.length);
  // One ticket in someone's hands, so the overview shows a claimed one.
  await stack.api('POST', '/queues/certificate/claim', undefined, { agent: 'rudi', queues: ['certificate'] });

  const page = await browser.context.newPage();
  await signIn(page, stack.url, 'ani', 'all', true);
  await page.getByRole('table').waitFor();
  await page.screenshot({ path: path.join(IMG, 'console-queues.png') });

  await page.getByRole('button', { name: 'Ambil tiket berikutnya', exact: true }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^PRK-/ });
  await heading.waitFor();
  const ref = (await heading.textContent())?.trim() ?? '';
  await stack.api('POST', `/tickets/${ref}/note`, { text: 'Sudah dicek ke mitra pembayaran, menunggu konfirmasi.' });
  await page.reload();
  await page.getByRole('heading', { name: 'Data peserta' }).waitFor();
  const reply = page.getByRole('textbox', { name: 'Balasan', exact: true });
  await reply.fill('');
  await reply.focus();
  await page.keyboard.type('/');
  await page.getByRole('combobox', { name: 'Cari template' }).fill('insentif');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByRole('list', { name: 'Tiket lain peserta ini' }).waitFor();
  await page.screenshot({ path: path.join(IMG, 'console-workspace.png') });

  // The supervisor page: who holds what, and a search by the participant's card number.
  await page.getByRole('link', { name: 'Supervisor', exact: true }).click();
  await page.getByRole('heading', { name: 'Siapa memegang apa' }).waitFor();
  await page
    .getByRole('searchbox', { name: 'Nomor tiket, kartu, HP atau email' })
    .fill(SAME_PARTICIPANT[0]?.card ?? '');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByRole('cell', { name: ref }).first().waitFor();
  await page.getByRole('cell', { name: 'rudi', exact: true }).waitFor();
  await page.screenshot({ path: path.join(IMG, 'console-supervisor.png') });
  console.log(`wrote console-queues.png, console-workspace.png (${ref}) and console-supervisor.png in ${IMG}`);
} finally {
  await browser.close();
  await stack.stop();
}
