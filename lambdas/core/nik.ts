/**
 * NIK (Nomor Induk Kependudukan, the KTP number) structure: 2 province + 2 regency + 2 district
 * digits naming where it was issued, DDMMYY birth date (day + 40 for women), 4 serial digits.
 * A 16-digit number that does not fit it cannot be a NIK; one that fits may still be a card
 * number (no card layout is documented), which is why the label around a number is read too.
 */
import { NIK_REGIONS } from './nik-regions.ts';

/** Regency code → highest district number issued in it (current and earlier Kemendagri codes). */
const DISTRICTS_IN_REGENCY = new Map(NIK_REGIONS.map((entry) => [entry.slice(0, 4), Number(entry.slice(4, 6))]));
// February has 29 days: the year's century is not in the number, so a leap year cannot be ruled out.
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isPlausibleNik(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const districts = DISTRICTS_IN_REGENCY.get(digits.slice(0, 4));
  const district = Number(digits.slice(4, 6));
  if (districts === undefined || district < 1 || district > districts) return false;
  const month = Number(digits.slice(8, 10));
  let day = Number(digits.slice(6, 8));
  if (day > 40) day -= 40;
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return false;
  return Number(digits.slice(12, 16)) > 0;
}
