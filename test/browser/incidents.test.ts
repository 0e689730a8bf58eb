/**
 * Surge incidents on the console's supervisor page, in Debian's Chromium against the local stack:
 * a platform outage reported by 30 participants is proposed as an incident; the supervisor reads
 * why, accepts it with one answer (confirmed before sending), and every participant gets it exactly
 * once in the SES store; then closes it; a second incident is dismissed and sends nothing. Mail is
 * delivered as SES received it at a minute of a clock the test moves, and the scheduled surge
 * evaluation is invoked by hand at those minutes. Tests run in order on one stack.
 */
import type { Page } from 'playwright-core';
import { type Delivery, deliverToSes } from '#local/ses-receiving.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';
import { queueDepth } from '#local/sqs-poller.ts';
import { everydayMail, outageMail, PLATFORM, SMALL_SURGE_SETTINGS, sender } from '../support/surge.ts';
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
const MINUTE = 60_000;
// An hour ago, on a whole minute: every mail and evaluation stays in the past of the browser's clock.
const T0 = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
const ANSWER = `Gangguan ${PLATFORM} sudah ditangani mitra pelatihan. Silakan ulangi pelatihan Anda; progres tetap tersimpan.`;
const OUTAGE_FROM = 1000;
const OUTAGE_COUNT = 30;

let s: ConsoleStack;
let browser: Browser;
let page: Page;
let clock = T0;

/** Waits until both queues are empty: every delivered mail is filed and every reply sent. */
async function settle(): Promise<void> {
  const { clients, provisioned } = s.stack;
  await until('the queues to drain', async () => {
    const depth =
      (await queueDepth(clients.sqs, provisioned.inbound.url)) +
      (await queueDepth(clients.sqs, provisioned.outbound.url));
    return depth === 0;
  });
}

async function deliver(raw: Buffer, source: string, atMs: number): Promise<void> {
  const d: Delivery = { raw, source, recipients: [COMPLAINT_ADDRESS], at: new Date(atMs) };
  await deliverToSes(d, s.stack.receiving);
}

async function evaluate(minute: number) {
  clock = T0 + minute * MINUTE;
  return s.stack.pipeline.evaluateSurges();
}

/** `count` participants from `first` report `platform`'s outage over two minutes from `minute`. */
async function outage(first: number, count: number, minute: number, platform = PLATFORM): Promise<void> {
  for (let i = 0; i < count; i++)
    await deliver(await outageMail(first + i, platform), sender(first + i), T0 + (minute + (2 * i) / count) * MINUTE);
  await settle();
}

async function evaluateUntilProposed(from: number, to: number): Promise<string | null> {
  for (let minute = from; minute < to; minute++) {
    const r = await evaluate(minute);
    if (r.proposed[0]) return r.proposed[0].id;
  }
  return null;
}

const incidentCard = (name: RegExp) => page.getByRole('article', { name });

async function openSupervisorPage(): Promise<void> {
  await page.getByRole('link', { name: 'Supervisor', exact: true }).click();
  await page.getByRole('heading', { name: 'Lonjakan pengaduan', exact: true }).waitFor();
}

