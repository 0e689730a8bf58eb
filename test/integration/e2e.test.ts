/**
 * End to end on the local stack `npm start` runs: mail in over real SMTP, tickets checked through
 * the agent API over HTTP, replies through the SES emulator's /store.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Transporter } from 'nodemailer';
import { CATEGORIES } from '#core/types.ts';
import { signAgentToken } from '#local/jwt.ts';
import { localSmtpClient } from '#local/smtp-client.ts';
import { COMPLAINT_ADDRESS, type LocalStack, startLocalStack } from '#local/stack.ts';
import { DAY_OF_MAIL, GILANG, KETUT, LARAS, RESEND_OTHER_ADDRESS, TRAINING } from '../support/mails.ts';

let stack: LocalStack;
let smtp: Transporter;
let token: string;

interface SentMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const r = await fetch(`${stack.urls.api}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
}

async function sentMail(): Promise<SentMail[]> {
  return ((await (await fetch(`${stack.urls.sesViewer}/store`)).json()) as { emails: SentMail[] }).emails;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await probe();
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A complete complaint whose sender fails DMARC: the local receiver's header sets SES's verdicts. */
const FORGED_ADDRESS = 'raka.p@surel.example';
const FORGED = [
  'X-Local-SES-Verdicts: spf=FAIL, dkim=FAIL,',
  ' dmarc=FAIL',
  `From: Raka Pratama <${FORGED_ADDRESS}>`,
  `To: ${COMPLAINT_ADDRESS}`,
  'Subject: Tidak bisa masuk akun',
  'Message-ID: <e2e-forged@surel.example>',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Selamat siang, sejak kemarin saya tidak bisa masuk ke akun Prakerja: kata sandi selalu ditolak.',
  'Nomor HP 0857 3140 2268, nomor kartu prakerja 4410 2297 6653 0181.',
].join('\r\n');

async function send(raw: Buffer | string, from: string) {
  await smtp.sendMail({ envelope: { from, to: [COMPLAINT_ADDRESS] }, raw });
}

beforeAll(async () => {
  stack = await startLocalStack({
    ports: { smtp: 0, api: 0, ses: 0, dynamodb: 0, sqs: 0 },
    sweepIntervalMs: 60_000,
    pipeline: { retryDelaySeconds: 0 },
  });
  smtp = localSmtpClient(stack.ports.smtp, 1);
  token = await signAgentToken({ agent: 'e2e-supervisor', queues: [...CATEGORIES], supervisor: true });
  for (const m of DAY_OF_MAIL) await send(await m.raw(), m.source);
  await send(FORGED, FORGED_ADDRESS);
  await until('four replies', async () => (await sentMail()).length >= 4);
  await sleep(300); // a fifth would be a bug: give it the chance to show
});

afterAll(async () => {
  smtp?.close();
  await stack?.stop();
});

