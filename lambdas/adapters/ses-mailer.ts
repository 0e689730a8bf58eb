/**
 * Mailer over SES v2 SendEmail with raw content: we build the MIME ourselves (nodemailer's
 * composer) because threading needs our own Message-ID, In-Reply-To and References headers.
 * SES v2 rather than v1 SendRawEmail: same raw capability, current API, configuration sets.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMail } from '#core/reply-message.ts';
import type { Mailer } from '#ports';

export async function toMime(mail: OutgoingMail, date: Date): Promise<Buffer> {
  const composer = new MailComposer({
    from: { name: 'Layanan Pengaduan Kartu Prakerja', address: mail.from },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
    date,
  });
  return composer.compile().build();
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly now: () => Date,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: OutgoingMail): Promise<string> {
    const raw = await toMime(mail, this.now());
    const r = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        Content: { Raw: { Data: raw } },
        ConfigurationSetName: this.configurationSet,
      }),
    );
    return r.MessageId ?? '';
  }
}
