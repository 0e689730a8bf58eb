/**
 * The local stack keeps its word about mail it accepted: stopping it (Ctrl-C) finishes that mail
 * first, and a mail as large as SES takes (40 MB) is accepted and stored whole.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { localSmtpClient } from '#local/smtp-client.ts';
import { COMPLAINT_ADDRESS, type LocalStack, startLocalStack } from '#local/stack.ts';
import { generateMail } from '../../bench/mail-generator.ts';

const FREE = { smtp: 0, api: 0, ses: 0, dynamodb: 0, sqs: 0 };

async function startStack(onTriaged?: (n: number) => void): Promise<LocalStack> {
  return startLocalStack({
    ports: FREE,
    sweepIntervalMs: 60_000,
    pipeline: {
      retryDelaySeconds: 0,
      onInboundBatch: (event, failed) => onTriaged?.(event.Records.length - failed.size),
    },
  });
}

describe('stopping the local stack', () => {
  it('finishes every mail SMTP accepted before the pipeline and the emulators stop', async () => {
    // Prepare
    let triaged = 0;
    const stack = await startStack((n) => {
      triaged += n;
    });
    const smtp = localSmtpClient(stack.ports.smtp, 4);
    const mails = await Promise.all(Array.from({ length: 12 }, (_, i) => generateMail(1000 + i, 0)));
    const answers = await Promise.all(
      mails.map((m) => smtp.sendMail({ envelope: { from: m.from, to: [COMPLAINT_ADDRESS] }, raw: m.raw })),
    );
    smtp.close();
    const humans = mails.filter((m) => !m.automated).length;

    // Act
    const left = await stack.stop();

    // Assess
    expect(answers.every((a) => /^250 /.test(a.response ?? ''))).toBe(true);
    expect(left).toBe(0);
    expect(triaged).toBe(mails.length);
    expect(stack.calls.of('mailer').get('SES SendEmail')).toBe(humans);
  });

  it('refuses new mail once stopping has begun', async () => {
    // Prepare
    const stack = await startStack();
    const m = await generateMail(2000, 0);

    // Act
    const stopped = stack.stop();
    const smtp = localSmtpClient(stack.ports.smtp, 1);
    const sent = smtp.sendMail({ envelope: { from: m.from, to: [COMPLAINT_ADDRESS] }, raw: m.raw });

    // Assess
    await expect(sent).rejects.toThrow();
    smtp.close();
    await stopped;
  });
});

describe('a mail as large as SES accepts', () => {
  it('is answered 250 and stored whole', async () => {
    // Prepare: 39 MB of attachment in base64 lines, under SES's 40 MB
    const stack = await startStack();
    const line = `${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3'.slice(0, 76)}\r\n`;
    const body = line.repeat(Math.floor((39 * 1024 * 1024) / line.length));
    const raw = Buffer.from(
      [
        'From: Peserta Lampiran <lampiran.besar@surel.example>',
        `To: ${COMPLAINT_ADDRESS}`,
        'Subject: bukti transfer saya lampirkan',
        'Message-ID: <lampiran-besar@surel.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Dana insentif belum masuk, bukti saya lampirkan.',
        '--b1',
        'Content-Type: application/octet-stream; name="bukti.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        `${body}--b1--`,
        '',
      ].join('\r\n'),
    );
    const smtp = localSmtpClient(stack.ports.smtp, 1);

    // Act
    const answer = await smtp.sendMail({
      envelope: { from: 'lampiran.besar@surel.example', to: [COMPLAINT_ADDRESS] },
      raw,
    });
    smtp.close();

    // Assess
    const id = /^250 Ok (\S+)/.exec(answer.response ?? '')?.[1];
    expect(id).toBeDefined();
    const stored = await stack.clients.s3.send(
      new GetObjectCommand({ Bucket: stack.provisioned.names.bucket, Key: `inbound/${id}` }),
    );
    expect(stored.ContentLength).toBe(raw.length);
    await stack.stop();
  }, 120_000);
});