describe('local stack end to end', () => {
  it('refuses mail for other recipients at the SMTP level', async () => {
    await expect(
      smtp.sendMail({
        envelope: { from: 'x@example.com', to: ['someone@prakerja.example.id'] },
        raw: 'Subject: x\r\n\r\nx',
      }),
    ).rejects.toThrow(/550/);
  });

  it('shows the tickets on their work lists through the agent API', async () => {
    const r = await api<{ queues: { category: string; ready: number; waitingParticipant: number }[] }>(
      'GET',
      '/queues',
    );
    const byCat = Object.fromEntries(r.body.queues.map((q) => [q.category, [q.ready, q.waitingParticipant]]));
    expect(byCat).toMatchObject({ incentive: [1, 1], training: [1, 0], certificate: [0, 0] });
  });

  it('shows the resend from another address as a probable duplicate of the first ticket, not merged into it', async () => {
    const claimed = await api<{ ticket: { ref: string; fields: { cardNumber: string } } }>(
      'POST',
      '/queues/incentive/claim',
    );
    expect(claimed.status).toBe(200);
    expect(claimed.body.ticket.fields.cardNumber).toBe(LARAS.card);
    const detail = await api<{ messages: unknown[]; related: { reason: string; ref: string }[] }>(
      'GET',
      `/tickets/${claimed.body.ticket.ref}`,
    );
    expect(detail.body.messages).toHaveLength(1);
    expect(detail.body.related).toEqual([expect.objectContaining({ reason: 'same card number' })]);
    const held = await api<{ ticket: { heldBehind: string } }>('GET', `/tickets/${detail.body.related[0]?.ref}`);
    expect(held.body.ticket.heldBehind).toBe(claimed.body.ticket.ref);
    await api('POST', `/tickets/${claimed.body.ticket.ref}/release`);
  });

  it('sent exactly one correct reply per human mail and none to automated senders', async () => {
    const sent = await sentMail();
    const to = sent.map((m) => m.destination.to[0]).sort();
    expect(to).toEqual([LARAS.address, GILANG.address, KETUT.address, RESEND_OTHER_ADDRESS.source].sort());
    const ask = sent.find((m) => m.destination.to[0] === GILANG.address);
    expect(ask?.subject).toMatch(/^\[PRK-[0-9A-HJKMNP-TV-Z]{8}\] Mohon lengkapi data pengaduan Anda$/);
    expect(ask?.body.text).toContain('Nomor Kartu Prakerja');
  });

  it('makes the ticket ready when the participant answers the ask_missing reply in its thread', async () => {
    const ask = (await sentMail()).find((m) => m.destination.to[0] === GILANG.address);
    const ref = /\[(PRK-[0-9A-Z]{8})\]/.exec(ask?.subject ?? '')?.[1];
    expect(ref).toBeDefined();
    const answer = [
      `From: ${GILANG.name} <${GILANG.address}>`,
      `To: ${COMPLAINT_ADDRESS}`,
      `Subject: Re: ${ask?.subject}`,
      'Message-ID: <e2e-answer@mail.example.com>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Berikut datanya min',
      'Nomor kartu 3318 5520 0147 9963',
      'Nomor HP 0896 3311 7420',
      '',
      '> (kutipan balasan sebelumnya)',
    ].join('\r\n');
    await send(answer, GILANG.address);
    const ticket = await until('the ticket to become ready', async () => {
      const r = await api<{ ticket: { status: string; missing: string[] } }>('GET', `/tickets/${ref}`);
      return r.body.ticket.status === 'ready' ? r.body.ticket : undefined;
    });
    expect(ticket.missing).toEqual([]);
    await until('the acknowledgement', async () =>
      (await sentMail()).some((m) => m.subject === `[${ref}] Pengaduan Anda kami terima`),
    );
  });

  it('files a DMARC-failing mail as an unverified ticket, answers nothing, and stores it without the verdicts header', async () => {
    const items = await until('the unverified record', async () => {
      const r = await api<{ items: { ticketRef: string; rawKey: string }[] }>('GET', '/ops/unverified');
      return r.body.items.length ? r.body.items : undefined;
    });
    const ticket = await api<{ ticket: { senderVerified: boolean; replyTo: string | null } }>(
      'GET',
      `/tickets/${items[0]?.ticketRef}`,
    );
    expect(ticket.body.ticket.senderVerified).toBe(false);
    expect((await sentMail()).filter((m) => m.destination.to.includes(FORGED_ADDRESS))).toEqual([]);
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(items[0]?.rawKey ?? '') ?? [];
    const stored = await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const raw = (await stored.Body?.transformToString()) ?? '';
    expect(raw).toContain('Subject: Tidak bisa masuk akun');
    expect(raw).not.toMatch(/X-Local-SES-Verdicts|dmarc=FAIL/i);
  });

  it('keeps an unparseable mail: visible to supervisors on the ops list, pointing at the raw mail', async () => {
    await send(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x0d, 0x0a]), 'broken@example.com');
    const items = await until('the parse failure record', async () => {
      const r = await api<{ items: { outcome: string; rawKey: string; sender: string }[] }>('GET', '/ops/parse_failed');
      return r.body.items.length ? r.body.items : undefined;
    });
    expect(items[0]).toMatchObject({
      outcome: 'parse_failed',
      rawKey: expect.stringMatching(/^s3:\/\/prakerja-mail\/inbound\//),
      sender: 'br****@example.com',
    });
  });

  it('dead-letters a poison notification after the configured retries and loses nothing else', async () => {
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.provisioned.inbound.url,
        MessageBody: '{"Type":"Notification","Message":"{}"}',
      }),
    );
    // The training participant again, from another address: a ticket of its own, held behind theirs.
    await send(
      (await TRAINING.raw()).toString('latin1').replace('<ketut-1@kotakpos.example>', '<ketut-2@kotakpos.example>'),
      'ketut.lain@surel.example',
    );
    await until('the DLQ to hold the poison record', async () => {
      const a = await stack.clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: stack.provisioned.inbound.dlqUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      return Number(a.Attributes?.ApproximateNumberOfMessages) === 1;
    });
    const r = await api<{ queues: { category: string; ready: number; claimed: number }[] }>('GET', '/queues');
    expect(r.body.queues.find((q) => q.category === 'training')?.ready).toBe(1); // the held one is not on the list
  });
});
