/**
 * Invented participants and the numbers around them: names, addresses, mobiles, card numbers,
 * NIKs, and the other numbers complaints carry (bank accounts, amounts, dates, NPWP, order and
 * virtual-account numbers, family-card numbers). Every value is drawn from the seeded source.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { NIK_REGIONS } from '../../lambdas/core/nik-regions.ts';
import { INDONESIAN_MONTHS } from '../../lambdas/core/survey.ts';
import type { Random } from './random.ts';

const FIRST_NAMES = [
  'Ahmad',
  'Aisyah',
  'Andika',
  'Anggun',
  'Ardi',
  'Bayu',
  'Cahya',
  'Citra',
  'Danang',
  'Desi',
  'Dian',
  'Dimas',
  'Endah',
  'Erwin',
  'Fadli',
  'Farida',
  'Galih',
  'Gita',
  'Hanif',
  'Hesti',
  'Ilham',
  'Intan',
  'Jaka',
  'Juwita',
  'Kartika',
  'Krisna',
  'Lestiani',
  'Lukman',
  'Made',
  'Mega',
  'Mulyadi',
  'Nanda',
  'Novita',
  'Oki',
  'Pandu',
  'Prameswari',
  'Purnama',
  'Rahmat',
  'Ratna',
  'Reni',
  'Ridwan',
  'Sekar',
  'Slamet',
  'Suharti',
  'Taufik',
  'Tri',
  'Ujang',
  'Vina',
  'Wulan',
  'Yoga',
  'Yohana',
  'Zainal',
  'Ketut',
  'Nyoman',
  'Samuel',
  'Theresia',
  'Markus',
  'Siswanto',
  'Marlina',
  'Paramitha',
];
const LAST_NAMES = [
  'Wibisono',
  'Hasibuan',
  'Siregar',
  'Nainggolan',
  'Kusumawati',
  'Hidayatullah',
  'Pangaribuan',
  'Suryadarma',
  'Wirawan',
  'Permatasari',
  'Ramadhani',
  'Harahap',
  'Simanjuntak',
  'Lubis',
  'Daulay',
  'Manurung',
  'Tampubolon',
  'Sembiring',
  'Ginting',
  'Tarigan',
  'Purba',
  'Saragih',
  'Wijayakusuma',
  'Prasetyaningrum',
  'Adiwinata',
  'Setyawati',
  'Kurniadi',
  'Mahendra',
  'Anggraeni',
  'Sulistyowati',
  'Baskoro',
  'Darmawan',
  'Fitriani',
  'Hakim',
  'Iskandar',
  'Junaedi',
  'Kartasasmita',
  'Latuconsina',
  'Mamonto',
  'Nasution',
  'Pattimura',
  'Rumbiak',
  'Sitompul',
  'Tanjung',
  'Utomo',
  'Wenas',
  'Yuliarti',
  'Zulkarnain',
  'Rahayu',
  'Susilawati',
];
const MAIL_DOMAINS = [
  ['gmail.com', 6],
  ['yahoo.co.id', 2],
  ['yahoo.com', 1],
  ['outlook.com', 1],
  ['hotmail.com', 0.5],
  ['ymail.com', 0.3],
  ['mail.example.id', 0.3],
] as const;

export interface Person {
  first: string;
  full: string;
  female: boolean;
  /** The address the account is registered with. */
  email: string;
  /** The address the mail comes from: usually the account's, sometimes another one of theirs. */
  sender: string;
  phone: Phone;
  card: string;
  nik: string;
}

export interface Phone {
  /** E.164, as the label carries it. */
  e164: string;
  /** National digits after the country code (8xx...). */
  national: string;
}

const FEMALE = new Set([
  'Aisyah',
  'Anggun',
  'Citra',
  'Desi',
  'Dian',
  'Endah',
  'Farida',
  'Gita',
  'Hesti',
  'Intan',
  'Juwita',
  'Kartika',
  'Lestiani',
  'Mega',
  'Novita',
  'Prameswari',
  'Ratna',
  'Reni',
  'Sekar',
  'Suharti',
  'Vina',
  'Wulan',
  'Yohana',
  'Theresia',
  'Marlina',
  'Paramitha',
]);

let serial = 0;
/** Addresses are unique within a generated set (a counter in the local part), like real accounts. */
export function emailFor(rng: Random, first: string, last: string): string {
  serial++;
  const f = first.toLowerCase();
  const l = last.toLowerCase();
  const local = rng.pick([
    `${f}.${l}${serial}`,
    `${f}${l}${serial}`,
    `${f}_${l.slice(0, 4)}${serial}`,
    `${f}${serial}${rng.int(70, 99)}`,
    `${l}.${f}${serial}`,
    `${f[0]}${l}${serial}`,
  ]);
  return `${local}@${rng.weighted(MAIL_DOMAINS)}`;
}

