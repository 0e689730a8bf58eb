/**
 * A hunt for personal data (issue 11): the integration suite's kinds of mail, seeded with card
 * numbers, phones, NIKs and addresses invented here, go through the real handlers on the local
 * emulators (triage, mailer, agent API, sweeper); then no log line, metric or error message any
 * of them emitted may hold one of those values unmasked, and no item in the table nor any API
 * answer may hold a NIK.
 */
import '../support/log-everything.ts';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { CATEGORIES } from '#core/types.ts';
import { checkedApiClient } from '../support/agent-api.ts';
import { lambdaContext } from '../support/lambda.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { mime } from '../support/mime.ts';
import { captureTelemetry, type Telemetry } from '../support/telemetry.ts';

/** Invented participants: valid in form, nobody's. */
const SEEDS = {
  cards: ['8812460193375524', '9470215836611208'],
  phones: ['+6281347720519', '+6285266031847'],
  niks: ['3471066509920004', '1271031208850002', '3201234704990001'],
  emails: ['sekar.ayuningtyas@posku.example', 'bima.prasetya@posku.example', 'tertipu.orang@kotakmasuk.example'],
};

/** The ways a value may be written: as stored, grouped, or in local form. */
function spellings(): string[] {
  const grouped = (d: string) => [d, d.replace(/(\d{4})(?=\d)/g, '$1 '), d.replace(/(\d{4})(?=\d)/g, '$1-')];
  const localPhone = (p: string) => [p, p.replace('+62', '0'), p.replace('+62', '62')];
  return [
    ...SEEDS.cards.flatMap(grouped),
    ...SEEDS.niks.flatMap(grouped),
    ...SEEDS.phones.flatMap(localPhone),
    ...SEEDS.emails.flatMap((e) => [e, e.toUpperCase()]),
  ];
}
const nikSpellings = () => SEEDS.niks.flatMap((d) => [d, d.replace(/(\d{4})(?=\d)/g, '$1 ')]);

const [card1, card2] = SEEDS.cards as [string, string];
const [phone1, phone2] = SEEDS.phones as [string, string];
const [nik1, nik2, nik3] = SEEDS.niks as [string, string, string];
const [sekar, bima, stranger] = SEEDS.emails as [string, string, string];

