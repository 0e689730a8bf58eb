/**
 * The status page routes on the agent API handler, as API Gateway calls them (form posts arrive
 * base64-encoded): the form reads nothing, the right contact shows the status, and an unknown
 * reference and a wrong contact get the same page with the same status code.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import { buildAgentApiDeps } from '#lambdas/wiring.ts';
import { apiEvent } from '#local/api-event.ts';
import { seedTicket } from '#local/seed-tickets.ts';
import type { WorkList } from '#ports';
import { AGENT_API_CONFIG } from '../support/configs.ts';
import { lambdaContext } from '../support/lambda.ts';

let memory: MemoryAdapters;
let handler: ReturnType<typeof makeAgentApiHandler>;
let reads: string[];

beforeEach(() => {
  memory = new MemoryAdapters();
  reads = [];
  const work = memory.workList();
  const counted: WorkList = Object.assign(Object.create(work), {
    get: (ref: string) => {
      reads.push(ref);
      return work.get(ref);
    },
  });
  const adapters = {
    ...memory,
    workList: () => counted,
    inboundLog: () => memory.inboundLog(),
    replyQueue: () => memory.replyQueue(),
    cannedResponses: () => memory.cannedResponses(),
    surveyStore: () => memory.surveyStore(),
    surgeStore: memory.surgeStore,
    requestQuota: () => memory.requestQuota(),
  };
  const deps = buildAgentApiDeps(AGENT_API_CONFIG, adapters, () => new Date('2024-03-11T05:00:00.000Z'));
  handler = makeAgentApiHandler(deps);
});

async function request(method: string, url: string, form?: Record<string, string>) {
  const event = apiEvent({
    method,
    url,
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const r = await handler(event, lambdaContext('agent-api'));
  return {
    status: r.statusCode ?? 200,
    headers: (r.headers ?? {}) as Record<string, string>,
    body: r.body ?? '',
    event,
  };
}

const seedMaya = () =>
  seedTicket(memory.tickets, 1, {
    category: 'incentive',
    email: 'Maya.S@Surel.example',
    phone: '+6285612340987',
    createdAt: '2024-03-11T02:00:00.000Z',
    dueAt: '2024-03-13T02:00:00.000Z',
  });

describe('status page routes', () => {
  it('shows the contact form for any reference without reading the ticket', async () => {
    // Prepare
    const t = await seedMaya();

    // Act
    const known = await request('GET', `/cek/${t.ref}`);
    const unknown = await request('GET', '/cek/PRK-ZZZZZZZZ');

    // Assess
    expect(known.status).toBe(200);
    expect(known.body).toContain('<form method="post">');
    expect(known.body).not.toContain('Insentif');
    expect(unknown.body.replace('PRK-ZZZZZZZZ', t.ref)).toBe(known.body);
    expect(reads).toEqual([]);
  });

  it('sends security headers: a policy without script, no referrer, no caching, no framing', async () => {
    // Act
    const { headers } = await request('GET', '/cek/PRK-ZZZZZZZZ');

    // Assess
    expect(headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
    });
    expect(headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('shows the status for the email or phone on the ticket, in any spelling, from a form post API Gateway base64-encoded', async () => {
    // Prepare
    const t = await seedMaya();

    for (const kontak of ['maya.s@surel.example', ' MAYA.S@SUREL.EXAMPLE ', '0856-1234-0987', '+62 856 1234 0987']) {
      // Act
      const r = await request('POST', `/cek/${t.ref.toLowerCase()}`, { kontak });

      // Assess
      expect(r.event.isBase64Encoded).toBe(true);
      expect(r.status).toBe(200);
      expect(r.body).toContain('Saat ini: <strong>Sedang ditangani</strong>');
      expect(r.body).toContain('Kategori: Insentif &amp; pembayaran');
      expect(r.body).toContain('paling lambat Rabu, 13 Maret 2024 pukul 09.00 WIB');
    }
  });

  it('answers a wrong contact and an unknown reference with the same page and status, after one read each', async () => {
    // Prepare
    const t = await seedMaya();

    // Act
    const wrong = await request('POST', `/cek/${t.ref}`, { kontak: 'orang.lain@surel.example' });
    const unknown = await request('POST', '/cek/PRK-ZZZZZZZZ', { kontak: 'maya.s@surel.example' });
    const wrongPhone = await request('POST', `/cek/${t.ref}`, { kontak: '0812-9999-0000' });

    // Assess
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unknown.body.replace('PRK-ZZZZZZZZ', t.ref)).toBe(wrong.body);
    expect(wrongPhone.body).toBe(wrong.body);
    expect(wrong.body).toContain('Kami tidak menemukan pengaduan');
    expect(wrong.body).not.toContain('Insentif');
    expect(reads).toEqual([t.ref, 'PRK-ZZZZZZZZ', t.ref]);
  });

  it('asks again, reading nothing, when the contact is empty or neither an email nor a phone', async () => {
    // Act
    const empty = await request('POST', '/cek/PRK-ZZZZZZZZ', { kontak: '  ' });
    const missing = await request('POST', '/cek/PRK-ZZZZZZZZ', {});
    const notAContact = await request('POST', '/cek/PRK-ZZZZZZZZ', { kontak: 'budi' });

    // Assess
    expect([empty.status, missing.status, notAContact.status]).toEqual([400, 400, 400]);
    expect(empty.body).toContain('Mohon isi email atau nomor HP Anda.');
    expect(missing.body).toBe(empty.body);
    expect(notAContact.body).toContain('bukan alamat email atau nomor HP');
    expect(reads).toEqual([]);
  });

  it('says the link is incomplete when its address holds no reference', async () => {
    for (const [method, form] of [
      ['GET', undefined],
      ['POST', { kontak: 'a@b.example' }],
    ] as const) {
      const r = await request(method, '/cek/PRK-12', form);
      expect(r.status).toBe(404);
      expect(r.body).toContain('Tautan tidak lengkap');
    }
    expect(reads).toEqual([]);
  });
});
