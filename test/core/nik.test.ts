import { isPlausibleNik } from '#core/nik.ts';

describe('isPlausibleNik', () => {
  it.each([
    ['a man registered in Kota Bandung', '3273051408910007'],
    ['a woman (day + 40) from the same district', '3273055408910007'],
    ['a Merauke NIK issued under the Papua code used before 2022', '9101051203770002'],
    ['the same regency under its new Papua Selatan code', '9301051203770002'],
    ['the 29th of February (the century is not in the number)', '3273052902910007'],
  ])('accepts %s', (_, digits) => {
    expect(isPlausibleNik(digits)).toBe(true);
  });

  it.each([
    ['a regency that does not exist', '7140228851639904'],
    ['district 00', '3273005408910007'],
    ['a district beyond the regency', '3273995408910007'],
    ['month 13', '3273055413910007'],
    ['the 30th of February', '3273053002910007'],
    ['day 32 (neither a day nor a day + 40)', '3273053208910007'],
    ['serial 0000', '3273055408910000'],
    ['15 digits', '327305540891000'],
    ['letters', '3273O55408910007'],
  ])('rejects %s', (_, digits) => {
    expect(isPlausibleNik(digits)).toBe(false);
  });
});
