/**
 * One complaint's content: what the participant writes (greeting, problem, their data in one of
 * many layouts, distractor numbers, closing, signature) and the labels that follow from it.
 *
 * Labels say what a careful triager should report (docs/triage.md "Numbers"): a 16-digit number
 * labelled as the card is the card; one labelled as NIK/KTP is the NIK; one whose label names
 * both, or no label, is the card only when it cannot be a NIK, and otherwise is reported as the
 * NIK, the card is left missing and the number is listed to be confirmed with the participant.
 */
import type { Category } from '../../lambdas/core/types.ts';
import { chatSpelling } from './chat.ts';
import {
  amount,
  bankAccount,
  couldBeNik,
  date,
  makeFamilyCardNumber,
  mobile,
  npwp,
  orderNumber,
  type Person,
  sixteenLayout,
  writePhone,
  writeSixteen,
} from './identity.ts';
import { CLOSINGS, GREETINGS, INTROS, type Register, SLOTS, TOPICS } from './phrases.ts';
import type { Random } from './random.ts';

/** A paragraph of text, or label/value rows (a table in HTML mail, "Label: value" lines in text). */
export type Block = { kind: 'text'; text: string } | { kind: 'rows'; rows: [string, string][]; separator: string };

/** How a 16-digit number was introduced. */
export type NumberLabel = 'card' | 'nik' | 'both' | 'none' | 'other';
export interface WrittenNumber {
  digits: string;
  label: NumberLabel;
}

export interface Content {
  category: Category;
  register: Register;
  subject: string;
  blocks: Block[];
  /** Wants an HTML table for its data rows. */
  wantsTable: boolean;
  numbers: WrittenNumber[];
  /** The participant's current phone, when written anywhere in their text. */
  phone: string | null;
  /** The registered email, when stated in the body. */
  statedEmail: string | null;
  name: string | null;
  /** The problem statement as written (reused word for word by another participant). */
  problem: string;
  /** The card is written in the subject: a reply or forward that replaces the subject loses it. */
  cardInSubject: boolean;
  /** What makes this mail hard, for reading misses. */
  traits: string[];
}

export interface NumberLabels {
  card: string | null;
  nik: string | null;
  /** Numbers that could be the card or the NIK: the participant is asked to confirm. */
  confirm: string[];
}

/** The card/NIK labels that follow from how the numbers were written (see the file comment). */
export function numberLabels(numbers: readonly WrittenNumber[]): NumberLabels {
  const explicitNik = numbers.filter((n) => n.label === 'nik').map((n) => n.digits);
  const unsure = (n: WrittenNumber) => (n.label === 'both' || n.label === 'none') && !explicitNik.includes(n.digits);
  const card =
    numbers.find((n) => n.label === 'card' && !explicitNik.includes(n.digits)) ??
    numbers.find((n) => unsure(n) && !couldBeNik(n.digits));
  const open = [...new Set(numbers.filter((n) => unsure(n) && couldBeNik(n.digits)).map((n) => n.digits))].filter(
    (d) => d !== card?.digits,
  );
  const nik = explicitNik[0] ?? open[0] ?? null;
  return { card: card?.digits ?? null, nik, confirm: card ? [] : open };
}

function fill(rng: Random, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'amount' || slot === 'amount2') return amount(rng);
    if (slot === 'date') return date(rng);
    const values = (SLOTS as Record<string, readonly string[]>)[slot];
    return values ? rng.pick(values) : slot;
  });
}

/** A sentence in the mail's register: chat sentences get chat spelling. */
function say(rng: Random, register: Register, template: string): string {
  return fill(rng, register === 'chat' ? chatSpelling(rng, template) : template);
}

// ---------------------------------------------------------------- how fields are introduced

