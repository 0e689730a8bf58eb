/**
 * The real handlers against real local emulators (dynalite, fauxqs, aws-ses-v2-local): every
 * fixture mail delivered twice (redelivery) → the expected tickets, merges, one reply per human
 * mail, none to machines; poison records end in the DLQ; the AWS calls one mail costs.
 */
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ticketRefFor } from '#core/ticket.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { ASK_MISSING, COMPLETE, DAY_OF_MAIL, GILANG, KETUT, LARAS, RESEND_OTHER_ADDRESS } from '../support/mails.ts';
import { mime } from '../support/mime.ts';

const idOf = (name: string) => `ses-${name}`;

describe('pipeline on local emulators', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
    for (const m of DAY_OF_MAIL) {
      const raw = await m.raw();
      // SES's at-least-once delivery: every notification arrives twice
      await stack.deliver({ raw, source: m.source, messageId: idOf(m.name) });
      await stack.deliver({ raw, source: m.source, messageId: idOf(m.name) });
    }
    await stack.drain();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('files one ticket per participant and issue, a probable duplicate held behind it, automated mail nowhere', async () => {
    const tickets = await stack.items('ticket');
    expect(tickets.map((t) => [t.openedBy, t.category, t.status, t.messageCount]).sort()).toEqual(
      [
        [idOf('ask-missing'), 'incentive', 'waiting_participant', 1],
        [idOf('complete'), 'incentive', 'ready', 1],
        // the resend from another address, sharing the card number only: its own ticket
        [idOf('resend-other-address'), 'incentive', 'ready', 1],
        [idOf('training'), 'training', 'ready', 1],
      ].sort(),
    );
    const complete = tickets.find((t) => t.openedBy === idOf('complete'));
    expect(complete?.gsi1pk).toBe('QUEUE#incentive');
    expect(tickets.find((t) => t.openedBy === idOf('ask-missing'))?.gsi1pk).toBeUndefined(); // waiting: not on the work list
    const resend = tickets.find((t) => t.openedBy === idOf('resend-other-address'));
    expect(resend).toMatchObject({ heldBehind: complete?.ref, gsi2pk: 'STATUS#incentive#held' });
    expect(resend?.gsi1pk).toBeUndefined(); // held: not worked twice
    const related = (await stack.items('related')).map((r) => [r.PK, r.ref, r.reason]).sort();
    expect(related).toEqual(
      [
        [`TICKET#${complete?.ref}`, resend?.ref, 'same card number'],
        [`TICKET#${resend?.ref}`, complete?.ref, 'same card number'],
      ].sort(),
    );
  });

  it('records every mail once: set aside in the inbound log, or as a message on its ticket', async () => {
    const setAside = Object.fromEntries((await stack.items('inbound')).map((i) => [i.inboundId, i.outcome]));
    expect(setAside).toEqual({
      [idOf('newsletter')]: 'automated',
      [idOf('bounce')]: 'automated',
      [idOf('out-of-office')]: 'automated',
    });
    const followUps = (await stack.items('message')).map((m) => [m.inboundId, m.outcome]);
    expect(followUps).toEqual([]);
  });

  it('sends exactly one reply per human mail despite redelivery, and none to automated senders', async () => {
    const sent = await stack.sentMail();
    expect(sent.map((m) => m.destination.to[0]).sort()).toEqual(
      [LARAS.address, GILANG.address, KETUT.address, RESEND_OTHER_ADDRESS.source].sort(),
    );
    const ask = sent.find((m) => m.destination.to[0] === GILANG.address);
    expect(ask?.subject).toBe(`[${ticketRefFor(idOf(ASK_MISSING.name))}] Mohon lengkapi data pengaduan Anda`);
    expect(ask?.body.text).toContain('Nomor Kartu Prakerja');
    expect(ask?.body.text).toContain('Nomor HP');
  });

  it('records each sent reply once on its ticket, with our Message-ID carrying the ticket reference', async () => {
    const ref = ticketRefFor(idOf(COMPLETE.name));
    const onTicket = (await stack.items('reply')).filter((r) => r.PK === `TICKET#${ref}`);
    expect(onTicket.map((r) => [r.kind, r.to, r.status])).toEqual([['acknowledge', LARAS.address, 'sent']]);
    for (const r of onTicket)
      expect(r.messageId).toMatch(new RegExp(`^<${ref}\\.acknowledge\\.[0-9a-f]{12}@prakerja\\.example\\.id>$`));
  });

  it('threads the participant’s answer to the ask_missing reply into the ticket and makes it ready', async () => {
    const ref = ticketRefFor(idOf(ASK_MISSING.name));
    const ourMessageId = `<${ref}.ask_missing.0123456789ab@prakerja.example.id>`;
    const answer = await mime({
      from: `${GILANG.name} <${GILANG.address}>`,
      subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`,
      text: 'Berikut datanya min\nNomor kartu 3318 5520 0147 9963\nNomor HP 0896 3311 7420',
      inReplyTo: ourMessageId,
      references: ourMessageId,
      messageId: '<gilang-2@surel.example>',
    });
    await stack.deliver({ raw: answer, source: GILANG.address, messageId: 'ses-answer' });
    await stack.drain();
    const ticket = (await stack.items('ticket')).find((t) => t.ref === ref);
    expect(ticket).toMatchObject({ status: 'ready', missing: [], gsi1pk: 'QUEUE#incentive', messageCount: 2 });
    expect(ticket?.fields).toMatchObject({ cardNumber: '3318552001479963', phone: '+6289633117420' });
    const ack = (await stack.sentMail()).filter((m) => m.destination.to[0] === GILANG.address).at(-1);
    expect(ack?.subject).toBe(`[${ref}] Pengaduan Anda kami terima`);
  });

  it('makes a new complaint cost 1 S3 read, one link claim per key that also answers the participant’s other links (no read), the ticket, a share of one surge observation write and of one queue request', async () => {
    stack.calls.reset();
    const raw = await mime({
      from: 'Maya Susanti <maya.susanti@surel.example>',
      subject: 'kode voucher pelatihan tidak bisa dipakai',
      text: 'Kode voucher pelatihan saya tidak bisa dipakai di situs mitra.\nKartu Prakerja 4410 2286 9935 0071\nHP 0858 2204 6617',
      messageId: '<maya-1@surel.example>',
    });
    await stack.deliver({ raw, source: 'maya.susanti@surel.example', messageId: 'ses-maya' });
    await stack.drain();
    const calls = (role: string) => Object.fromEntries(stack.calls.of(role));
    // The open incidents new tickets are matched against are read at most once per 30 s per function.
    const { 'DynamoDB Query': incidentReads = 0, ...triage } = calls('triage');
    expect(incidentReads).toBeLessThanOrEqual(1);
    // A claim (update) per key: card, phone, email. The surge observation goes with the inbound
    // batch's others in one BatchWriteItem.
    expect(triage).toEqual({
      'S3 GetObject': 1,
      'DynamoDB UpdateItem': 3,
      'DynamoDB PutItem': 1,
      'DynamoDB BatchWriteItem': 1,
      'SQS SendMessageBatch': 1,
    });
    // Take the job (put), count it for the day (update: the suppression list answers in the same
    // write), send, mark it sent (update).
    expect(calls('mailer')).toEqual({
      'DynamoDB PutItem': 1,
      'DynamoDB UpdateItem': 2,
      'SES SendEmail': 1,
    });
  });

  it('files a mail whose headers would overflow a DynamoDB item as one bounded ticket holding its message, and answers it', async () => {
    // The subject alone is over DynamoDB's 400 KB item limit (the parser refuses a larger header
    // block); Message-ID and References are far beyond any real one.
    const raw = await mime({
      from: `${'Dewi '.repeat(2_000)}<dewi.anggraini@surel.example>`,
      subject: 'insentif '.repeat(47_000),
      text: 'insentif belum masuk\nKartu Prakerja 5512 0076 3341 9208\nHP 0857 7730 1146',
      messageId: `<${'d'.repeat(5_000)}@surel.example>`,
      references: `<${'r'.repeat(5_000)}@surel.example>`,
    });
    await stack.deliver({ raw, source: 'dewi.anggraini@surel.example', messageId: 'ses-oversized' });
    await stack.drain();
    const ticket = (await stack.items('ticket')).find((t) => t.openedBy === 'ses-oversized');
    expect(ticket).toMatchObject({ status: 'ready', messageCount: 1 });
    expect(JSON.stringify(ticket).length).toBeLessThan(40_000);
    const first = ticket?.first as { subject: string; messageId: string | null; from: string };
    expect(first.subject.length).toBeLessThanOrEqual(300);
    expect(first.from).toBe('dewi.anggraini@surel.example');
    expect((await stack.items('inbound')).find((i) => i.inboundId === 'ses-oversized')).toBeUndefined();
    const answered = (await stack.sentMail()).filter((m) => m.destination.to[0] === 'dewi.anggraini@surel.example');
    expect(answered).toHaveLength(1);
  });

  it('dead-letters a poison record after maxReceiveCount and loses nothing else', async () => {
    const before = (await stack.items('ticket')).length;
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.inbound.url, MessageBody: '{"not":"a notification"}' }),
    );
    await stack.deliver({
      raw: await mime({
        from: 'Rudi <rudi.h@surel.example>',
        subject: 'akun terkunci',
        text: 'akun saya terkunci setelah ganti nomor, kartu 5120 7734 0098 1126 hp 0812 5567 3390',
        messageId: '<rudi-1@surel.example>',
      }),
      source: 'rudi.h@surel.example',
      messageId: 'ses-rudi',
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
});
