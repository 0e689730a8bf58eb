/**
 * The mailer use case on adapters in memory: each job sent once (its record, and SES's Send event
 * as the second witness), within the daily allowance spent once per job; throttling deferred,
 * never failed.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { decodeJobTag, type MailerDeps, mailReply } from '#app/mailer.ts';
import { buildMailerDeps } from '#lambdas/wiring.ts';
import { type ReplyJob, SendFailure } from '#ports';

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
let clock: Date;
beforeEach(() => {
  clock = NOW;
  memory = new MemoryAdapters(() => clock);
  deps = {
    ...buildMailerDeps(
      {
        FROM_ADDRESS: 'pengaduan@prakerja.example.id',
        MAX_AUTO_REPLIES_PER_DAY: 3,
        MAX_SENDS_PER_SECOND: 5,
        STATUS_BASE_URL: 'https://status.prakerja.example.id',
      },
      memory,
      () => clock,
    ),
    pace: async () => undefined,
    sleep: async () => undefined,
  };
});
const records = async () => (await memory.work.detail('PRK-7K3M9Q2X'))?.replies ?? [...memory.state.replies.values()];
const failWith = (kind: SendFailure['kind'], reason: string) => async () => {
  throw new SendFailure(kind, reason);
};
/** SES's Send event for every mail it accepted so far (the configuration set's event destination). */
const sesSendEvents = async () => {
  for (const m of memory.ses.sent)
    await memory.replies.accepted(m.tags.ticket, decodeJobTag(m.tags.job), m.providerId, clock.toISOString());
};
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

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
    const [mail] = memory.ses.sent;
    expect(mail?.text).toContain('https://status.prakerja.example.id/cek/PRK-7K3M9Q2X');
    expect(mail?.text).toContain('Perkiraan jawaban: paling lambat Kamis, 1 Januari 2099 pukul 12.00 WIB');
  });

  it('sends one threaded reply carrying the ticket reference and records it as sent', async () => {
    const r = await mailReply(job(), deps);
    expect(r).toEqual({ sent: true, messageId: expect.any(String), providerId: 'memory-1', recorded: true });
    const [mail] = memory.ses.sent;
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
    expect(memory.ses.sent).toHaveLength(1);
  });

  it('sends at most the daily number of auto-replies to one address, and records the rest as skipped', async () => {
    for (let i = 0; i < 4; i++) await mailReply(job({ jobId: `ses-${i}:acknowledge` }), deps);
    expect(memory.ses.sent).toHaveLength(3);
    expect((await records()).filter((r) => r.status === 'skipped')).toEqual([
      expect.objectContaining({ jobId: 'ses-3:acknowledge', reason: 'rate-limited' }),
    ]);
  });

  it('never writes to an automated address', async () => {
    expect(await mailReply(job({ to: 'no-reply@notifikasi.example' }), deps)).toEqual({
      sent: false,
      reason: 'automated-recipient',
    });
    expect(memory.ses.sent).toEqual([]);
  });

  it('gives the job back when SES refuses it this time, so the retry sends it once', async () => {
    memory.ses.send = failWith('refused', 'SendingPausedException');
    await expect(mailReply(job(), deps)).rejects.toThrow('SendingPausedException');
    expect(await records()).toEqual([expect.objectContaining({ status: 'failed', reason: 'SendingPausedException' })]);
    delete (memory.ses as { send?: unknown }).send; // SES recovers
    expect(await mailReply(job(), deps)).toMatchObject({ sent: true });
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.ses.sent).toHaveLength(1);
  });

  it('gives the day’s allowance back when SES refuses', async () => {
    memory.ses.send = failWith('refused', 'AccountSuspendedException');
    await expect(mailReply(job({ jobId: 'refused' }), deps)).rejects.toThrow();
    delete (memory.ses as { send?: unknown }).send;
    for (let i = 0; i < 3; i++) await mailReply(job({ jobId: `later-${i}` }), deps);
    expect(memory.ses.sent).toHaveLength(3);
  });

  it('does not send again when recording the sent reply failed after SES accepted it', async () => {
    memory.replies.sent = async () => {
      throw new Error('table unavailable');
    };
    expect(await mailReply(job(), deps)).toMatchObject({ sent: true, recorded: false });
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'in-flight' });
    await sesSendEvents();
    later(61_000);
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.ses.sent).toHaveLength(1);
    expect(await records()).toEqual([expect.objectContaining({ status: 'sent', providerId: 'memory-1' })]);
  });

  it('sends a reply whose sender died before SES answered, once, after the abandon time', async () => {
    memory.ses.send = failWith('unknown', 'TimeoutError'); // the sender's last word: no answer from SES
    await expect(mailReply(job(), deps)).rejects.toThrow('TimeoutError');
    delete (memory.ses as { send?: unknown }).send;
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'in-flight' }); // too soon: it may still be running
    expect(memory.queue.jobs).toEqual([expect.objectContaining({ jobId: job().jobId })]); // looked at again later
    later(61_000);
    expect(await mailReply(job(), deps)).toMatchObject({ sent: true });
    await sesSendEvents();
    later(61_000);
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.ses.sent).toHaveLength(1);
  });

  it('does not send twice a reply SES accepted before its sender died: SES’s Send event says so', async () => {
    const accepted = memory.ses.send.bind(memory.ses);
    memory.ses.send = async (mail, tags) => {
      await accepted(mail, tags);
      throw new SendFailure('unknown', 'TimeoutError'); // accepted, but the answer never came back
    };
    await expect(mailReply(job(), deps)).rejects.toThrow();
    delete (memory.ses as { send?: unknown }).send;
    await sesSendEvents();
    later(61_000);
    expect(await mailReply(job(), deps)).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.ses.sent).toHaveLength(1);
  });

  it('spends the daily allowance once per reply, however often it is tried', async () => {
    deps = { ...deps, maxAutoRepliesPerDay: 1 };
    memory.ses.send = failWith('unknown', 'TimeoutError');
    await expect(mailReply(job(), deps)).rejects.toThrow();
    delete (memory.ses as { send?: unknown }).send;
    later(61_000);
    expect(await mailReply(job(), deps)).toMatchObject({ sent: true });
    expect(await mailReply(job({ jobId: 'another' }), deps)).toEqual({ sent: false, reason: 'rate-limited' });
  });

  it('retries a throttled send with backoff while the invocation has time', async () => {
    let refusals = 2;
    const send = memory.ses.send.bind(memory.ses);
    memory.ses.send = async (mail, tags) => {
      if (refusals-- > 0) throw new SendFailure('throttled', 'TooManyRequestsException');
      return send(mail, tags);
    };
    const waits: number[] = [];
    deps = { ...deps, sleep: async (ms) => void waits.push(ms) };
    expect(await mailReply(job(), deps, { remainingMs: () => 15_000 })).toMatchObject({ sent: true });
    expect(waits).toEqual([250, 500]);
    expect(memory.ses.sent).toHaveLength(1);
  });

  it('puts a job SES keeps throttling back on the queue with a delay, done for now, its allowance returned', async () => {
    memory.ses.send = failWith('throttled', 'TooManyRequestsException');
    expect(await mailReply(job(), deps, { remainingMs: () => 1000 })).toEqual({ sent: false, reason: 'deferred' });
    expect(memory.queue.jobs).toEqual([expect.objectContaining({ jobId: job().jobId, deferrals: 1 })]);
    const [queued] = memory.queues.outbound.peekAll();
    expect(queued?.visibleAt).toBe(NOW.getTime() + 30_000);
    delete (memory.ses as { send?: unknown }).send;
    const requeued = memory.queue.jobs[0] as ReplyJob;
    for (let i = 0; i < 3; i++) await mailReply(job({ jobId: `other-${i}` }), deps); // the allowance came back
    deps = { ...deps, maxAutoRepliesPerDay: 4 };
    expect(await mailReply(requeued, deps)).toMatchObject({ sent: true });
    expect(memory.ses.sent).toHaveLength(4);
  });

  it('gives up on a mail SES rejects for good, with the reason, for the handler to dead-letter', async () => {
    memory.ses.send = failWith('rejected', 'MessageRejected');
    await expect(mailReply(job(), deps)).rejects.toEqual(expect.objectContaining({ kind: 'rejected' }));
    expect(await records()).toEqual([expect.objectContaining({ status: 'failed', reason: 'MessageRejected' })]);
  });

  it('tags each send with the ticket, the kind and the job, for SES’s events', async () => {
    await mailReply(job(), deps);
    expect(memory.ses.sent[0]?.tags).toEqual({
      ticket: 'PRK-7K3M9Q2X',
      kind: 'acknowledge',
      job: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
    });
    expect(decodeJobTag(memory.ses.sent[0]?.tags.job ?? '')).toBe('ses-a:acknowledge');
  });

  it('sends an agent’s reply as written by a person, without counting it against the daily limit', async () => {
    for (let i = 0; i < 3; i++) await mailReply(job({ jobId: `ses-${i}:acknowledge` }), deps);
    const r = await mailReply(
      job({ jobId: 'PRK-7K3M9Q2X:resolve:3', kind: 'agent_reply', body: 'Insentif Anda sudah kami proses ulang.' }),
      deps,
    );
    expect(r.sent).toBe(true);
    const mail = memory.ses.sent.at(-1);
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
    const mail = memory.ses.sent.at(-1);
    expect(mail?.headers['Auto-Submitted']).toBeUndefined();
    expect(mail?.headers['In-Reply-To']).toBe('<tanya@surel.example>');
    expect(mail?.subject).toContain('Pertanyaan petugas');
    expect(mail?.text).toContain('Kapan terakhir Anda masuk ke akun?');
  });
});
