/**
 * NIK (Nomor Induk Kependudukan, the KTP number) structure: 2 province + 2 regency + 2 district
 * + DDMMYY birth date (day + 40 for women) + 4 serial. Used only to judge a 16-digit number that
 * carries no label: one that could be a NIK is never reported as the card number.
 */

// Province codes (Kemendagri), including the Papua provinces created in 2022.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75,
  76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

export function isPlausibleNik(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const province = Number(digits.slice(0, 2));
  const regency = Number(digits.slice(2, 4));
  let day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const serial = Number(digits.slice(12, 16));
  if (!PROVINCES.has(province) || regency === 0) return false;
  if (day > 40) day -= 40;
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && serial > 0;
}
