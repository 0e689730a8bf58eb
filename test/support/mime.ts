/** Builds fixture mails with nodemailer's MIME composer (a real encoder, not hand-made strings). */
import MailComposer from 'nodemailer/lib/mail-composer';

export interface MimeOptions {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  textEncoding?: 'quoted-printable' | 'base64';
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  attachments?: { filename: string; content: Buffer | string; contentType: string }[];
  date?: Date;
}

export async function mime(o: MimeOptions): Promise<Buffer> {
  const composer = new MailComposer({
    from: o.from ?? 'Budi Santoso <budi.santoso@example.com>',
    to: o.to ?? 'pengaduan@prakerja.example.id',
    subject: o.subject ?? 'insentif belum masuk',
    text: o.text,
    html: o.html,
    headers: o.headers,
    textEncoding: o.textEncoding,
    messageId: o.messageId ?? '<fixture-1@mail.example.com>',
    inReplyTo: o.inReplyTo,
    references: o.references,
    attachments: o.attachments,
    date: o.date ?? new Date('2024-03-11T07:14:22+07:00'),
  });
  return composer.compile().build();
}
