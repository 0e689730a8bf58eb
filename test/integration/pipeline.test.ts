/**
 * The real handlers against real local emulators (dynalite, fauxqs, aws-ses-v2-local): every
 * fixture mail delivered twice (redelivery) → the expected tickets, merges, one reply per human
 * mail, none to machines; poison records end in the DLQ.
 */
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ticketRefFor } from '#core/ticket.ts';
import { fixtureMail } from '../support/fixtures.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { mime } from '../support/mime.ts';

const FIXTURES = [
  { file: 'complete.eml', from: 'rizky.pratama@example.com', id: 'ses-complete' },
  { file: 'ask-missing.eml', from: 'yuliana.sari@example.com', id: 'ses-ask' },
  { file: 'newsletter.eml', from: 'newsletter@email.tokokelas.example', id: 'ses-newsletter' },
  { file: 'latin1-qp.eml', from: 'yohanes.siregar@outlook.com', id: 'ses-latin1' },
  { file: 'bounce.eml', from: 'MAILER-DAEMON@mta1.prakerja.example.id', id: 'ses-bounce' },
  { file: 'resend-other-address.eml', from: 'rizkyp.lain@example.net', id: 'ses-resend' },
  { file: 'out-of-office.eml', from: 'rizky.pratama@example.com', id: 'ses-ooo' },
];

