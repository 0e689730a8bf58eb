/** The mailer use case on adapters in memory: each job sent at most once, within the daily allowance. */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { type MailerDeps, mailReply } from '#app/mailer.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import type { ReplyJob } from '#ports';

const NOW = new Date('2024-05-20T03:00:00.000Z');

function job(over: Partial<ReplyJob> = {}): ReplyJob {
  return {
    jobId: 'ses-a:acknowledge',
    kind: 'acknowledge',
    ticketRef: 'PRK-7K3M9Q2X',
    to: 'larasati.pramesti@surel.example',
    category: 'incentive',
    missing: [],
    inReplyTo: '<laras-a@surel.example>',
    references: ['<laras-a@surel.example>'],
    ...over,
  };
}

let memory: MemoryAdapters;
let deps: MailerDeps;
beforeEach(() => {
  memory = new MemoryAdapters();
  deps = buildMailerDeps(
    {
      FROM_ADDRESS: 'pengaduan@prakerja.example.id',
      MAX_AUTO_REPLIES_PER_DAY: 3,
      STATUS_BASE_URL: 'https://status.prakerja.example.id',
    },
    memory,
    () => NOW,
  );
});
const records = async () => (await memory.work.detail('PRK-7K3M9Q2X'))?.replies ?? [...memory.state.replies.values()];

describe('mailer', () => {
  it('links the reply to the ticket’s status page under the configured address and says when to expect an answer', async () => {
    // Prepare: the ticket is due 48 service hours after it became ready
    const progress = {
      status: 'ready' as const,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      readyAt: NOW.toISOString(),
      dueAt: '2099-01-01T05:00:00.000Z',
      resolvedAt: null,
      serviceHours: 48,
    };

    // Act
    await mailReply(job({ progress }), deps);

    // Assess
    const [mail] = memory.outbox.sent;
    expect(mail?.text).toContain('https://status.prakerja.example.id/cek/PRK-7K3M9Q2X');
    expect(mail?.text).toContain('Perkiraan jawaban: paling lambat Kamis, 1 Januari 2099 pukul 12.00 WIB');
  });

  it('sends one threaded reply carrying the ticket reference and records it as sent', async () => {
    const r = await mailReply(job(), deps);
    expect(r).toEqual({ sent: true, messageId: expect.any(String), providerId: 'memory-1', recorded: true });
    const [mail] = memory.outbox.sent;
    expect(mail).toMatchObject({
      from: 'pengaduan@prakerja.example.id',
      to: 'larasati.pramesti@surel.example',
      subject: '[PRK-7K3M9Q2X] Pengaduan Anda kami terima',
    });
    expect(mail?.messageId).toMatch(/^<PRK-7K3M9Q2X\.acknowledge\.[0-9a-f]{12}@prakerja\.example\.id>$/);
    expect(mail?.headers).toMatchObject({
      'In-Reply-To': '<laras-a@surel.example>',
      References: '<laras-a@surel.example>',
      'Auto-Submitted': 'auto-replied',
    });
    expect(mail?.text).toMatch(/^Halo,\n/);
    expect(await records()).toEqual([
      expect.objectContaining({ jobId: 'ses-a:acknowledge', status: 'sent', providerId: 'memory-1' }),
    ]);
  });

  it('sends a job once, however often it is delivered', async () => {
    await mailReply(job(), deps);
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.outbox.sent).toHaveLength(1);
  });

  it('sends at most the daily number of auto-replies to one address, and records the rest as skipped', async () => {
    for (let i = 0; i < 4; i++) await mailReply(job({ jobId: `ses-${i}:acknowledge` }), deps);
    expect(memory.outbox.sent).toHaveLength(3);
    expect((await records()).filter((r) => r.status === 'skipped')).toEqual([
      expect.objectContaining({ jobId: 'ses-3:acknowledge', reason: 'rate-limited' }),
    ]);
  });

  it('never writes to an automated address', async () => {
    expect(await mailReply(job({ to: 'no-reply@notifikasi.example' }), deps)).toEqual({
      sent: false,
      reason: 'automated-recipient',
    });
    expect(memory.outbox.sent).toEqual([]);
  });

  it('gives the job back when SES refuses it, so the retry sends it once', async () => {
    const refuse = async () => {
      throw Object.assign(new Error('rate exceeded'), { name: 'TooManyRequestsException' });
    };
    memory.outbox.send = refuse;
    await expect(mailReply(job(), deps)).rejects.toThrow('rate exceeded');
    expect(await records()).toEqual([
      expect.objectContaining({ status: 'failed', reason: 'TooManyRequestsException' }),
    ]);
    delete (memory.outbox as { send?: unknown }).send; // SES recovers
    expect(await mailReply(job(), deps)).toMatchObject({ sent: true });
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.outbox.sent).toHaveLength(1);
  });

  it('gives the day’s allowance back when SES refuses', async () => {
    memory.outbox.send = async () => {
      throw new Error('rate exceeded');
    };
    await expect(mailReply(job({ jobId: 'refused' }), deps)).rejects.toThrow();
    delete (memory.outbox as { send?: unknown }).send;
    for (let i = 0; i < 3; i++) await mailReply(job({ jobId: `later-${i}` }), deps);
    expect(memory.outbox.sent).toHaveLength(3);
  });

  it('does not send again when recording the sent reply failed after SES accepted it', async () => {
    memory.replies.sent = async () => {
      throw new Error('table unavailable');
    };
    expect(await mailReply(job(), deps)).toMatchObject({ sent: true, recorded: false });
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.outbox.sent).toHaveLength(1);
  });

  it('sends an agent’s reply as written by a person, without counting it against the daily limit', async () => {
    for (let i = 0; i < 3; i++) await mailReply(job({ jobId: `ses-${i}:acknowledge` }), deps);
    const r = await mailReply(
      job({ jobId: 'PRK-7K3M9Q2X:resolve:3', kind: 'agent_reply', body: 'Insentif Anda sudah kami proses ulang.' }),
      deps,
    );
    expect(r.sent).toBe(true);
    const mail = memory.outbox.sent.at(-1);
    expect(mail?.headers['Auto-Submitted']).toBeUndefined();
    expect(mail?.text).toContain('Insentif Anda sudah kami proses ulang.');
  });

  it('sends an agent’s question threaded, as written by a person and not counted against the daily limit', async () => {
    for (let i = 0; i < 3; i++) await mailReply(job({ jobId: `ses-${i}:acknowledge` }), deps);
    const r = await mailReply(
      job({
        jobId: 'PRK-7K3M9Q2X:ask:2',
        kind: 'agent_ask',
        body: 'Kapan terakhir Anda masuk ke akun?',
        inReplyTo: '<tanya@surel.example>',
        references: ['<tanya@surel.example>'],
      }),
      deps,
    );
    expect(r.sent).toBe(true);
    const mail = memory.outbox.sent.at(-1);
    expect(mail?.headers['Auto-Submitted']).toBeUndefined();
    expect(mail?.headers['In-Reply-To']).toBe('<tanya@surel.example>');
    expect(mail?.subject).toContain('Pertanyaan petugas');
    expect(mail?.text).toContain('Kapan terakhir Anda masuk ke akun?');
  });
});
