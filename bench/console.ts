#!/usr/bin/env -S npx tsx
/**
 * bench:console — the agents' console figures: the first-load JavaScript gzipped (what
 * index.html loads; deployed, plus the Cognito sign-in chunk), and the time from clicking
 * "Ambil tiket berikutnya" to a rendered ticket (heading and participant fields on screen) on the
 * local stack, in Debian's Chromium, over N tickets (default 20). Builds web/dist first.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { FixtureMail } from '../test/browser/fixture-mails.ts';
import { launchChromium, signIn, startConsoleStack } from '../test/browser/harness.ts';

const { values } = parseArgs({ options: { n: { type: 'string', default: '20' } } });
const N = Number(values.n);
const ROOT = path.join(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'web', 'dist');

execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string) => gzipSync(readFileSync(path.join(DIST, file))).length;
const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const firstLoad = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
const css = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1] as string);
const cognito = readdirSync(path.join(DIST, 'assets')).filter((f) => f.startsWith('auth-cognito-'));
const jsLocal = firstLoad.reduce((n, f) => n + gz(f), 0);
const jsCognito = cognito.reduce((n, f) => n + gz(`assets/${f}`), 0);
console.log(`first-load JavaScript, gzipped: local ${kb(jsLocal)} (${firstLoad.join(', ')})`);
console.log(
  `  deployed (plus the Cognito sign-in chunk): ${kb(jsLocal + jsCognito)}; CSS ${kb(css.reduce((n, f) => n + gz(f), 0))}`,
);

// Complaints of distinct participants (no dedupe), written for this benchmark.
const mails: FixtureMail[] = Array.from({ length: N }, (_, i) => {
  const n = String(10000 + i).slice(-5);
  const card = `44172290883${n}`;
  const phone = `0812773${n}`;
  return {
    from: `peserta.uji${i}@example.org`,
    name: `Peserta Uji ${i}`,
    subject: 'insentif belum cair',
    card,
    phone,
    text: `Selamat siang admin, insentif saya belum cair.\nNo Kartu Prakerja: ${card.replace(/(.{4})(?=.)/g, '$1 ')}\nNo HP: ${phone}`,
  };
});

const stack = await startConsoleStack();
const browser = await launchChromium();
try {
  await stack.send(mails);
  await stack.untilReady(N);
  const page = await browser.context.newPage();
  await signIn(page, stack.url, 'bench', ['incentive']);
  const times: number[] = [];
  const clicks: number[] = [];
  for (let i = 0; i < N; i++) {
    await page.getByRole('link', { name: 'Antrian', exact: true }).click();
    await page.getByRole('table').waitFor();
    await page.evaluate('performance.clearMarks()');
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Ambil tiket berikutnya', exact: true }).click();
    await page.locator('[data-field="cardNumber"]').waitFor();
    clicks.push(performance.now() - t0);
    // In the page: from the click's handler to the frame after the ticket's details rendered.
    const inPage = (await page.evaluate(`new Promise((resolve) => {
      const measure = () => {
        const [a] = performance.getEntriesByName('prk:next');
        const [b] = performance.getEntriesByName('prk:ticket-rendered');
        if (a && b) resolve(b.startTime - a.startTime); else requestAnimationFrame(measure);
      };
      measure();
    })`)) as number;
    times.push(inPage);
    const ref = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
    await stack.api('POST', `/tickets/${ref}/resolve`, { reply: 'Terima kasih, sudah kami tangani.' });
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return `median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms`;
  };
  console.log(`get next → rendered ticket (${N} tickets, local stack, Chromium 1280×800)`);
  console.log(`  in the page (click handler to the frame after the details render): ${stats(times)}`);
  console.log(`  as the test driver sees it (click to participant fields on screen): ${stats(clicks)}`);
} finally {
  await browser.close();
  await stack.stop();
}
