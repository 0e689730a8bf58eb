/**
 * The participant's status on the real emulators: every reply links the status page, the page
 * answers for the ticket's own contact, and a follow-up that only asks "sudah sampai mana?" gets
 * the status reply (threaded, counted against the daily auto-replies) and creates no ticket.
 * Fixture participant and wording invented for this test.
 */
import { apiEvent } from '#local/api-event.ts';
import { lambdaContext } from '../support/lambda.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import { mime } from '../support/mime.ts';

const DIMAS = { name: 'Dimas Aryaguna', address: 'dimas.aryaguna@posel.example' };
const BASE = 'http://127.0.0.1:3000';

let stack: TestStack;
let ref: string;

async function complaint() {
  return mime({
    from: `${DIMAS.name} <${DIMAS.address}>`,
    subject: 'sertifikat belum terbit',
    messageId: '<dimas-1@posel.example>',
    text: 'Halo admin, sertifikat kelas saya belum terbit di dasbor padahal semua modul sudah selesai.',
  });
}

async function page(method: 'GET' | 'POST', path: string, kontak?: string) {
  const r = await stack.pipeline.agentApi(
    apiEvent({
      method,
      url: path,
      headers: kontak === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
      body: kontak === undefined ? undefined : new URLSearchParams({ kontak }).toString(),
    }),
    lambdaContext('agent-api'),
  );
  return { status: r.statusCode, body: r.body ?? '' };
}

const repliesTo = async (address: string) => (await stack.sentMail()).filter((m) => m.destination.to[0] === address);

/**
 * The stack's clock: real time moved to noon WIB of today, so the replies of this file (an
 * address is answered at most a few times a WIB day) never straddle WIB midnight.
 */
const NOON_WIB_OFFSET = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 5 * 3_600_000 - Date.now();

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date(Date.now() + NOON_WIB_OFFSET) });
  await stack.deliver({ raw: await complaint(), source: DIMAS.address, messageId: 'ses-dimas-1' });
  await stack.drain();
  const [ask] = await repliesTo(DIMAS.address);
  ref = /\[(PRK-[0-9A-Z]{8})\]/.exec(ask?.subject ?? '')?.[1] ?? '';
});

afterAll(async () => {
  await stack?.stop();
});

describe('the participant’s status', () => {
  it('links the first reply to the status page and says the answer target once the data is complete', async () => {
    // Act
    const [ask] = await repliesTo(DIMAS.address);

    // Assess
    expect(ask?.subject).toBe(`[${ref}] Mohon lengkapi data pengaduan Anda`);
    expect(ask?.body.text).toContain(`${BASE}/cek/${ref}`);
    expect(ask?.body.html).toContain(`<a href="${BASE}/cek/${ref}" target="_blank" rel="noopener noreferrer">`);
    expect(ask?.body.text).toContain('Setelah data Anda lengkap, kami menjawab paling lambat 48 jam layanan kemudian.');
  });

  it('shows the status page for the sender’s address, and the same page for a stranger as for an unknown reference', async () => {
    // Act
    const form = await page('GET', `/cek/${ref}`);
    const mine = await page('POST', `/cek/${ref}`, DIMAS.address);
    const stranger = await page('POST', `/cek/${ref}`, 'bukan.dimas@posel.example');
    const unknown = await page('POST', '/cek/PRK-ZZZZZZZZ', DIMAS.address);

    // Assess
    expect(form.status).toBe(200);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('Saat ini: <strong>Menunggu data dari Anda</strong>');
    expect(mine.body).toContain('Nomor Kartu Prakerja (16 digit');
    expect([stranger.status, unknown.status]).toEqual([404, 404]);
    expect(unknown.body.replace('PRK-ZZZZZZZZ', ref)).toBe(stranger.body);
  });

  it('answers a "sudah sampai mana?" follow-up with the status reply, threaded, and creates no ticket', async () => {
    // Prepare
    const ticketsBefore = await stack.items('ticket');
    const [ask] = await repliesTo(DIMAS.address);
    const question = await mime({
      from: `${DIMAS.name} <${DIMAS.address}>`,
      subject: `Re: [${ref}] Mohon lengkapi data pengaduan Anda`,
      messageId: '<dimas-2@posel.example>',
      inReplyTo: ask?.messageId,
      text: 'Selamat siang, pengaduan saya sudah sampai mana ya min?',
    });

    // Act
    await stack.deliver({ raw: question, source: DIMAS.address, messageId: 'ses-dimas-2' });
    await stack.drain();

    // Assess: the same ticket, one more message, still waiting for the data; no new ticket
    const tickets = await stack.items('ticket');
    expect(tickets).toHaveLength(ticketsBefore.length);
    expect(tickets.find((t) => t.ref === ref)).toMatchObject({ status: 'waiting_participant', messageCount: 2 });
    const messages = (await stack.items('message')).filter((m) => m.PK === `TICKET#${ref}`);
    expect(messages.map((m) => [m.inboundId, m.outcome])).toEqual([['ses-dimas-2', 'threaded']]);
    // The status reply: threaded, recorded on the ticket, with the timeline and what is missing
    const status = (await repliesTo(DIMAS.address)).at(-1);
    expect(status?.subject).toBe(`[${ref}] Status pengaduan Anda`);
    expect(status?.body.text).toContain('Status saat ini: Menunggu data dari Anda.');
    expect(status?.body.text).toContain('- Sedang ditangani: belum');
    expect(status?.body.text).toContain('- Nomor Kartu Prakerja');
    expect(status?.body.text).toContain(`${BASE}/cek/${ref}`);
    const records = (await stack.items('reply')).filter((r) => r.PK === `TICKET#${ref}`);
    expect(records.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['ask_missing', 'sent'],
      ['status', 'sent'],
    ]);
  });

  it('counts status replies against the daily auto-reply allowance', async () => {
    // Prepare: two more questions the same day make four auto-replies to one address (the limit is 3)
    for (const n of [3, 4]) {
      const raw = await mime({
        from: `${DIMAS.name} <${DIMAS.address}>`,
        subject: `Re: [${ref}] Status pengaduan Anda`,
        messageId: `<dimas-${n}@posel.example>`,
        text: 'gimana kabarnya min?',
      });
      // Act
      await stack.deliver({ raw, source: DIMAS.address, messageId: `ses-dimas-${n}` });
      await stack.drain();
    }

    // Assess: the third auto-reply went out, the fourth was skipped as rate-limited
    const records = (await stack.items('reply')).filter((r) => r.PK === `TICKET#${ref}` && r.kind === 'status');
    expect(records.map((r) => r.status).sort()).toEqual(['sent', 'sent', 'skipped']);
    expect(records.find((r) => r.status === 'skipped')?.reason).toBe('rate-limited');
    expect((await stack.items('ticket')).filter((t) => t.ref === ref)).toHaveLength(1);
  });
});
