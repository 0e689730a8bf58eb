/** Sender trust from SES's verdicts and the mail's envelope and headers (core/sender.ts). */
import { parseMail } from '#core/parse.ts';
import { type SenderEvidence, senderTrust } from '#core/sender.ts';

const PASS = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
const evidence = (over: Partial<SenderEvidence> = {}, verdicts: Partial<typeof PASS> = {}): SenderEvidence => ({
  verdicts: { ...PASS, ...verdicts },
  envelope: 'wulan@surel.example',
  from: 'Wulan@Surel.example',
  dkimDomains: [],
  ownAddresses: ['pengaduan@prakerja.example.id'],
  ...over,
});

describe('senderTrust', () => {
  it('verifies a sender DMARC passes, and answers them at their lower-cased address', () => {
    expect(senderTrust(evidence())).toEqual({
      address: 'wulan@surel.example',
      verified: true,
      answerable: true,
      flags: [],
    });
  });

  it.each([
    ['DMARC fails', false, { dmarc: 'FAIL' }],
    ['neither SPF nor DKIM passes', false, { spf: 'GRAY', dkim: 'FAIL' }],
    ['only DKIM passes', true, { spf: 'FAIL', dkim: 'PASS' }],
    ['only SPF passes', true, { spf: 'PASS', dkim: 'GRAY' }],
  ])('when %s: verified %s', (_why, verified, verdicts) => {
    expect(senderTrust(evidence({}, verdicts)).verified).toBe(verified);
  });

  it('without a DMARC verdict, counts SPF and DKIM only for domains aligned with the From domain', () => {
    const noDmarc = { dmarc: 'GRAY' };
    expect(senderTrust(evidence({ envelope: 'bounce@mail.surel.example' }, noDmarc)).verified).toBe(true);
    expect(senderTrust(evidence({ envelope: 'x@penyerang.example' }, { ...noDmarc, dkim: 'GRAY' })).verified).toBe(
      false,
    );
    const signed = { envelope: 'x@penyerang.example', dkimDomains: ['surel.example'] };
    expect(senderTrust(evidence(signed, { ...noDmarc, spf: 'FAIL' })).verified).toBe(true);
    const signedByOther = { envelope: 'x@penyerang.example', dkimDomains: ['penyerang.example'] };
    expect(senderTrust(evidence(signedByOther, { ...noDmarc, spf: 'FAIL' })).verified).toBe(false);
  });

  it('never verifies nor answers our own address, a missing From or an empty envelope', () => {
    expect(senderTrust(evidence({ from: 'PENGADUAN@prakerja.example.id' }))).toMatchObject({
      verified: false,
      answerable: false,
      flags: ['unverified-sender', 'own-address'],
    });
    expect(senderTrust(evidence({ from: null }))).toMatchObject({ address: null, verified: false });
    expect(senderTrust(evidence({ envelope: '' }))).toMatchObject({
      verified: true,
      answerable: false,
      flags: ['null-envelope'],
    });
  });

  it('does not answer a From that differs from an envelope DMARC failed', () => {
    expect(senderTrust(evidence({ envelope: 'lain@surel.example' }, { dmarc: 'FAIL' })).flags).toEqual([
      'unverified-sender',
      'envelope-mismatch',
    ]);
  });
});

describe('DKIM signing domains', () => {
  it('reads the d= tag of every DKIM-Signature header, folded or not', async () => {
    const raw = [
      'DKIM-Signature: v=1; a=rsa-sha256; d=Surel.example; s=s1;',
      '\tbh=abc; b=def',
      'DKIM-Signature: v=1; a=rsa-sha256; s=s2; d=relay.example; bh=x; b=y',
      'From: Wulan <wulan@surel.example>',
      'Subject: x',
      '',
      'isi',
    ].join('\r\n');
    const parsed = await parseMail(raw);
    expect(parsed.ok && parsed.mail.dkimDomains).toEqual(['surel.example', 'relay.example']);
  });
});
