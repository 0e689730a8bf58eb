/**
 * Finding 8 (issue 11) on the local emulators: an SES hard-bounce event on the sending-events
 * queue puts the address on the suppression list (dynalite), and the participant's next mail gets
 * no reply through SES (aws-ses-v2-local): the reply record on the ticket says why.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { COMPLETE, LARAS, TRAINING } from '../support/mails.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('SES bounce and complaint events', () => {
  it('stop every further mail to a hard-bounced address, keeping the address only masked', async () => {
    // Prepare: SES reports the participant's mailbox gone, as the configuration set publishes it
    const event = {
      eventType: 'Bounce',
      mail: { timestamp: '2024-05-20T03:00:00.000Z', messageId: 'ses-out-1', destination: [LARAS.address] },
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          { emailAddress: LARAS.address, status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 unknown' },
        ],
        timestamp: '2024-05-20T03:00:01.000Z',
        feedbackId: 'feedback-1',
      },
    };
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.sendingEvents.url, MessageBody: JSON.stringify(event) }),
    );
    expect(await stack.pipeline.sendingEvents.pollOnce(0)).toBe(1);
    // Act: the participant writes in
    await stack.deliver({ raw: await COMPLETE.raw(), source: COMPLETE.source, messageId: 'ses-after-bounce' });
    await stack.drain();
    // Assess
    const sent = await stack.sentMail();
    expect(sent.filter((m) => m.destination.to.includes(LARAS.address))).toEqual([]);
    const replies = await stack.items('reply');
    expect(replies.map((r) => [r.to, r.status, r.reason])).toEqual([
      [LARAS.address, 'skipped', 'suppressed: hard-bounce'],
    ]);
    const suppressed = await stack.items('recipient');
    expect(suppressed.map((s) => [s.suppressed, s.address])).toEqual([
      ['hard-bounce', expect.stringMatching(/^la\*+@surel\.example$/)],
    ]);
    expect(JSON.stringify(suppressed)).not.toContain(LARAS.address);
  });

  it('keeps a suppression for good on an address whose daily reply count was to expire', async () => {
    // Prepare: the participant was answered today, so their item carries the count's expiry
    await stack.deliver({ raw: await TRAINING.raw(), source: TRAINING.source, messageId: 'ses-before-complaint' });
    await stack.drain();
    const counted = (await stack.items('recipient')).filter((r) => !r.suppressed);
    expect(counted).toEqual([expect.objectContaining({ expiresAt: expect.any(Number) })]);

    // Act: they mark our mail as spam
    const complaint = {
      eventType: 'Complaint',
      mail: { timestamp: '2024-05-20T04:00:00.000Z', messageId: 'ses-out-2', destination: [TRAINING.source] },
      complaint: {
        complainedRecipients: [{ emailAddress: TRAINING.source }],
        timestamp: '2024-05-20T04:00:01.000Z',
        feedbackId: 'feedback-2',
      },
    };
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.sendingEvents.url, MessageBody: JSON.stringify(complaint) }),
    );
    expect(await stack.pipeline.sendingEvents.pollOnce(0)).toBe(1);

    // Assess: DynamoDB's TTL would delete an item with an expiry, and the suppression with it
    const recipients = await stack.items('recipient');
    expect(recipients.filter((r) => !r.suppressed)).toEqual([]);
    for (const r of recipients) expect(r).not.toHaveProperty('expiresAt');
  });
});
