/**
 * Finding 8 (issue 11): SES's bounce and complaint events put the address on the suppression
 * list; the mailer writes to it no more. The use cases on adapters in memory.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { mailReply } from '#app/mailer.ts';
import { recordSendingEvent } from '#app/sending-events.ts';
import type { SendingEvent } from '#core/suppression.ts';
import { buildMailerDeps, buildSendingEventsDeps } from '#lambdas/wiring.ts';
import type { ReplyJob } from '#ports';

const NOW = new Date('2024-05-20T03:00:00.000Z');
const ADDRESS = 'bagas.wirawan@surel.example';

const job = (over: Partial<ReplyJob> = {}): ReplyJob => ({
  jobId: 'ses-b:acknowledge',
  kind: 'acknowledge',
  ticketRef: 'PRK-7K3M9Q2X',
  to: ADDRESS,
  category: 'account',
  missing: [],
  inReplyTo: null,
  references: [],
  ...over,
});
const bounce = (bounceType: string, to = 'Bagas.Wirawan@surel.example'): SendingEvent => ({
  eventType: 'Bounce',
  bounce: { bounceType, bouncedRecipients: [{ emailAddress: to }] },
});

let memory: MemoryAdapters;
beforeEach(() => {
  memory = new MemoryAdapters();
});
const mailer = () =>
  buildMailerDeps(
    {
      FROM_ADDRESS: 'pengaduan@prakerja.example.id',
      MAX_AUTO_REPLIES_PER_DAY: 3,
      STATUS_BASE_URL: 'http://127.0.0.1:3000',
      MAX_SENDS_PER_SECOND: 1000,
    },
    memory,
    () => NOW,
  );
/** What the event put on the suppression list (an event always names the mail it is about). */
const record = async (e: SendingEvent) =>
  (
    await recordSendingEvent(
      { mail: { timestamp: NOW.toISOString(), messageId: 'ses-out-1' }, ...e },
      buildSendingEventsDeps(memory, () => NOW),
    )
  ).suppressed;

describe('the suppression list', () => {
  it('takes a hard-bounced address, whatever its case, and the mailer writes to it no more, agents included', async () => {
    // Act
    const suppressed = await record(bounce('Permanent'));
    const auto = await mailReply(job(), mailer());
    const agent = await mailReply(
      job({ jobId: 'PRK-7K3M9Q2X:resolve:3', kind: 'agent_reply', body: 'Sudah.' }),
      mailer(),
    );
    // Assess
    expect(suppressed).toEqual([{ address: ADDRESS, reason: 'hard-bounce' }]);
    expect([auto, agent]).toEqual([
      { sent: false, reason: 'suppressed' },
      { sent: false, reason: 'suppressed' },
    ]);
    expect(memory.ses.sent).toEqual([]);
    expect([...memory.state.replies.values()].map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'suppressed: hard-bounce'],
      ['skipped', 'suppressed: hard-bounce'],
    ]);
  });

  it('never rewrites the record of a reply already sent when its address is suppressed afterwards (a redelivery)', async () => {
    // Prepare: sent, then the mailbox bounces
    expect(await mailReply(job(), mailer())).toMatchObject({ sent: true });
    await record(bounce('Permanent'));
    // Act: SQS delivers the same job again
    const again = await mailReply(job(), mailer());
    // Assess
    expect(again).toEqual({ sent: false, reason: 'taken-before' });
    expect(memory.ses.sent).toHaveLength(1);
    expect([...memory.state.replies.values()].map((r) => r.status)).toEqual(['sent']);
  });

  it('says suppressed, not rate-limited, for an address at its daily limit, and spends none of its allowance', async () => {
    // Prepare: the day's three auto-replies went out, then the mailbox bounced
    for (const n of [1, 2, 3])
      expect(await mailReply(job({ jobId: `ses-b${n}:acknowledge` }), mailer())).toMatchObject({ sent: true });
    await record(bounce('Permanent'));
    // Act
    const fourth = await mailReply(job({ jobId: 'ses-b4:acknowledge' }), mailer());
    // Assess
    expect(fourth).toEqual({ sent: false, reason: 'suppressed' });
    expect(memory.state.replies.get('PRK-7K3M9Q2X#ses-b4:acknowledge')?.reason).toBe('suppressed: hard-bounce');
    expect([...memory.state.allowance.values()].map((jobs) => jobs.size)).toEqual([3]);
  });

  it('takes everyone who complained', async () => {
    await record({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: ADDRESS }] } });
    expect(await mailReply(job(), mailer())).toEqual({ sent: false, reason: 'suppressed' });
  });

  it('leaves alone an address whose bounce was transient, or only delayed', async () => {
    expect(await record(bounce('Transient'))).toEqual([]);
    expect(await record({ eventType: 'DeliveryDelay' })).toEqual([]);
    expect(await mailReply(job(), mailer())).toMatchObject({ sent: true });
  });
});