let stack: TestStack;
let telemetry: Telemetry;
const answers: unknown[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  telemetry = captureTelemetry();
  const deliver = async (raw: Buffer, source: string, messageId: string, verdicts = {}) => {
    await stack.deliver({ raw, source, messageId, verdicts });
    await stack.drain();
  };
  // A complete complaint with the NIK labelled, and a spouse's NIK in the text
  await deliver(
    await mime({
      from: `Sekar Ayuningtyas <${sekar}>`,
      subject: `insentif belum masuk, NIK ${nik1}`,
      text: `insentif saya belum masuk\nNIK: ${nik1}\nNIK suami ${nik2}\nNo kartu: ${card1}\nNo HP: ${phone1.replace('+62', '0')}`,
      messageId: '<sekar-1@posku.example>',
    }),
    sekar,
    'hunt-complete',
  );
  // A complaint whose only 16-digit number could be the card or the NIK: asked to confirm
  await deliver(
    await mime({
      from: `Bima <${bima}>`,
      subject: 'sertifikat tidak muncul',
      text: `sertifikat pelatihan belum tampil, tolong cek ${nik3} ya\nhp ${phone2}\nemail terdaftar ${bima}`,
    }),
    bima,
    'hunt-confirm',
  );
  // A stranger with the first participant's card number, and a forged sender
  await deliver(
    await mime({ from: `Orang <${stranger}>`, text: `insentif belum masuk. kartu ${card1}, hp ${phone1}` }),
    stranger,
    'hunt-stranger',
  );
  await deliver(
    await mime({ from: `Sekar <${sekar}>`, text: `insentif, kartu ${card2}, NIK ${nik1}` }),
    'kirim@pengirim-massal.example',
    'hunt-forged',
    { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' },
  );
  // Machine mail and mail that cannot be read
  await deliver(
    await mime({ from: `Mailer <${stranger}>`, text: `kartu ${card2}`, headers: { 'Auto-Submitted': 'auto-replied' } }),
    stranger,
    'hunt-auto',
  );
  await deliver(Buffer.from([0, 1, 2, 0xff]), bima, 'hunt-broken');
  // A record triage cannot read, carrying personal data in its body: it is dead-lettered at once, and logged
  const poison: SQSEvent = {
    Records: [
      {
        messageId: 'poison',
        receiptHandle: 'r',
        body: JSON.stringify({ mail: { source: sekar, card: card1 }, nik: nik1 }),
        attributes: { ApproximateReceiveCount: '1' } as never,
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:inbound',
        awsRegion: 'ap-southeast-1',
      },
    ],
  };
  await stack.pipeline.triage(poison, lambdaContext('triage'));

  // Agents at work, a participant checking their status, the sweeper
  const call = checkedApiClient(stack.pipeline.agentApi);
  const sup = { agent: 'rina', queues: [...CATEGORIES], supervisor: true };
  const record = async (r: Promise<{ status: number; body: unknown }>) => answers.push((await r).body);
  await record(call('GET', '/queues', { as: sup }));
  for (const category of ['incentive', 'certificate'] as const) {
    const claimed = (await call<{ ticket?: { ref: string } }>('POST', `/queues/${category}/claim`, { as: sup })).body;
    answers.push(claimed);
    const ref = claimed?.ticket?.ref;
    if (!ref) continue;
    await record(call('GET', `/tickets/${ref}`, { as: sup }));
    await record(call('POST', `/tickets/${ref}/note`, { as: sup, body: { text: 'sudah dicek' } }));
    await record(call('POST', `/tickets/${ref}/resolve`, { as: sup, body: { reply: 'Sudah kami proses.' } }));
    await record(call('GET', `/status/${ref}?contact=${encodeURIComponent(sekar)}`));
    await record(call('GET', `/status/${ref}?contact=${encodeURIComponent(phone2)}`));
  }
  for (const outcome of ['unverified', 'automated', 'parse_failed', 'failed'])
    await record(call('GET', `/ops/${outcome}`, { as: sup }));
  await record(call('GET', '/ops/dead-letters', { as: sup }));
  await record(call('POST', '/tickets/PRK-00000000/reassign', { as: sup, body: { category: 'fraud', phone: phone1 } }));
  await stack.pipeline.sweep();
  await stack.drain();
}, 120_000);

afterAll(async () => {
  telemetry?.restore();
  await stack?.stop();
});

describe('personal data in what the functions emit', () => {
  it('emitted logs and metrics while handling the mail (the hunt saw something)', () => {
    expect(telemetry.logs.some((l) => l.includes('inbound mail processed'))).toBe(true);
    expect(telemetry.logs.some((l) => l.includes('inbound record dead-lettered'))).toBe(true);
    expect(telemetry.metrics.some((m) => m.includes('TicketsCreated'))).toBe(true);
  });

  it.each(spellings())('holds no %s in any log line, metric or error message', (value) => {
    expect(telemetry.text()).not.toContain(value);
  });

  it('keeps no NIK in any item of the table', async () => {
    const r = await stack.clients.dynamo.send(new ScanCommand({ TableName: stack.provisioned.names.table }));
    expect((r.Items ?? []).length).toBeGreaterThan(5);
    const items = JSON.stringify(r.Items);
    for (const nik of nikSpellings()) expect(items).not.toContain(nik);
  });

  it('answers no API call with a NIK', () => {
    expect(answers.length).toBeGreaterThan(10);
    const all = JSON.stringify(answers);
    for (const nik of nikSpellings()) expect(all).not.toContain(nik);
  });
});
