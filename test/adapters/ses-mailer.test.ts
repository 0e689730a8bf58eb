import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { simpleParser } from 'mailparser';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { buildReply } from '#core/reply-message.ts';

const client = new SESv2Client({ region: 'ap-southeast-1' });
const ses = mockClient(client);

describe('SesMailer', () => {
  it('sends our own MIME: our Message-ID, the threading headers, both bodies, through the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const mail = buildReply(
      { kind: 'ask_missing', ticketRef: 'PRK-7K3M9Q2X', category: 'incentive', missing: ['phone'] },
      {
        jobId: 'ses-a:ask_missing',
        from: 'pengaduan@prakerja.example.id',
        to: 'oki@surel.example',
        inReplyTo: '<oki-1@surel.example>',
        references: ['<oki-0@surel.example>'],
      },
    );
    const tags = { ticket: 'PRK-7K3M9Q2X', kind: 'ask_missing', job: 'c2VzLWE6YXNrX21pc3Npbmc' };
    const id = await new SesMailer(client, () => new Date('2024-05-20T03:00:00.000Z'), 'replies').send(mail, tags);
    expect(id).toBe('ses-1');
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'pengaduan@prakerja.example.id',
      Destination: { ToAddresses: ['oki@surel.example'] },
      ConfigurationSetName: 'replies',
      EmailTags: [
        { Name: 'ticket', Value: 'PRK-7K3M9Q2X' },
        { Name: 'kind', Value: 'ask_missing' },
        { Name: 'job', Value: 'c2VzLWE6YXNrX21pc3Npbmc' },
      ],
    });
    const raw = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Raw?.Data;
    const sent = await simpleParser(Buffer.from(raw as Uint8Array));
    expect(sent.messageId).toBe(mail.messageId);
    expect(sent.subject).toBe('[PRK-7K3M9Q2X] Mohon lengkapi data pengaduan Anda');
    expect(sent.inReplyTo).toBe('<oki-1@surel.example>');
    expect(sent.references).toEqual(['<oki-0@surel.example>', '<oki-1@surel.example>']);
    expect(sent.headers.get('auto-submitted')).toBe('auto-replied');
    expect(sent.text).toMatch(/^Halo,\r?\n/);
    expect(sent.html).toContain('PRK-7K3M9Q2X');
  });

  it.each([
    ['TooManyRequestsException', 'client', 'throttled'],
    ['LimitExceededException', 'client', 'throttled'],
    ['MessageRejected', 'client', 'rejected'],
    ['BadRequestException', 'client', 'rejected'],
    ['SendingPausedException', 'client', 'refused'],
    ['InternalFailure', 'server', 'unknown'],
    ['TimeoutError', undefined, 'unknown'],
  ])('reads SES’s %s (%s fault) as a %s send', async (name, fault, kind) => {
    ses.reset();
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('no'), { name, $fault: fault }));
    const mail = buildReply(
      { kind: 'acknowledge', ticketRef: 'PRK-7K3M9Q2X', category: 'incentive' },
      { jobId: 'j', from: 'pengaduan@prakerja.example.id', to: 'oki@surel.example', inReplyTo: null, references: [] },
    );
    await expect(
      new SesMailer(client, () => new Date(), 'replies').send(mail, {
        ticket: 'PRK-7K3M9Q2X',
        kind: 'acknowledge',
        job: 'ag',
      }),
    ).rejects.toEqual(expect.objectContaining({ name: 'SendFailure', kind, reason: name }));
  });
});