export function resetSerial(): void {
  serial = 0;
}

// Mobile prefixes of the Indonesian operators (Telkomsel, Indosat, XL, Axis, Tri, Smartfren).
const MOBILE_PREFIXES = [
  '811',
  '812',
  '813',
  '821',
  '822',
  '823',
  '851',
  '852',
  '853',
  '814',
  '815',
  '816',
  '855',
  '856',
  '857',
  '858',
  '817',
  '818',
  '819',
  '859',
  '877',
  '878',
  '831',
  '832',
  '833',
  '838',
  '895',
  '896',
  '897',
  '898',
  '899',
  '881',
  '882',
  '883',
  '887',
  '888',
  '889',
];

export function mobile(rng: Random): Phone {
  for (;;) {
    const national =
      rng.pick(MOBILE_PREFIXES) +
      rng.digits(
        rng.weighted([
          [7, 2],
          [8, 5],
          [9, 2],
        ] as const),
      );
    const parsed = parsePhoneNumberFromString(`+62${national}`);
    if (parsed?.isValid()) return { e164: parsed.number, national };
  }
}

/** How a participant writes a mobile number. */
export function writePhone(rng: Random, phone: Phone): string {
  const n = phone.national;
  const zero = `0${n}`;
  const g = (s: string, sep: string) => [s.slice(0, 4), s.slice(4, 8), s.slice(8)].filter(Boolean).join(sep);
  const g3 = (s: string, sep: string) => [s.slice(0, 3), s.slice(3, 7), s.slice(7)].filter(Boolean).join(sep);
  return rng.weighted([
    [g(zero, '-'), 4],
    [g(zero, ' '), 3],
    [zero, 5],
    [`+62 ${g3(n, '-')}`, 1.5],
    [`+62 ${g3(n, ' ')}`, 1.5],
    [`+62${n}`, 2],
    [`62${n}`, 1.5],
    [`(${zero.slice(0, 4)}) ${zero.slice(4, 8)} ${zero.slice(8)}`, 0.7],
    [g(zero, '.'), 0.7],
    [`+62-${g3(n, '-')}`, 0.5],
    [`${zero.slice(0, 4)} ${zero.slice(4, 7)} ${zero.slice(7)}`, 0.7],
  ] as const);
}

// ---------------------------------------------------------------- NIK and its structure

const REGIONS = NIK_REGIONS.map((entry) => ({ regency: entry.slice(0, 4), maxDistrict: Number(entry.slice(4, 6)) }));
const REGION_MAX = new Map(REGIONS.map((r) => [r.regency, r.maxDistrict]));
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, '0');

/** A NIK of a person born on that date: region + district + DDMMYY (day + 40 for women) + serial. */
export function makeNik(rng: Random, female: boolean): string {
  const region = rng.pick(REGIONS);
  const district = rng.int(1, region.maxDistrict);
  const month = rng.int(1, 12);
  const day = rng.int(1, DAYS_IN_MONTH[month - 1] as number);
  const year = rng.int(60, 105) % 100;
  const serialNo = rng.weighted([
    [rng.int(1, 40), 6],
    [rng.int(41, 999), 3],
    [rng.int(1000, 9999), 1],
  ] as const);
  return `${region.regency}${pad(district)}${pad(female ? day + 40 : day)}${pad(month)}${pad(year)}${String(serialNo).padStart(4, '0')}`;
}

/**
 * Whether 16 digits could be a NIK: a region in use, a birth date (day + 40 allowed), a serial
 * above zero. The generator's own reading of the structure, for the labels: the product has its own.
 */
export function couldBeNik(digits: string): boolean {
  if (!/^\d{16}$/.test(digits)) return false;
  const max = REGION_MAX.get(digits.slice(0, 4));
  const district = Number(digits.slice(4, 6));
  if (max === undefined || district < 1 || district > max) return false;
  let day = Number(digits.slice(6, 8));
  if (day > 40) day -= 40;
  const month = Number(digits.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) return false;
  return Number(digits.slice(12)) > 0;
}

/** A Kartu Prakerja number. Mostly arbitrary digits; some shaped like a NIK, which the card may be. */
export function makeCard(rng: Random, nikShaped: boolean): string {
  if (nikShaped) return makeNik(rng, rng.chance(0.5));
  for (;;) {
    const card = String(rng.int(1, 9)) + rng.digits(15);
    if (!couldBeNik(card)) return card;
  }
}

/** Family-card (KK) numbers share the NIK's layout: region, issue date, serial. */
export function makeFamilyCardNumber(rng: Random): string {
  return makeNik(rng, false);
}

