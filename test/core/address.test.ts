/** Which reply addresses SES takes: decided before a reply is queued (a refusal is permanent). */
import { sesRecipient } from '#core/address.ts';

describe('SES recipient addresses', () => {
  it.each([
    ['dewi.anggraini@surel.example', 'dewi.anggraini@surel.example'],
    ["o'neil+prakerja@kantor.co.id", "o'neil+prakerja@kantor.co.id"],
    ['Rudi@Surel.Example', 'Rudi@surel.example'],
    ['budi@bücher.example', 'budi@xn--bcher-kva.example'],
  ])('sends to %s as %s', (address, ses) => {
    expect(sesRecipient(address)).toEqual({ ok: true, address: ses });
  });

  it.each([
    ['pérez@surel.example', 'local part is not 7-bit ASCII'],
    ['"budi santoso"@surel.example', 'quoted local part'],
    ['budi@[192.0.2.1]', 'IP address literal'],
    ['budi@localhost', 'domain without a dot'],
    ['budi..santoso@surel.example', 'invalid local part'],
    ['budi@surel..example', 'invalid domain'],
    ['budi@-surel.example', 'invalid domain'],
    ['budi@surel.123', 'invalid domain'],
    [`${'a'.repeat(65)}@surel.example`, 'local part longer than 64 characters'],
    ['tanpa-at.surel.example', 'not an email address'],
    ['budi@', 'not an email address'],
  ])('refuses %s: %s', (address, reason) => {
    expect(sesRecipient(address)).toEqual({ ok: false, reason });
  });
});