beforeAll(async () => {
  s = await startConsoleStack(
    { now: () => new Date(clock), surgeSettings: SMALL_SURGE_SETTINGS, surgeIncidentsCacheSeconds: 0 },
    3_600_000,
  );
  browser = await launchChromium();
  page = await browser.context.newPage();
  // Ten minutes of everyday mail, six participants a minute, evaluated every minute: the baseline
  let n = 0;
  for (let minute = 0; minute < 10; minute++) {
    for (let k = 0; k < 6; k++) {
      n++;
      await deliver(await everydayMail(n), sender(n), T0 + (minute + k / 6) * MINUTE);
    }
    await settle();
    expect((await evaluate(minute + 1)).proposed).toEqual([]);
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe('surge incidents on the supervisor page', () => {
  let incidentId: string;

  it(
    'shows a proposed incident with its terms, participants, reason and masked examples',
    async () => {
      // Prepare
      await outage(OUTAGE_FROM, OUTAGE_COUNT, 10);
      incidentId = (await evaluateUntilProposed(12, 16)) ?? '';
      expect(incidentId).toMatch(/^SRG-/);

      // Act
      await signIn(page, s.url, 'sari', [], true);
      await openSupervisorPage();
      const card = incidentCard(new RegExp(`^${incidentId}: .*kelasria`));
      await card.getByRole('button', { name: 'Rincian', exact: true }).click();

      // Assess
      await card.getByText('Diusulkan', { exact: true }).waitFor();
      await card.getByText(`${OUTAGE_COUNT} peserta, ${OUTAGE_COUNT} tiket`, { exact: false }).waitFor();
      await card.getByText(/^Alasan: «kelasria» ditulis \d+ peserta/).waitFor();
      await card.getByText(`${OUTAGE_COUNT} tiket, 0 sudah dijawab.`).waitFor();
      const examples = card.getByRole('listitem');
      expect(await examples.count()).toBeGreaterThan(0);
      const shown = (await examples.allTextContents()).join('\n');
      expect(shown).toMatch(/kelasria/i);
      // Card numbers and phones are masked in the examples.
      expect(shown).not.toMatch(/5301\d{12}|0857\d{8}/);
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    SLOW,
  );

  it(
    'accepts with one answer after a confirmation, each participant gets it exactly once however often the evaluation runs, and their tickets wait as chosen',
    async () => {
      // Prepare
      const card = incidentCard(new RegExp(`^${incidentId}: `));
      await card.getByRole('textbox', { name: 'Jawaban untuk semua peserta' }).fill(ANSWER);
      await card.getByRole('radio', { name: 'Tunggu jawaban peserta' }).check();

      // Act: send, confirm, then the evaluation runs three times
      await card.getByRole('button', { name: 'Terima dan kirim jawaban', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: 'Kirim jawaban ke semua peserta?' });
      await confirm.getByText(`saat ini ${OUTAGE_COUNT} peserta`, { exact: false }).waitFor();
      const axeWithDialog = await seriousAxeViolations(page);
      await confirm.getByRole('button', { name: 'Kirim', exact: true }).click();
      await card.getByText('Diterima', { exact: true }).waitFor();
      const answered = [];
      for (const minute of [16, 17, 18]) {
        answered.push((await evaluate(minute)).answered);
        await settle();
      }

      // Assess
      expect(axeWithDialog).toEqual([]);
      expect(answered).toEqual([OUTAGE_COUNT, 0, 0]);
      const answers = (await s.sentMail()).filter((m) => m.body.text?.includes(ANSWER));
      const participants = Array.from({ length: OUTAGE_COUNT }, (_, i) => sender(OUTAGE_FROM + i));
      expect(answers.map((m) => m.destination.to[0]).sort()).toEqual(participants.sort());
      await card.getByText(ANSWER).waitFor();
      const covered = await s.api<{ items: { ref: string }[] }>('GET', `/incidents/${incidentId}/tickets?limit=100`);
      const statuses = new Set<string>();
      for (const t of covered.body.items)
        statuses.add((await s.api<{ ticket: { status: string } }>('GET', `/tickets/${t.ref}`)).body.ticket.status);
      expect([...statuses]).toEqual(['waiting_participant']);
    },
    SLOW,
  );

  it(
    'closes an accepted incident',
    async () => {
      // Act
      const card = incidentCard(new RegExp(`^${incidentId}: `));
      await card.getByRole('button', { name: 'Tutup insiden', exact: true }).click();

      // Assess
      await card.getByText('Ditutup', { exact: true }).waitFor();
      const r = await s.api<{ incident: { status: string } }>('GET', `/incidents/${incidentId}`);
      expect(r.body.incident.status).toBe('closed');
    },
    SLOW,
  );

  it(
    'dismisses another incident, which sends nothing and leaves its tickets on the work lists',
    async () => {
      // Prepare: another platform goes down
      await outage(2000, 25, 19, 'Ruangmahir');
      const other = await evaluateUntilProposed(21, 25);
      expect(other).toMatch(/^SRG-/);
      const before = (await s.sentMail()).length;
      await page.reload();
      await page.getByRole('heading', { name: 'Lonjakan pengaduan', exact: true }).waitFor();

      // Act
      const card = incidentCard(new RegExp(`^${other}: .*ruangmahir`));
      await card.getByRole('button', { name: 'Abaikan', exact: true }).click();

      // Assess
      await card.getByText('Diabaikan', { exact: true }).waitFor();
      await evaluate(26);
      await settle();
      expect((await s.sentMail()).length).toBe(before);
      const covered = await s.api<{ items: { ref: string; answeredAt: string | null }[] }>(
        'GET',
        `/incidents/${other}/tickets?limit=100`,
      );
      expect(covered.body.items).toHaveLength(25);
      const statuses = new Set<string>();
      for (const t of covered.body.items) {
        expect(t.answeredAt).toBeNull();
        statuses.add((await s.api<{ ticket: { status: string } }>('GET', `/tickets/${t.ref}`)).body.ticket.status);
      }
      expect([...statuses]).toEqual(['ready']);
    },
    SLOW,
  );
});