/** How a 16-digit number is written. */
export type SixteenLayout = 'grouped' | 'dashed' | 'dotted' | 'plain' | 'spaced' | 'double' | 'halves';
export function writeSixteen(digits: string, layout: SixteenLayout): string {
  const groups = digits.match(/.{4}/g) ?? [digits];
  switch (layout) {
    case 'grouped':
      return groups.join(' ');
    case 'dashed':
      return groups.join('-');
    case 'dotted':
      return groups.join('.');
    case 'plain':
      return digits;
    case 'spaced':
      return digits.split('').join(' ');
    case 'double':
      return groups.join('  ');
    case 'halves':
      return `${digits.slice(0, 8)} ${digits.slice(8)}`;
  }
}

export function sixteenLayout(rng: Random): SixteenLayout {
  return rng.weighted([
    ['grouped', 5],
    ['plain', 5],
    ['dashed', 2],
    ['dotted', 0.7],
    ['spaced', 0.5],
    ['double', 0.4],
    ['halves', 0.4],
  ] as const);
}

// ---------------------------------------------------------------- people

export function makePerson(rng: Random, options: { nikShapedCard?: boolean } = {}): Person {
  const first = rng.pick(FIRST_NAMES);
  const female = FEMALE.has(first);
  const middle = rng.chance(0.3) ? ` ${rng.pick(FIRST_NAMES)}` : '';
  const last = rng.pick(LAST_NAMES);
  const full = rng.chance(0.08) ? first : `${first}${middle} ${last}`;
  const email = emailFor(rng, first, last);
  const sender = rng.chance(0.12) ? emailFor(rng, first, last) : email;
  return {
    first,
    full,
    female,
    email,
    sender,
    phone: mobile(rng),
    card: makeCard(rng, options.nikShapedCard ?? rng.chance(0.1)),
    nik: makeNik(rng, female),
  };
}

// ---------------------------------------------------------------- other numbers in complaints

export function amount(rng: Random): string {
  const value = rng.pick([
    50_000, 100_000, 150_000, 200_000, 250_000, 600_000, 700_000, 1_050_000, 2_400_000, 3_500_000,
  ]);
  const dotted = value.toLocaleString('id-ID');
  return rng.weighted([
    [`Rp ${dotted}`, 4],
    [`Rp${dotted},-`, 1],
    [`Rp. ${dotted}`, 1],
    [`${value / 1000}rb`, 2],
    [`${value / 1000} ribu`, 1],
    [`IDR ${value.toLocaleString('en-US')}`, 0.5],
  ] as const);
}

export function date(rng: Random): string {
  const d = rng.int(1, 28);
  const m = rng.int(1, 12);
  const y = rng.pick([2023, 2024]);
  return rng.weighted([
    [`${pad(d)}/${pad(m)}/${y}`, 3],
    [`${d} ${INDONESIAN_MONTHS[m - 1]} ${y}`, 3],
    [`${pad(d)}-${pad(m)}-${y}`, 1],
    [`${y}-${pad(m)}-${pad(d)}`, 0.5],
    [`tgl ${d} kemarin`, 1],
  ] as const);
}

export function bankAccount(rng: Random): { bank: string; written: string } {
  return rng.pick([
    { bank: 'BNI', written: rng.digits(10) },
    { bank: 'BRI', written: `${rng.digits(4)}-01-${rng.digits(6)}-50-${rng.digits(1)}` },
    { bank: 'BRI', written: rng.digits(15) },
    { bank: 'Mandiri', written: rng.digits(13) },
    { bank: 'BCA', written: rng.digits(10) },
    { bank: 'BSI', written: rng.digits(10) },
  ]);
}

export function npwp(rng: Random): string {
  return `${rng.digits(2)}.${rng.digits(3)}.${rng.digits(3)}.${rng.digits(1)}-${rng.digits(3)}.${rng.digits(3)}`;
}

export function orderNumber(rng: Random): { label: string; written: string } {
  const sixteen = writeSixteen(String(rng.int(1, 9)) + rng.digits(15), rng.pick(['grouped', 'plain'] as const));
  return rng.pick([
    { label: 'ID transaksi', written: sixteen },
    { label: 'No. invoice', written: `INV/2024${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}/MPL/${rng.digits(10)}` },
    { label: 'kode pesanan', written: `${rng.digits(6)}${rng.pick(['AB', 'KX', 'QT', 'ZN'])}${rng.digits(5)}` },
    { label: 'No. VA', written: sixteen },
    { label: 'order id', written: sixteen },
    { label: 'no referensi', written: rng.digits(12) },
  ]);
}