describe('pipeline on local emulators', () => {
  let stack: TestStack;
  let triageCalls: Map<string, number>;
  let mailerCalls: Map<string, number>;

  beforeAll(async () => {
    stack = await startTestStack();
    for (const f of FIXTURES) {
      const raw = fixtureMail(f.file);
      // SES's at-least-once delivery: every notification arrives twice
      await stack.deliver({ raw, source: f.from, messageId: f.id });
      await stack.deliver({ raw, source: f.from, messageId: f.id });
    }
    stack.dynamoCalls.clear();
    // triage first, alone, so its DynamoDB calls can be told from the mailer's
    while (
      (await stack.pipeline.inbound.pollOnce(0)) > 0 ||
      (await stack.queueDepth(stack.provisioned.inbound.url)) > 0
    );
    triageCalls = new Map(stack.dynamoCalls);
    stack.dynamoCalls.clear();
    await stack.drain();
    mailerCalls = new Map(stack.dynamoCalls);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('files one ticket per participant and issue: duplicates merge, automated mail files nothing', async () => {
    const tickets = await stack.items('ticket');
    expect(tickets.map((t) => [t.openedBy, t.category, t.status, t.messageCount]).sort()).toEqual(
      [
        ['ses-ask', 'incentive', 'waiting_participant', 1],
        ['ses-complete', 'incentive', 'ready', 2], // + ses-resend, linked by the card number only
        ['ses-latin1', 'training', 'ready', 1],
      ].sort(),
    );
    expect(tickets.find((t) => t.openedBy === 'ses-complete')?.gsi1pk).toBe('QUEUE#incentive');
    expect(tickets.find((t) => t.openedBy === 'ses-ask')?.gsi1pk).toBeUndefined(); // waiting: not on the work list
  });

  it('records every mail once in the inbound log, automated ones on the ops index', async () => {
    const inbound = await stack.items('inbound');
    const byId = Object.fromEntries(inbound.map((i) => [i.inboundId, i.outcome]));
    expect(byId).toEqual({
      'ses-complete': 'created',
      'ses-ask': 'created',
      'ses-newsletter': 'automated',
      'ses-latin1': 'created',
      'ses-bounce': 'automated',
      'ses-resend': 'merged',
      'ses-ooo': 'automated',
    });
  });

  it('sends exactly one reply per human mail despite redelivery, and none to automated senders', async () => {
    const sent = await stack.sentMail();
    const to = sent.map((m) => m.destination.to[0]).sort();
    expect(to).toEqual([
      'rizky.pratama@example.com',
      'rizkyp.lain@example.net',
      'yohanes.siregar@outlook.com',
      'yuliana.sari@example.com',
    ]);
    const ask = sent.find((m) => m.destination.to[0] === 'yuliana.sari@example.com');
    expect(ask?.subject).toBe(`[${ticketRefFor('ses-ask')}] Mohon lengkapi data pengaduan Anda`);
    expect(ask?.body.text).toContain('Nomor Kartu Prakerja');
    expect(ask?.body.text).toContain('Nomor HP');
  });

  it('threads the participant’s answer to the ask_missing reply into the ticket and makes it ready', async () => {
    const ref = ticketRefFor('ses-ask');
    const ourMessageId = `<${ref}.ask_missing.0123456789ab@prakerja.example.id>`;
    const answer = await mime({
      from: 'Yuliana Sari <yuliana.sari@example.com>',
      subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`,
      text: 'Ini min datanya\nNo kartu 2817 4409 6653 0126\nNo hp 0877 5512 9084',
      inReplyTo: ourMessageId,
      references: ourMessageId,
      messageId: '<answer-1@mail.example.com>',
    });
    await stack.deliver({ raw: answer, source: 'yuliana.sari@example.com', messageId: 'ses-answer' });
    await stack.drain();
    const ticket = (await stack.items('ticket')).find((t) => t.ref === ref);
    expect(ticket).toMatchObject({ status: 'ready', missing: [], gsi1pk: 'QUEUE#incentive', messageCount: 2 });
    expect(ticket?.fields).toMatchObject({ cardNumber: '2817440966530126', phone: '+6287755129084' });
    const ack = (await stack.sentMail()).filter((m) => m.destination.to[0] === 'yuliana.sari@example.com').at(-1);
    expect(ack?.subject).toBe(`[${ref}] Pengaduan Anda kami terima`);
  });

  it('records each sent reply once on its ticket, with our Message-ID carrying the ticket reference', async () => {
    // aws-ses-v2-local keeps no raw headers; the threading headers themselves are asserted in the mailer unit tests
    const replies = await stack.items('reply');
    const ref = ticketRefFor('ses-complete');
    const onTicket = replies.filter((r) => r.PK === `TICKET#${ref}`);
    expect(onTicket.map((r) => [r.kind, r.to]).sort()).toEqual([
      ['acknowledge', 'rizky.pratama@example.com'],
      ['acknowledge', 'rizkyp.lain@example.net'],
    ]);
    for (const r of onTicket)
      expect(r.messageId).toMatch(new RegExp(`^<${ref}\\.acknowledge\\.[0-9a-f]{12}@prakerja\\.example\\.id>$`));
  });

  it('dead-letters a poison record after maxReceiveCount and loses nothing else', async () => {
    const before = (await stack.items('ticket')).length;
    await stack.clients.sqs.send(
      new (await import('@aws-sdk/client-sqs')).SendMessageCommand({
        QueueUrl: stack.provisioned.inbound.url,
        MessageBody: '{"not":"a notification"}',
      }),
    );
    await stack.deliver({
      raw: await mime({
        from: 'Siti <siti@example.com>',
        subject: 'akun diblokir',
        text: 'akun saya diblokir, no kartu 2290581436670412 hp 0812 8090 5531',
        messageId: '<siti@x>',
      }),
      source: 'siti@example.com',
      messageId: 'ses-siti',
    });
    const deadline = Date.now() + 30_000;
    let dead: string[] = [];
    while (Date.now() < deadline && dead.length === 0) {
      await stack.pipeline.inbound.pollOnce(0);
      const r = await stack.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.provisioned.inbound.dlqUrl,
          WaitTimeSeconds: 0,
          VisibilityTimeout: 0,
        }),
      );
      dead = (r.Messages ?? []).map((m) => m.Body ?? '');
    }
    expect(dead).toEqual(['{"not":"a notification"}']);
    await stack.drain();
    expect((await stack.items('ticket')).length).toBe(before + 1);
  });

  it('reports DynamoDB calls per inbound mail (figures for the closing note)', () => {
    const deliveries = FIXTURES.length * 2; // each delivered twice
    const report = (name: string, calls: Map<string, number>, per: number, unit: string) => {
      const total = [...calls.values()].reduce((a, b) => a + b, 0);
      const summary = JSON.stringify(Object.fromEntries([...calls.entries()].sort()));
      process.stdout.write(`${name}: ${summary} = ${total} calls, ${(total / per).toFixed(1)} per ${unit}\n`);
      return total;
    };
    expect(
      report('triage DynamoDB calls', triageCalls, deliveries, `delivery (${FIXTURES.length} mails × 2)`),
    ).toBeGreaterThan(0);
    // 4 replies sent; each inbound redelivery queued its reply job again, so the mailer saw 8 jobs
    expect(report('mailer DynamoDB calls', mailerCalls, 8, 'reply job (4 sent, 4 deduplicated)')).toBeGreaterThan(0);
  });
});
