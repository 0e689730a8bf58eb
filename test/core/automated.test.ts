import { detectAutomated } from '#core/automated.ts';
import { parsedMail } from '../support/parsed.ts';

const human = parsedMail('Min insentif saya belum masuk');

describe('detectAutomated', () => {
  it('lets a plain human mail through', () => {
    expect(detectAutomated(human)).toEqual({ automated: false, reason: null, rules: [] });
  });

  it.each([
    ['auto-submitted', { 'auto-submitted': 'auto-replied' }],
    ['precedence', { precedence: 'bulk' }],
    ['precedence', { precedence: 'junk' }],
    ['precedence', { precedence: 'auto_reply' }],
    ['x-autoreply', { 'x-autoreply': 'yes' }],
    ['x-autoreply', { 'x-autorespond': 'true' }],
    ['x-auto-response-suppress', { 'x-auto-response-suppress': 'All' }],
    ['list-headers', { 'list-id': '<news.example.com>' }],
    ['list-headers', { 'list-unsubscribe': '<mailto:u@example.com>' }],
    ['null-return-path', { 'return-path': '<>' }],
    ['mail-loop', { 'x-prakerja-triage-loop': 'PRK-ABCDEFGH' }],
  ])('recognises %s from headers %j', (rule, headers) => {
    const v = detectAutomated(parsedMail('x', { headers: { ...human.headers, ...headers } }));
    expect(v.automated).toBe(true);
    expect(v.reason).toBe(rule);
  });

  it('does not count "Auto-Submitted: no" or "Precedence: normal"', () => {
    const v = detectAutomated(parsedMail('x', { headers: { 'auto-submitted': 'no', precedence: 'normal' } }));
    expect(v.automated).toBe(false);
  });

  it('recognises a delivery report by content type', () => {
    expect(detectAutomated(parsedMail('x', { contentType: 'multipart/report' })).reason).toBe('delivery-report');
  });

  it.each([
    'MAILER-DAEMON@mta.example.id',
    'postmaster@example.com',
    'no-reply@notifikasi.example',
    'noreply@x.example',
    'donotreply@x.example',
  ])('recognises the system sender %s', (address) => {
    expect(detectAutomated(parsedMail('x', { from: { address: address.toLowerCase(), name: '' } })).reason).toBe(
      'system-sender',
    );
  });

  it('recognises out-of-office subjects but not a person quoting one later in the subject', () => {
    expect(detectAutomated(parsedMail('x', { subject: 'Balasan Otomatis: [PRK-1] info' })).automated).toBe(true);
    expect(detectAutomated(parsedMail('x', { subject: 'Automatic reply: pengaduan' })).automated).toBe(true);
    expect(detectAutomated(parsedMail('x', { subject: 'kenapa saya cuma dapat balasan otomatis?' })).automated).toBe(
      false,
    );
  });

  it('lists every rule that fired, first one as the reason', () => {
    const v = detectAutomated(parsedMail('x', { headers: { precedence: 'bulk', 'list-unsubscribe': '<x>' } }));
    expect(v.rules).toEqual(['precedence', 'list-headers']);
  });
});
