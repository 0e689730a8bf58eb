/**
 * Finding 2 (issue 11): nothing a stranger wrote reaches the mail we send, except the ticket
 * reference. Triage and the mailer on adapters in memory, end to end: what leaves is checked.
 */
import { mailReply } from '#app/mailer.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { MAILER_CONFIG } from '../support/configs.ts';
import { memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const PHISHING_NAME = 'Klaim insentif di hadiah-kartu.example sekarang';

async function triageAndSend(raw: Buffer) {
  const pipeline = memoryTriage();
  const r = await pipeline.receive(raw, { source: 'sekar.ayu@surel.example' });
  const deps = buildMailerDeps(
    { ...MAILER_CONFIG, STATUS_BASE_URL: 'http://127.0.0.1:3000' },
    pipeline.memory,
    () => new Date('2024-05-20T03:00:00.000Z'),
  );
  for (const job of pipeline.memory.queue.jobs) await mailReply(job, deps);
  return { r, sent: pipeline.memory.ses.sent };
}

describe('what an automatic reply carries from the mail it answers', () => {
  it('never carries the "Nama:" the mail states, however it reads', async () => {
    // Prepare: a complete complaint whose "name" is an advertisement
    const raw = await mime({
      from: 'Sekar Ayuningtyas <sekar.ayu@surel.example>',
      subject: 'insentif belum masuk',
      text: `insentif belum masuk\nNama: ${PHISHING_NAME}\nNo kartu: 6203 1185 4471 2096\nNo HP: 0857-4410-3386`,
    });
    // Act
    const { sent } = await triageAndSend(raw);
    // Assess
    expect(sent).toHaveLength(1);
    const mail = sent[0];
    expect(`${mail?.subject}\n${mail?.text}\n${mail?.html}`).not.toContain('hadiah-kartu');
    expect(mail?.text).not.toContain('Klaim insentif');
  });

  it('never carries the subject of the mail it answers', async () => {
    const raw = await mime({
      from: 'Sekar Ayuningtyas <sekar.ayu@surel.example>',
      subject: 'insentif belum masuk, cek https://hadiah-kartu.example/klaim',
      text: 'insentif saya belum masuk\nNo kartu: 6203 1185 4471 2096\nNo HP: 0857-4410-3386',
    });
    const { sent } = await triageAndSend(raw);
    expect(JSON.stringify(sent)).not.toContain('hadiah-kartu');
  });

  it.each([
    ['too long', `<${'a'.repeat(300)}@surel.example>`],
    ['not RFC 5322 msg-id syntax', '<klaim hadiah@surel.example>'],
    ['with a second @', '<klaim@hadiah@surel.example>'],
  ])('drops a Message-ID that is %s instead of copying it into In-Reply-To and References', async (_why, id) => {
    const raw = await mime({
      from: 'Sekar Ayuningtyas <sekar.ayu@surel.example>',
      messageId: id,
      text: 'insentif saya belum masuk\nNo kartu: 6203 1185 4471 2096\nNo HP: 0857-4410-3386',
    });
    const { sent } = await triageAndSend(raw);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers['In-Reply-To']).toBeUndefined();
    expect(sent[0]?.headers.References).toBeUndefined();
  });

  it('keeps a well-formed Message-ID for threading', async () => {
    const raw = await mime({
      from: 'Sekar Ayuningtyas <sekar.ayu@surel.example>',
      messageId: '<CAF=x.y+z_1@mail.surel.example>',
      text: 'insentif saya belum masuk\nNo kartu: 6203 1185 4471 2096\nNo HP: 0857-4410-3386',
    });
    const { sent } = await triageAndSend(raw);
    expect(sent[0]?.headers['In-Reply-To']).toBe('<CAF=x.y+z_1@mail.surel.example>');
  });
});
