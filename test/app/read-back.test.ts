/**
 * Issue 17, carried out with issue 11: when the card is missing because a 16-digit number could be
 * the card or the NIK, the request for data says which number we read as what, masked; the raw
 * digits never travel on the reply job.
 */
import { mailReply } from '#app/mailer.ts';
import { parseReplyJob } from '#lambdas/schemas.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { MAILER_CONFIG } from '../support/configs.ts';
import { memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const NIK_SHAPED = '3273055408910007';

describe('asking about a number that could be the card or the NIK', () => {
  it('lists the number on the triage result and reads it back, masked, in the request for data', async () => {
    // Prepare
    const pipeline = memoryTriage();
    const raw = await mime({
      from: 'Sekar <sekar.ayu@surel.example>',
      text: `insentif belum masuk, tolong dicek ${NIK_SHAPED} ya min\nhp 0813-6627-0915`,
    });
    // Act
    const r = await pipeline.receive(raw);
    const [job] = pipeline.memory.queue.jobs;
    const deps = buildMailerDeps(
      { ...MAILER_CONFIG, STATUS_BASE_URL: 'http://127.0.0.1:3000' },
      pipeline.memory,
      () => new Date('2024-05-20T03:00:00.000Z'),
    );
    if (job) await mailReply(job, deps);
    // Assess
    expect(r.triage?.unconfirmedNumbers).toEqual([NIK_SHAPED]);
    expect(job).toMatchObject({ kind: 'ask_missing', missing: ['cardNumber'] });
    expect(job?.readBack).toEqual([
      'Nomor 16 digit 3273************: mohon konfirmasi, apakah ini Nomor Kartu Prakerja atau NIK Anda?',
      'Nomor HP: +62813****0915',
    ]);
    expect(JSON.stringify(job)).not.toContain(NIK_SHAPED);
    const text = pipeline.memory.ses.sent[0]?.text ?? '';
    expect(text).toContain('Nomor 16 digit 3273************: mohon konfirmasi');
    expect(text).not.toContain(NIK_SHAPED);
  });

  it('has no numbers to confirm for automated mail', async () => {
    const pipeline = memoryTriage();
    const r = await pipeline.receive(
      await mime({ text: `nomor ${NIK_SHAPED}`, headers: { 'Auto-Submitted': 'auto-generated' } }),
    );
    expect(r.triage?.unconfirmedNumbers).toEqual([]);
  });

  it('refuses a reply job whose read-back lines carry a number in clear', () => {
    const job = {
      jobId: 'j',
      kind: 'ask_missing',
      ticketRef: 'PRK-00000001',
      to: 'sekar.ayu@surel.example',
      category: 'incentive',
      missing: ['cardNumber'],
      inReplyTo: null,
      references: [],
      readBack: [`Nomor 16 digit ${NIK_SHAPED}`],
    };
    expect(() => parseReplyJob(JSON.stringify(job))).toThrow(/not a reply job/);
  });
});
