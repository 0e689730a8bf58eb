/**
 * Mailer over SES v2 SendEmail with raw content: we build the MIME ourselves (nodemailer's
 * composer) because threading needs our own Message-ID, In-Reply-To and References headers.
 * SES v2 rather than v1 SendRawEmail: same raw capability, current API, configuration sets.
 */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMail } from '#core/reply-message.ts';
import { type Mailer, SendFailure, type SendFailureKind, type SendTags } from '#ports';

/** SES's answers that mean "over the sending rate or quota": not sent, try later. */
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'LimitExceededException']);
/** SES's answers that refuse this mail for good (its recipient, sender or content). */
const REJECTED = new Set(['MessageRejected', 'BadRequestException', 'MailFromDomainNotVerifiedException']);

/** What an SDK error says about the send (see SendFailureKind). */
export function sendFailureKind(err: { name?: string; $fault?: string }): SendFailureKind {
  if (THROTTLED.has(err.name ?? '')) return 'throttled';
  if (REJECTED.has(err.name ?? '')) return 'rejected';
  // Any other 4xx was refused before sending; a 5xx, a timeout or a network error tells nothing.
  return err.$fault === 'client' ? 'refused' : 'unknown';
}

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

  async send(mail: OutgoingMail, tags: SendTags): Promise<string> {
    const raw = await toMime(mail, this.now());
    try {
      const r = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from,
          Destination: { ToAddresses: [mail.to] },
          Content: { Raw: { Data: raw } },
          ConfigurationSetName: this.configurationSet,
          // In every SES event about this mail (`mail.tags`): the Send event names the job it sent.
          EmailTags: Object.entries(tags).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      return r.MessageId ?? '';
    } catch (err) {
      const e = err as { name?: string; $fault?: string };
      throw new SendFailure(sendFailureKind(e), e.name ?? 'Error');
    }
  }
}