const CARD_LABELS: Record<Register, readonly string[]> = {
  formal: ['No. Kartu Prakerja', 'Nomor Kartu Prakerja', 'Nomor Kartu', 'No. KP', 'Nomor Kartu Prakerja (16 digit)'],
  chat: ['no kartu prakerja', 'no kartu', 'no KP', 'nomer kartu', 'kartu prakerja', 'nmr kartu pk', 'No.Kartu'],
  english: ['Prakerja card number', 'Card number', 'Card no.', 'Kartu Prakerja no'],
};
const CARD_PROSE: Record<Register, readonly string[]> = {
  formal: ['Nomor Kartu Prakerja saya adalah', 'adapun nomor kartu Prakerja saya', 'dengan nomor kartu'],
  chat: ['no kartu prakerja aku', 'kartu prakerja saya nomornya', 'no kartu sy', 'nomer KP nya'],
  english: ['my Prakerja card number is', 'card no'],
};
const UNLABELLED_LEAD = ['ini nomornya min', 'berikut datanya:', 'data:', 'nomor:', 'ini ya kak', 'my number:'];
const NIK_LABELS = [
  'NIK',
  'NIK KTP',
  'No. KTP',
  'Nomor KTP',
  'No e-KTP',
  'Nomor Induk Kependudukan',
  'Kartu Tanda Penduduk',
  'No. Kartu Tanda Penduduk',
  'NIK sesuai KTP',
  'ID card number (NIK)',
  'nik',
  'no ktp',
];
// Labels that name the NIK and the card at once, or a sentence that names the NIK and then the card.
const NIK_BOTH_LABELS = [
  'NIK/No Kartu',
  'No KTP / Kartu',
  'NIK yang saya pakai daftar Kartu Prakerja:',
  'NIK saya yang terdaftar di kartu prakerja',
  'nik (yg dipake buat kartu prakerja)',
];
const PHONE_LABELS: Record<Register, readonly string[]> = {
  formal: ['No. HP', 'Nomor HP', 'Nomor telepon', 'No. Telp', 'Nomor WhatsApp', 'HP/WA', 'Kontak'],
  chat: ['no hp', 'hp', 'wa', 'no wa', 'nmr hp', 'hp/wa', 'cp', 'telp'],
  english: ['Phone', 'Mobile', 'Phone number', 'WhatsApp'],
};
const PHONE_PROSE: Record<Register, readonly string[]> = {
  formal: ['Saya dapat dihubungi di nomor', 'Nomor yang dapat dihubungi:', 'Mohon hubungi saya di'],
  chat: ['bisa hubungi sy di', 'wa aku', 'nomor WA nya', 'no hp saya', 'kontak sy'],
  english: ['you can reach me at', 'my number is', 'call me on'],
};
const EMAIL_LABELS = [
  'Email terdaftar',
  'Email akun Prakerja',
  'Email',
  'E-mail',
  'Alamat email',
  'Registered email',
  'email yg didaftarkan',
];
const NAME_LABELS = ['Nama', 'Nama Lengkap', 'Nama lengkap', 'Nama Peserta', 'Nama sesuai KTP', 'Name', 'Full name'];
// Between a label and its number inline; data-block rows always carry a colon or an equals sign.
const SEPARATORS = [': ', ' : ', ':', '  : ', ' = ', ' '];
const ROW_SEPARATORS = [': ', ' : ', ':', '  : ', ' = ', '\t: '];

// ---------------------------------------------------------------- the complaint

export interface ComposeOptions {
  category: Category;
  register: Register;
  person: Person;
  /** Leave out fields on purpose (the reply must ask for them). */
  withCard: boolean;
  withPhone: boolean;
  withNik: boolean;
  /** Replace the problem statement (chasers, resends with other words). */
  problem?: string;
}

