/**
 * Turns generated content into raw mail in the shapes complaint mail arrives in: plain text
 * (7bit, 8bit, quoted-printable, base64; UTF-8 or ISO-8859-1), HTML only (tables, &nbsp;),
 * multipart/alternative, attachments, quoted replies and forwards; and machine-generated mail
 * (out-of-office, delivery reports, newsletters, helpdesk acknowledgements, no-reply notices).
 * MIME is built by nodemailer's composer and MimeNode, never by hand.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import type { Block, Content } from './compose.ts';
import { date, mobile, writePhone } from './identity.ts';
import type { Random } from './random.ts';

export const CENTRE = 'pengaduan@prakerja.example.id';
const CENTRE_NAME = 'Layanan Pengaduan Kartu Prakerja';

export interface Envelope {
  /** The shared part of the MIME boundaries, drawn from the seed so the same seed writes the same bytes. */
  boundary: string;
  fromName: string;
  from: string;
  subject: string;
  messageId: string;
  date: Date;
  inReplyTo?: string;
}

// ---------------------------------------------------------------- rendering content

export function renderText(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.kind === 'text' ? b.text : b.rows.map(([label, value]) => `${label}${b.separator}${value}`).join('\n'),
    )
    .join('\n\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Digit groups joined by &nbsp;, as rich-text editors write them. */
const nbspNumbers = (s: string) => s.replace(/(\d) (?=\d)/g, '$1&nbsp;');

export function renderHtml(rng: Random, blocks: readonly Block[], table: boolean): string {
  const nbsp = rng.chance(0.5);
  const html = blocks.map((b) => {
    if (b.kind === 'rows') {
      if (!table) return `<div>${b.rows.map(([l, v]) => escapeHtml(`${l}${b.separator}${v}`)).join('<br>')}</div>`;
      const colon = rng.chance(0.5);
      const rows = b.rows
        .map(([l, v]) => {
          const value = nbsp ? nbspNumbers(escapeHtml(v)) : escapeHtml(v);
          return colon
            ? `<tr><td>${escapeHtml(l)}</td><td>:</td><td>${value}</td></tr>`
            : `<tr><td><b>${escapeHtml(l)}:</b></td><td>${value}</td></tr>`;
        })
        .join('');
      return `<table border="0" cellpadding="2">${rows}</table>`;
    }
    const lines = b.text.split('\n').map((l) => (nbsp ? nbspNumbers(escapeHtml(l)) : escapeHtml(l)));
    return rng.chance(0.5) ? `<p>${lines.join('<br>')}</p>` : `<div>${lines.join('<br>')}</div>`;
  });
  return `<div dir="ltr">${html.join('\n')}</div>`;
}

// ---------------------------------------------------------------- quoting and forwarding

const ID_DAYS = ['Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab', 'Min'];
const ID_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

function attributionDate(d: Date, english: boolean): string {
  const day = english ? d.toUTCString().slice(0, 3) : ID_DAYS[(d.getUTCDay() + 6) % 7];
  const month = english ? d.toUTCString().slice(8, 11) : ID_MONTHS[d.getUTCMonth()];
  return `${day}, ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

/** A reply quoting an earlier mail (the participant's own, or the centre's request for data). */
export function quotedReply(
  rng: Random,
  newText: string,
  earlier: { name: string; address: string; text: string; date: Date },
): string {
  const english = rng.chance(0.3);
  const attribution = english
    ? `On ${attributionDate(earlier.date, true)} ${earlier.name} <${earlier.address}> wrote:`
    : `Pada ${attributionDate(earlier.date, false)} pukul ${rng.int(7, 21)}.${String(rng.int(0, 59)).padStart(2, '0')} ${earlier.name} <${earlier.address}> menulis:`;
  // Long attributions wrap in some clients.
  const wrapped = rng.chance(0.3) ? attribution.replace(/ <(?=[^<]*$)/, '\n<') : attribution;
  return `${newText}\n\n${wrapped}\n\n${quote(earlier.text)}`;
}

/** The centre's own earlier request, as the participant's client quotes it: examples are x'd out. */
export function centreRequestText(): string {
  return [
    'Halo,',
    '',
    'Terima kasih, pengaduan Anda sudah kami catat. Agar dapat kami proses, mohon balas email ini dengan:',
    '- Nomor Kartu Prakerja (16 digit, bukan NIK/KTP), contoh: 53xx xxxx xxxx xx82',
    '- Nomor HP yang terdaftar, contoh: 08xx-xxxx-xxxx',
    '',
    'Salam,',
    CENTRE_NAME,
  ].join('\n');
}

export function forwarded(
  rng: Random,
  newText: string,
  earlier: { name: string; address: string; subject: string; text: string; date: Date },
): string {
  const banner = rng.pick([
    '---------- Forwarded message ---------',
    '---------- Pesan yang diteruskan ---------',
    'Begin forwarded message:',
  ]);
  const indonesian = banner.includes('Pesan');
  const header = indonesian
    ? [
        `Dari: ${earlier.name} <${earlier.address}>`,
        `Tanggal: ${attributionDate(earlier.date, false)}`,
        `Subjek: ${earlier.subject}`,
        `Kepada: <${CENTRE}>`,
      ]
    : [
        `From: ${earlier.name} <${earlier.address}>`,
        `Date: ${attributionDate(earlier.date, true)}`,
        `Subject: ${earlier.subject}`,
        `To: <${CENTRE}>`,
      ];
  return `${newText}\n\n${banner}\n${header.join('\n')}\n\n${earlier.text}`;
}

/** A scam message the participant forwards: the number in it is the scammer's. */
export function scamMessage(rng: Random): { text: string; from: string } {
  const scammer = writePhone(rng, mobile(rng));
  return {
    from: rng.pick([
      'Admin Prakerja <admin.prakerja.official@gmail.com>',
      'Info Bantuan <bantuan.pusat2024@yahoo.com>',
    ]),
    text: rng.pick([
      `Selamat! Anda terpilih menerima dana tambahan. Segera konfirmasi ke admin kami di WA ${scammer} dan siapkan kode OTP yang kami kirim.`,
      `Akun Prakerja Anda akan dinonaktifkan. Untuk verifikasi ulang hubungi petugas kami ${scammer} paling lambat hari ini.`,
      `Pencairan tahap akhir memerlukan biaya administrasi. Transfer lalu kirim bukti ke ${scammer}.`,
    ]),
  };
}

// ---------------------------------------------------------------- MIME

type Shape = 'plain' | 'plain-8bit' | 'plain-latin1' | 'html' | 'alternative' | 'attachment';

export function shapeFor(rng: Random, wantsTable: boolean): Shape {
  if (wantsTable) return rng.pick(['html', 'alternative', 'html'] as const);
  return rng.weighted([
    ['plain', 40],
    ['plain-8bit', 10],
    ['plain-latin1', 5],
    ['html', 15],
    ['alternative', 20],
    ['attachment', 10],
  ] as const);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% generated\n', 'latin1');

function composer(env: Envelope, extra: Record<string, unknown>): MailComposer {
  return new MailComposer({
    from: { name: env.fromName, address: env.from },
    to: CENTRE,
    subject: env.subject,
    messageId: env.messageId,
    date: env.date,
    inReplyTo: env.inReplyTo,
    references: env.inReplyTo,
    baseBoundary: env.boundary,
    ...extra,
  });
}

export async function humanMail(
  rng: Random,
  env: Envelope,
  content: Content,
  text: string,
  html: string,
): Promise<Buffer> {
  const shape = shapeFor(rng, content.wantsTable);
  const textEncoding = rng.pick(['quoted-printable', 'base64'] as const);
  const encodable = ![...text].some((ch) => (ch.codePointAt(0) ?? 0) > 0xff);
  switch (shape) {
    case 'plain':
      return composer(env, { text, textEncoding }).compile().build();
    case 'plain-8bit':
      return eightBitMail(env, text);
    case 'plain-latin1':
      if (!encodable) return composer(env, { text, textEncoding }).compile().build();
      return latin1Mail(env, text);
    case 'html':
      return composer(env, { html, textEncoding }).compile().build();
    case 'alternative':
      return composer(env, { text, html, textEncoding }).compile().build();
    case 'attachment': {
      const file = rng.pick([
        { filename: 'Screenshot_2024.png', content: PNG, contentType: 'image/png' },
        { filename: 'bukti.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'IMG-20240311-WA0007.jpg', content: PNG, contentType: 'image/jpeg' },
      ]);
      return composer(env, { text, html: rng.chance(0.5) ? html : undefined, textEncoding, attachments: [file] })
        .compile()
        .build();
    }
  }
}

function headerNode(env: Envelope, contentType: string): MimeNode {
  const node = new MimeNode(contentType);
  node.setHeader({
    From: `${env.fromName} <${env.from}>`,
    To: CENTRE,
    Subject: env.subject,
    'Message-ID': env.messageId,
    Date: env.date.toUTCString().replace('GMT', '+0000'),
  });
  if (env.inReplyTo) node.setHeader({ 'In-Reply-To': env.inReplyTo, References: env.inReplyTo });
  return node;
}

/**
 * UTF-8 sent as 8bit, as many webmail clients do. nodemailer always picks quoted-printable or
 * base64 for non-ASCII text, so MimeNode writes the headers and the body follows unencoded.
 */
function eightBitMail(env: Envelope, text: string): Buffer {
  const node = headerNode(env, 'text/plain; charset=utf-8');
  node.setHeader('Content-Transfer-Encoding', '8bit');
  return Buffer.from(`${node.buildHeaders()}\r\n\r\n${text.replace(/\r?\n/g, '\r\n')}\r\n`, 'utf8');
}

/** ISO-8859-1, quoted-printable: older desktop clients. */
function latin1Mail(env: Envelope, text: string): Promise<Buffer> {
  const root = headerNode(env, 'text/plain; charset=iso-8859-1');
  root.setHeader('Content-Transfer-Encoding', 'quoted-printable');
  root.setContent(Buffer.from(text, 'latin1'));
  return root.build();
}

// ---------------------------------------------------------------- machine-generated mail

export type AutomatedKind =
  | 'out-of-office'
  | 'delivery-report'
  | 'newsletter'
  | 'helpdesk-ack'
  | 'noreply-notice'
  | 'system-alert';

export async function automatedMail(rng: Random, kind: AutomatedKind, env: Envelope): Promise<Buffer> {
  switch (kind) {
    case 'out-of-office': {
      const english = rng.chance(0.4);
      const subject = english
        ? `Automatic reply: ${env.subject}`
        : rng.pick([
            `Balasan Otomatis: ${env.subject}`,
            `Out of Office: ${env.subject}`,
            `Sedang cuti: ${env.subject}`,
          ]);
      const text = english
        ? `I am out of the office until ${date(rng)}. For urgent matters please call ${writePhone(rng, mobile(rng))}.`
        : `Halo, pesan Anda sudah masuk tetapi saya sedang cuti sampai ${date(rng)}. Bila mendesak, silakan telepon ${writePhone(rng, mobile(rng))}.`;
      return composer(
        { ...env, subject },
        { text, headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } },
      )
        .compile()
        .build();
    }
    case 'delivery-report': {
      const root = new MimeNode('multipart/report; report-type=delivery-status', { baseBoundary: env.boundary });
      root.setHeader({
        From: `Mail Delivery Subsystem <${env.from}>`,
        To: CENTRE,
        Subject: rng.pick([
          'Delivery Status Notification (Failure)',
          'Undeliverable: Pengaduan Anda kami terima',
          'Mail delivery failed: returning message to sender',
        ]),
        'Message-ID': env.messageId,
        Date: env.date.toUTCString().replace('GMT', '+0000'),
        'Return-Path': '<>',
        'Auto-Submitted': 'auto-replied',
      });
      root
        .createChild('text/plain')
        .setContent(
          `Pesan Anda tidak dapat dikirim ke ${rng.pick(['peserta', 'user', 'akun'])}${rng.int(1, 999)}@mail.example.id.\nAlamat tidak ditemukan.`,
        );
      root
        .createChild('message/delivery-status')
        .setContent(
          `Reporting-MTA: dns; mx.mail.example.id\n\nFinal-Recipient: rfc822; user@mail.example.id\nAction: failed\nStatus: 5.1.1\n`,
        );
      root
        .createChild('text/rfc822-headers')
        .setContent(
          `From: ${CENTRE_NAME} <${CENTRE}>\nSubject: [PRK-${rng.pick(['7Q2M', 'K9X4', 'T3B8'])}${rng.pick(['A1C5', 'Z8W2', 'P6R3'])}] Pengaduan Anda kami terima\n`,
        );
      return root.build();
    }
    case 'newsletter':
      return composer(
        {
          ...env,
          subject: rng.pick([
            'Promo kelas minggu ini',
            'Diskon 50% pelatihan pilihan',
            'Newsletter: tips karier bulan ini',
          ]),
        },
        {
          html: `<h2>Kelas pilihan minggu ini</h2><p>Hanya ${rng.pick(['Rp 99.000', 'Rp 150.000'])}! Gunakan saldo pelatihan Anda sebelum ${date(rng)}.</p><p><a href="https://promo.example.id/u">Berhenti berlangganan</a></p>`,
          headers: {
            'List-Unsubscribe': '<mailto:unsubscribe@promo.example.id>',
            'List-Id': '<promo.example.id>',
            Precedence: 'bulk',
          },
        },
      )
        .compile()
        .build();
    case 'helpdesk-ack':
      return composer(
        {
          ...env,
          subject: `[Tiket #${rng.int(10000, 99999)}] ${rng.pick(['Permintaan Anda telah kami terima', 'We received your request'])}`,
        },
        {
          text: `Terima kasih telah menghubungi layanan pelanggan kami. Nomor tiket Anda ${rng.int(100000, 999999)}. Tim kami akan merespons dalam 2x24 jam.`,
          headers: { 'X-Autoreply': 'yes', 'X-Auto-Response-Suppress': 'All' },
        },
      )
        .compile()
        .build();
    case 'noreply-notice':
      return composer(
        { ...env, subject: rng.pick(['Transaksi berhasil', 'Kode verifikasi Anda', 'Pemberitahuan login baru']) },
        {
          text: `Transaksi sebesar ${rng.pick(['Rp 600.000', 'Rp 50.000'])} pada ${date(rng)} berhasil. Pesan ini dibuat sistem; balasan ke alamat ini tidak dibaca.`,
        },
      )
        .compile()
        .build();
    case 'system-alert':
      return composer(
        { ...env, subject: rng.pick(['Pemberitahuan sistem', 'Laporan harian antrian']) },
        { text: `Laporan otomatis ${date(rng)}: 0 pesan gagal.`, headers: { 'Auto-Submitted': 'auto-generated' } },
      )
        .compile()
        .build();
  }
}

export function automatedSender(rng: Random, kind: AutomatedKind): { name: string; address: string } {
  switch (kind) {
    case 'out-of-office':
      return rng.pick([
        { name: 'Rina Kusuma', address: `rina.kusuma${rng.int(1, 99)}@kantor.example.co.id` },
        { name: 'Hadi Prasetyo', address: `hadi.p${rng.int(1, 99)}@perusahaan.example.com` },
      ]);
    case 'delivery-report':
      return {
        name: 'Mail Delivery Subsystem',
        address: rng.pick(['mailer-daemon@mail.example.id', 'postmaster@mx.example.net']),
      };
    case 'newsletter':
      return { name: 'Promo Kelas', address: 'info@promo.example.id' };
    case 'helpdesk-ack':
      return { name: 'Customer Care', address: rng.pick(['support@bank.example.co.id', 'cs@ewallet.example.id']) };
    case 'noreply-notice':
      return {
        name: 'E-Wallet',
        address: rng.pick([
          'noreply@ewallet.example.id',
          'no-reply@notif.example.com',
          'donotreply@bank.example.co.id',
        ]),
      };
    case 'system-alert':
      return { name: 'Monitoring', address: 'monitor@ops.example.id' };
  }
}
