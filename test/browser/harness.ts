/**
 * The console's browser-test harness: the local stack `npm start` runs (on free ports, console
 * served from web/dist by the agent API server), Debian's Chromium driven by playwright-core
 * (never a downloaded browser), fixture mails over SMTP, and API/SES helpers to check effects.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CATEGORIES, type Category } from '#core/types.ts';
import { signAgentToken } from '#local/jwt.ts';
import type { PipelineOptions } from '#local/pipeline.ts';
import { localSmtpClient } from '#local/smtp-client.ts';
import { COMPLAINT_ADDRESS, type LocalStack, startLocalStack } from '#local/stack.ts';
import { addStarterCanned } from '#local/starter-canned.ts';
import { composeFixture, type FixtureMail } from './fixture-mails.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const VIEWPORT = { width: 1280, height: 800 };

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own --user-data-dir, removed on close) at 1280×800, WIB clock. */
export async function launchChromium(
  options: { bypassCSP?: boolean; javaScriptEnabled?: boolean } = {},
): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    bypassCSP: options.bypassCSP,
    javaScriptEnabled: options.javaScriptEnabled,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface SentMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

export interface ConsoleStack {
  stack: LocalStack;
  url: string;
  send(mails: readonly FixtureMail[], offset?: number): Promise<void>;
  /** A raw mail (e.g. a participant's answer) over SMTP from the address. */
  sendRaw(from: string, raw: string): Promise<void>;
  /** Waits until this many tickets are ready over all queues. */
  untilReady(count: number): Promise<void>;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    as?: ApiCaller,
  ): Promise<{ status: number; body: T }>;
  sentMail(): Promise<SentMail[]>;
  stop(): Promise<void>;
}

export interface ApiCaller {
  agent: string;
  queues?: Category[];
  supervisor?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** `pipeline` adds to the functions' options; `surgeIntervalMs` spaces the scheduled surge evaluation. */
export async function startConsoleStack(
  pipeline: Pick<PipelineOptions, 'now' | 'surgeSettings' | 'surgeIncidentsCacheSeconds' | 'surveyDelayMinutes'> = {},
  surgeIntervalMs?: number,
): Promise<ConsoleStack> {
  const stack = await startLocalStack({
    ports: { smtp: 0, api: 0, ses: 0, dynamodb: 0, sqs: 0 },
    sweepIntervalMs: 60_000,
    surgeIntervalMs,
    pipeline: { retryDelaySeconds: 0, ...pipeline },
  });
  // As `npm start` does: starter templates in the empty store.
  await addStarterCanned(stack.cannedResponses(), new Date());
  const smtp: Transporter = localSmtpClient(stack.ports.smtp, 1);
  const supervisor: ApiCaller = { agent: 'test-supervisor', queues: [...CATEGORIES], supervisor: true };
  const api: ConsoleStack['api'] = async (method, url, body, as = supervisor) => {
    const token = await signAgentToken({ agent: as.agent, queues: as.queues ?? [], supervisor: as.supervisor });
    const r = await fetch(`${stack.urls.api}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as never };
  };
  return {
    stack,
    url: `${stack.urls.api}/`,
    async send(mails, offset = 0) {
      for (const [i, m] of mails.entries()) {
        await smtp.sendMail({
          envelope: { from: m.from, to: [COMPLAINT_ADDRESS] },
          raw: await composeFixture(m, offset + i),
        });
      }
    },
    async sendRaw(from, raw) {
      await smtp.sendMail({ envelope: { from, to: [COMPLAINT_ADDRESS] }, raw });
    },
    async untilReady(count) {
      await until(`${count} ready tickets`, async () => {
        const r = await api<{ queues: { ready: number }[] }>('GET', '/queues');
        return r.body.queues.reduce((n, q) => n + q.ready, 0) >= count;
      });
    },
    api,
    async sentMail() {
      return ((await (await fetch(`${stack.urls.sesViewer}/store`)).json()) as { emails: SentMail[] }).emails;
    },
    async stop() {
      smtp.close();
      await stack.stop();
    },
  };
}

/** Signs in on the local sign-in page with only the given queues ticked. */
export async function signIn(page: Page, url: string, agent: string, queues: Category[] | 'all', supervisor = false) {
  await page.goto(url);
  await page.getByLabel('Nama petugas').fill(agent);
  const labels: Record<Category, string> = {
    incentive: 'Insentif',
    certificate: 'Sertifikat',
    training: 'Pelatihan',
    account: 'Akun',
    registration: 'Pendaftaran',
    fraud: 'Penipuan',
    general: 'Umum',
  };
  for (const c of CATEGORIES) {
    await page
      .getByRole('checkbox', { name: labels[c], exact: true })
      .setChecked(queues === 'all' || queues.includes(c));
  }
  await page.getByRole('checkbox', { name: 'Supervisor', exact: true }).setChecked(supervisor);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('heading', { name: 'Antrian', exact: true }).waitFor();
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is (WCAG 2.1 A/AA and best practice). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // A string, evaluated in the page (whose globals the Node types do not know).
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })`,
  )) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}
