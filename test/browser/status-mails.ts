/**
 * Complaint mails for the status page's browser test and screenshots, written for them (names,
 * addresses and wording invented here). The first lacks the card number and phone, so its reply
 * asks for them and the status page shows what is still missing.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { COMPLAINT_ADDRESS } from '#local/site.ts';

export interface StatusMail {
  from: string;
  name: string;
  subject: string;
  text: string;
}

export const WAITING_FOR_DATA: StatusMail = {
  from: 'sinta.maharani@contoh-surel.example',
  name: 'Sinta Maharani',
  subject: 'insentif tahap dua belum cair',
  text: [
    'Selamat malam admin,',
    '',
    'insentif tahap dua saya belum cair juga padahal ulasan kelas sudah saya kirim sebulan lalu.',
    'Mohon bantuannya ya.',
    '',
    'Sinta',
  ].join('\n'),
};

export async function composeStatusMail(m: StatusMail, messageId: string): Promise<Buffer> {
  return new MailComposer({
    from: `${m.name} <${m.from}>`,
    to: COMPLAINT_ADDRESS,
    subject: m.subject,
    text: m.text,
    messageId,
  })
    .compile()
    .build();
}
