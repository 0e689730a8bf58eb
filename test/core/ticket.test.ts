import { decideReply } from '#core/decide.ts';
import { extractFields } from '#core/extract.ts';
import { renderReply } from '#core/templates.ts';
import {
  canReopen,
  fillGaps,
  missingFields,
  referencedTicket,
  TICKET_REF,
  type Ticket,
  ticketRefFor,
} from '#core/ticket.ts';
import { parsedMail } from '../support/parsed.ts';

const none = { cardNumber: null, phone: null, email: null, name: null, nik: null };

describe('ticket references', () => {
  it('derives a PRK- + 8 Crockford base32 reference deterministically from the inbound id', () => {
    const ref = ticketRefFor('ses-message-1');
    expect(ref).toMatch(/^PRK-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(ticketRefFor('ses-message-1')).toBe(ref);
    expect(ticketRefFor('ses-message-2')).not.toBe(ref);
    expect(ticketRefFor('ses-message-1', 1)).not.toBe(ref);
  });

  it('spreads references evenly: no collisions and every character uses all 32 symbols', () => {
    // SES message ids differ in a few characters; 20,000 of them in 40 bits should not collide.
    const refs = Array.from({ length: 20_000 }, (_, i) =>
      ticketRefFor(`0100018e2f3c${i.toString(16).padStart(4, '0')}-5a1b-000000`),
    );
    expect(new Set(refs).size).toBe(refs.length);
    for (let pos = 4; pos < 12; pos++) {
      const counts = new Map<string, number>();
      for (const r of refs) counts.set(r[pos] as string, (counts.get(r[pos] as string) ?? 0) + 1);
      expect(counts.size).toBe(32);
      // 625 expected per symbol; a skewed hash would leave some far below.
      expect(Math.min(...counts.values())).toBeGreaterThan(500);
    }
  });

  it('finds our reference in the subject or in the Message-IDs a reply points to', () => {
    expect(referencedTicket('Re: [PRK-7K3M9Q2X] Mohon lengkapi data', null, [])).toBe('PRK-7K3M9Q2X');
    expect(referencedTicket('Re: pengaduan', '<PRK-7K3M9Q2X.ask@prakerja.example.id>', [])).toBe('PRK-7K3M9Q2X');
    expect(referencedTicket('Re: pengaduan', null, ['<a@b>', '<prk-7k3m9q2x.ack@prakerja.example.id>'])).toBe(
      'PRK-7K3M9Q2X',
    );
    expect(referencedTicket('Re: [PK-20240918-0027] data', null, [])).toBeNull();
    expect(TICKET_REF.test('PRK-ILOU0000')).toBe(false); // I, L, O, U are not Crockford digits
  });
});

describe('fields', () => {
  it('lists the required fields that are missing', () => {
    expect(missingFields({ ...none, email: 'a@b.c' })).toEqual(['cardNumber', 'phone']);
    expect(missingFields({ ...none, cardNumber: '1', phone: '2', email: '3' })).toEqual([]);
  });

  it('fills only the gaps of a ticket from a follow-up', () => {
    const ticket = { ...none, email: 'a@b.c', phone: '+628111' };
    expect(fillGaps(ticket, { ...none, cardNumber: '4829106377510384', phone: '+628999', email: 'x@y.z' })).toEqual({
      ...none,
      cardNumber: '4829106377510384',
      phone: '+628111',
      email: 'a@b.c',
    });
  });

  it('reopens a resolved ticket for 7 days only', () => {
    const t = { status: 'resolved', resolvedAt: '2024-03-01T00:00:00.000Z' } as Ticket;
    expect(canReopen(t, '2024-03-07T23:00:00.000Z')).toBe(true);
    expect(canReopen(t, '2024-03-08T00:00:01.000Z')).toBe(false);
    expect(canReopen({ ...t, status: 'closed' }, '2024-03-02T00:00:00.000Z')).toBe(false);
  });
});

describe('decideReply', () => {
  it('never answers automated or suppressed mail', () => {
    expect(decideReply({ automated: true, missing: [] })).toBe('none');
    expect(decideReply({ automated: false, suppress: true, missing: ['phone'] })).toBe('none');
  });
  it('asks for missing fields, otherwise acknowledges', () => {
    expect(decideReply({ automated: false, missing: ['cardNumber'] })).toBe('ask_missing');
    expect(decideReply({ automated: false, missing: [] })).toBe('acknowledge');
  });
});

describe('renderReply', () => {
  it('asks in Indonesian for exactly the missing fields, with the reference in the subject', () => {
    const r = renderReply({
      kind: 'ask_missing',
      ticketRef: 'PRK-7K3M9Q2X',
      category: 'incentive',
      missing: ['phone'],
    });
    expect(r.subject).toBe('[PRK-7K3M9Q2X] Mohon lengkapi data pengaduan Anda');
    expect(r.text).toContain('Nomor HP yang terdaftar');
    expect(r.text).not.toContain('Nomor Kartu Prakerja');
    expect(r.text).toContain('PRK-7K3M9Q2X');
    expect(r.html).toContain('<li>Nomor HP yang terdaftar di akun Prakerja, contoh: 08xx-xxxx-xxxx</li>');
  });

  it('acknowledges with the reference, the category and what happens next', () => {
    const r = renderReply({
      kind: 'acknowledge',
      ticketRef: 'PRK-7K3M9Q2X',
      category: 'certificate',
    });
    expect(r.subject).toBe('[PRK-7K3M9Q2X] Pengaduan Anda kami terima');
    expect(r.text).toMatch(/^Halo,\n/);
    expect(r.text).toContain('Sertifikat & penyelesaian');
    expect(r.text).toContain('antrean petugas');
  });

  it('escapes the agent text in HTML', () => {
    const r = renderReply({
      kind: 'agent_reply',
      ticketRef: 'PRK-7K3M9Q2X',
      category: 'general',
      body: 'Cek <b>dashboard</b> & coba lagi',
    });
    expect(r.html).toContain('Cek &lt;b&gt;dashboard&lt;/b&gt; &amp; coba lagi');
  });

  it('asks the participant an agent’s question under the reference, asking them to answer in the same thread', () => {
    const r = renderReply({
      kind: 'agent_ask',
      ticketRef: 'PRK-7K3M9Q2X',
      category: 'incentive',
      body: 'Bank apa yang terdaftar di akun Anda?',
    });
    expect(r.subject).toBe('[PRK-7K3M9Q2X] Pertanyaan petugas tentang pengaduan Anda');
    expect(r.text).toMatch(/^Halo,\n\nBank apa yang terdaftar di akun Anda\?\n\n/);
    expect(r.text).toContain('tanpa mengubah subjeknya');
    expect(r.text).toContain('PRK-7K3M9Q2X');
  });

  it("writes examples no extractor can take for the participant's data when they reply with it quoted", () => {
    const r = renderReply({
      kind: 'ask_missing',
      ticketRef: 'PRK-7K3M9Q2X',
      category: 'incentive',
      missing: ['cardNumber', 'phone'],
    });
    const quoted = `ini datanya\n\n${r.text.replace(/^/gm, '> ')}`;
    expect(extractFields(parsedMail(quoted)).fields).toMatchObject({ cardNumber: null, phone: null, nik: null });
  });
});