export function compose(rng: Random, o: ComposeOptions): Content {
  const { category, register, person } = o;
  const topic = TOPICS[category];
  const traits: string[] = [];
  const numbers: WrittenNumber[] = [];
  const blocks: Block[] = [];
  const text = (t: string) => {
    if (t.trim()) blocks.push({ kind: 'text', text: t });
  };
  let phone: string | null = null;
  let statedEmail: string | null = null;
  let name: string | null = null;
  let subject = say(rng, register, rng.pick(topic.subjects[register]));
  if (register === 'chat' && rng.chance(0.1)) subject = subject.toUpperCase();

  const greeting = say(rng, register, rng.pick(GREETINGS[register]));
  const intro = say(rng, register, rng.pick(INTROS[register]));
  const problem = o.problem ?? say(rng, register, rng.pick(topic.problems[register]));
  const detail = rng.chance(0.5) ? say(rng, register, rng.pick(topic.details[register])) : '';
  const englishTail =
    register !== 'english' && rng.chance(0.1) ? ` ${rng.pick(['Please help.', 'Thanks.', 'Urgent please.'])}` : '';
  if (rng.chance(0.5))
    text([greeting, intro, problem + englishTail, detail].filter(Boolean).join(register === 'chat' ? ' ' : '\n'));
  else {
    text(greeting);
    text([intro, problem + englishTail, detail].filter(Boolean).join(' '));
  }

  // Their data. The card and phone share one of several layouts.
  const layout = sixteenLayout(rng);
  const cardWritten = writeSixteen(person.card, layout);
  const phoneWritten = writePhone(rng, person.phone);
  const sep = () => rng.pick(SEPARATORS);
  const cardLabel = () => rng.pick(CARD_LABELS[register]);
  const phoneLabel = () => rng.pick(PHONE_LABELS[register]);
  const rows: [string, string][] = [];
  const dataLayout = rng.weighted([
    ['rows', 40],
    ['prose', 22],
    ['joined', 5],
    ['slash', 5],
    ['broken', 5],
    ['trailing', 5],
    ['subject', 6],
    ['unlabelled', 5],
  ] as const);
  if (rng.chance(0.35) && dataLayout === 'rows') {
    name = person.full;
    rows.push([rng.pick(NAME_LABELS), name]);
    traits.push('name line');
  }
  const nikLabel = rng.chance(0.25) ? 'both' : 'nik';
  const writeNik = () => {
    const written = writeSixteen(person.nik, sixteenLayout(rng));
    const label = nikLabel === 'both' ? rng.pick(NIK_BOTH_LABELS) : rng.pick(NIK_LABELS);
    numbers.push({ digits: person.nik, label: nikLabel });
    traits.push(nikLabel === 'both' ? 'NIK under a label naming the card too' : 'NIK labelled');
    return { label, written };
  };
  let phoneInSignature = false;

  if (o.withCard || o.withPhone) traits.push(`data ${dataLayout}`);
  switch (dataLayout) {
    case 'rows': {
      if (o.withNik && rng.chance(0.5)) {
        const n = writeNik();
        rows.push([n.label, n.written]);
      }
      if (o.withCard) {
        rows.push([cardLabel(), cardWritten]);
        numbers.push({ digits: person.card, label: 'card' });
      }
      if (o.withNik && !numbers.some((n) => n.digits === person.nik)) {
        const n = writeNik();
        rows.push([n.label, n.written]);
      }
      if (o.withPhone) {
        rows.push([phoneLabel(), phoneWritten]);
        phone = person.phone.e164;
        if (rng.chance(0.1)) rows.push(['WA', rng.pick(['sama', 'sama dgn no hp', 'idem'])]);
      }
      if (rng.chance(0.25)) {
        statedEmail = person.email;
        rows.push([rng.pick(EMAIL_LABELS), person.email]);
      }
      if (rng.chance(0.08))
        rows.push([rng.pick(['Nama pelatihan', 'Nama lembaga', 'Nama ibu kandung']), rng.pick(SLOTS.course)]);
      break;
    }
    case 'prose': {
      const parts: string[] = [];
      if (o.withCard) {
        parts.push(`${rng.pick(CARD_PROSE[register])} ${cardWritten}`);
        numbers.push({ digits: person.card, label: 'card' });
      }
      if (o.withNik) {
        const n = writeNik();
        parts.push(`${n.label} ${n.written}`);
      }
      if (o.withPhone) {
        parts.push(`${rng.pick(PHONE_PROSE[register])} ${phoneWritten}`);
        phone = person.phone.e164;
      }
      if (parts.length)
        text(`${rng.shuffle(parts).join(register === 'english' ? ', ' : rng.pick([', ', ' dan ', '. ']))}.`);
      break;
    }
    case 'joined':
    case 'slash':
    case 'trailing':
    case 'broken':
    case 'subject':
    case 'unlabelled': {
      if (o.withCard) {
        const labelled: NumberLabel = dataLayout === 'unlabelled' ? 'none' : 'card';
        numbers.push({ digits: person.card, label: labelled });
        if (dataLayout === 'joined' && o.withPhone) {
          text(
            `${rng.pick(['kartu prakerja dan hp', 'No KP & HP', 'kartu / hp', 'card and phone'])}${sep()}${cardWritten} ${phoneWritten}`,
          );
          phone = person.phone.e164;
        } else if (dataLayout === 'slash' && o.withPhone) {
          const s = rng.pick(['/', ' / ', '/ ']);
          text(
            `${rng.pick(['No KP/HP', 'kartu/hp', 'Kartu Prakerja / WA', 'no kartu/no hp'])}${sep()}${cardWritten}${s}${phoneWritten}`,
          );
          phone = person.phone.e164;
        } else if (dataLayout === 'trailing' && o.withPhone) {
          const lead = rng.pick(['data saya', 'no kartu sama hp', 'kartu prakerja, hp', 'My card and phone']);
          // "data saya" names no field: the number is as unlabelled as a bare one.
          if (lead === 'data saya') (numbers[numbers.length - 1] as WrittenNumber).label = 'none';
          text(`${lead}${sep()}${cardWritten} ${phoneWritten}`);
          phone = person.phone.e164;
        } else if (dataLayout === 'broken') {
          const groups = writeSixteen(person.card, 'grouped').split(' ');
          const cut = rng.int(1, 3);
          text(`${cardLabel()}${sep()}${groups.slice(0, cut).join(' ')}\n${groups.slice(cut).join(' ')}`);
          traits.push('card broken across lines');
        } else if (dataLayout === 'subject') {
          subject = `${subject} - ${cardLabel()} ${cardWritten}`;
        } else if (dataLayout === 'unlabelled') {
          text(`${rng.pick(UNLABELLED_LEAD)} ${cardWritten}`);
          traits.push(couldBeNik(person.card) ? 'unlabelled card shaped like a NIK' : 'unlabelled card');
        } else {
          text(`${cardLabel()}${sep()}${cardWritten}`);
        }
      }
      if (o.withNik) {
        const n = writeNik();
        text(`${n.label}${sep()}${n.written}`);
      }
      if (o.withPhone && phone === null) {
        if (rng.chance(0.3)) phoneInSignature = true;
        else text(`${phoneLabel()}${sep()}${phoneWritten}`);
        phone = person.phone.e164;
      }
      break;
    }
  }
  if (rows.length) blocks.push({ kind: 'rows', rows, separator: rng.pick(ROW_SEPARATORS) });

  // Category-specific second numbers and distractors.
  if (category === 'account' && rng.chance(0.5)) {
    const old = writePhone(rng, mobile(rng));
    const fresh = o.withPhone ? phoneWritten : null;
    if (fresh) {
      text(
        rng.pick([
          `Nomor lama: ${old} (sudah tidak aktif)\nNomor baru: ${fresh}`,
          `mau ganti dari ${old} ke ${fresh}`,
          `no lama ${old} udh mati, skrg pake ${fresh}`,
          `Old number ${old}, new number ${fresh}`,
        ]),
      );
      traits.push('old and new phone');
    } else {
      text(rng.pick([`nomor lama saya ${old} sudah hangus`, `no hp lama ${old} udah ga aktif`]));
      traits.push('only an old phone');
    }
  }
  if (category === 'account' && rng.chance(0.2)) {
    const fresh = `${person.first.toLowerCase()}.baru${rng.int(1, 99)}@gmail.com`;
    if (rng.chance(0.5)) {
      statedEmail = person.email;
      text(`Email lama: ${person.email}\nEmail baru: ${fresh}`);
    } else text(`mohon email diganti ke ${fresh}`);
    traits.push('new email given');
  }
  if (category === 'fraud' && rng.chance(0.7)) {
    const scammer = writePhone(rng, mobile(rng));
    const line = rng.pick([
      `Nomor yang menghubungi saya: ${scammer}`,
      `pelakunya pakai WA ${scammer}`,
      `ini nomor penipunya ${scammer}`,
      `ditelpon dari nomor ${scammer}, ngakunya petugas`,
      `${scammer} <- ini nomor yg nelpon saya`,
      `The scammer's number is ${scammer}.`,
      `dia WA dari ${scammer} dan minta transfer`,
    ]);
    // Before their own data (right after the problem) or after it.
    if (rng.chance(0.5)) blocks.splice(Math.min(blocks.length, 2), 0, { kind: 'text', text: line });
    else text(line);
    traits.push("scammer's phone");
  }
  if (rng.chance(0.06) && phone) {
    text(
      rng.pick([
        `Kalau saya sulit dihubungi, bisa ke nomor suami saya ${writePhone(rng, mobile(rng))}.`,
        `atau hubungi kakak sy ${writePhone(rng, mobile(rng))}`,
      ]),
    );
    traits.push("a relative's phone");
  }
  const distractors = rng.int(0, 2);
  for (let i = 0; i < distractors; i++) {
    const kind = rng.weighted([
      ['bank', 3],
      ['npwp', 1],
      ['order', 2],
      ['kk', 1],
      ['date', 1],
    ] as const);
    if (kind === 'bank') {
      const acct = bankAccount(rng);
      text(
        rng.pick([
          `Rekening ${acct.bank} saya ${acct.written}`,
          `no rek ${acct.bank}: ${acct.written} a.n. ${person.full}`,
          `rek ${acct.bank} ${acct.written}`,
        ]),
      );
    } else if (kind === 'npwp') text(`NPWP: ${npwp(rng)}`);
    else if (kind === 'order') {
      const order = orderNumber(rng);
      text(`${order.label}: ${order.written}`);
      if (/^\d{4} \d{4} \d{4} \d{4}$|^\d{16}$/.test(order.written))
        numbers.push({ digits: order.written.replace(/\D/g, ''), label: 'other' });
    } else if (kind === 'kk') {
      const kk = makeFamilyCardNumber(rng);
      text(
        `${rng.pick(['No KK', 'Nomor Kartu Keluarga', 'no. KK'])}: ${writeSixteen(kk, rng.pick(['plain', 'grouped'] as const))}`,
      );
      numbers.push({ digits: kk, label: 'other' });
    } else text(`${rng.pick(['terakhir dicek', 'sejak', 'pelatihan selesai'])} ${date(rng)}`);
    traits.push(`distractor ${kind}`);
  }

  text(say(rng, register, rng.pick(CLOSINGS[register])));
  const signature = phoneInSignature
    ? 'name-phone'
    : rng.weighted([
        ['name', 3],
        ['device', 2],
        ['none', 3],
      ] as const);
  if (signature === 'name') text(`${rng.pick(['Salam,', 'Hormat saya,', 'Regards,', 'Wassalam,'])}\n${person.full}`);
  else if (signature === 'name-phone')
    text(
      `${rng.pick(['Salam,', 'Hormat saya,', 'Best,'])}\n${person.full}\n${rng.pick(['HP', 'WA', 'Telp', 'Mobile'])}: ${phoneWritten}`,
    );
  else if (signature === 'device')
    text(
      rng.pick([
        'Dikirim dari iPhone saya',
        'Sent from my iPhone',
        'Dikirim dari Yahoo Mail di Android',
        'Sent from my Galaxy',
      ]),
    );
  if (phoneInSignature) traits.push('phone only in signature');

  return {
    category,
    register,
    subject,
    blocks,
    wantsTable: rows.length > 0 && rng.chance(0.35),
    cardInSubject: dataLayout === 'subject' && o.withCard,
    problem,
    numbers,
    phone,
    statedEmail,
    name,
    traits,
  };
}
