/**
 * A generated complaint stream in the reference site's shape: two days of ~23,000 mails each with
 * a daytime peak (WIB) and the category mix of CATEGORY_MIX. Day 0 is a normal day; day 1 adds
 * two surges (a failed second-stage payment run to one e-wallet, an outage of one training
 * platform) and distractors: a busy but normal hour, an hour with twice the usual certificate
 * complaints, one participant writing 25 times about an odd problem, and 8 participants with a
 * new problem (too few to be a surge). Every mail has its own wording, sender and participant.
 */
import { createHash } from 'node:crypto';
import type { Category } from '#core/types.ts';
import {
  ASIDES,
  BANKS,
  BANKS_BY_CATEGORY,
  CATEGORY_MIX,
  CLOSINGS,
  COURSES,
  DURATIONS,
  FIRST_NAMES,
  GREETINGS,
  LAST_NAMES,
  MAIL_DOMAINS,
  PLATFORMS,
  REPEAT_SENDER,
  REQUESTS,
  SMALL_CLUSTER,
  SURGE_OUTAGE,
  SURGE_WALLET,
  WALLETS,
} from './phrases.ts';
import { expand, Random } from './random.ts';

export type MailKind = 'normal' | 'busy' | 'wave' | 'wallet' | 'outage' | 'repeat' | 'cluster';
/** The injected surges: what each mail truly belongs to. */
export type SurgeName = 'wallet' | 'outage';

export interface StreamMail {
  id: string;
  at: string;
  day: 0 | 1;
  kind: MailKind;
  truth: SurgeName | null;
  subject: string;
  body: string;
  senderName: string;
  senderAddress: string;
  /** Hash of the participant's key, as triage would give it. */
  participant: string;
  /** An everyday mail telling a surge's symptom (counted in that surge only while it runs). */
  symptomOf?: SurgeName;
  /** Counted in a surge because it told its symptom during it. */
  lookalike?: boolean;
}

export interface Person {
  name: string;
  address: string;
  card: string;
  phone: string;
  key: string;
}

export interface StreamOptions {
  mailsPerDay?: number;
  /** Midnight WIB of day 0. */
  start?: string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Share of the day's mail per hour (WIB): quiet at night, peak mid-morning. */
const HOURLY = [
  1.2, 0.8, 0.6, 0.6, 0.9, 1.8, 3.0, 4.5, 6.0, 7.0, 7.4, 7.2, 6.2, 6.6, 6.8, 6.4, 5.6, 4.8, 4.0, 4.2, 4.4, 3.8, 2.8,
  1.9,
];
const FOLLOW_UP_SHARE = 0.05;
/** The platform the outage takes down. */
const SURGE_PLATFORM = 'Pijar Mahir';

/** What is injected on day 1, in minutes after its midnight (WIB). */
export const DAY1_PLAN = {
  wallet: { startMinute: 10 * 60 + 10, minutes: 60, mails: 300 },
  outage: { startMinute: 14 * 60 + 5, minutes: 45, mails: 150 },
  repeat: { startMinute: 8 * 60 + 30, minutes: 40, mails: 25 },
  cluster: { startMinute: 20 * 60, minutes: 30, mails: 8 },
  /** 16:00-17:00: 1.5 times the hour's usual mail on top (2.5× in all), same mix. */
  busyHour: { hour: 16, extra: 1.5 },
  /** 12:00-13:00: as many certificate complaints again as usual. */
  certificateWave: { hour: 12, extra: 1.0 },
};

export class PersonFactory {
  private n = 0;
  constructor(
    private readonly rng: Random,
    private readonly prefix: string,
  ) {}

  next(): Person {
    const rng = this.rng;
    this.n++;
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const name = last ? `${first} ${last}` : first;
    const separator = rng.pick(['.', '_', '']);
    const tail = last || rng.pick(['', 'ku', 'x']);
    // No separator before nothing: "nanda..x" is not an address an SMTP server takes.
    const local = `${first}${tail ? separator : ''}${tail}${rng.chance(0.6) ? rng.int(1, 99) : ''}`;
    const address = `${local.toLowerCase()}.${this.prefix}${this.n}@${rng.pick(MAIL_DOMAINS)}`;
    const card = `5${rng.digits(15)}`;
    const phone = `08${rng.pick(['12', '13', '21', '52', '56', '57', '77', '95'])}${rng.digits(8)}`;
    const key = createHash('sha256').update(card).digest('hex').slice(0, 20);
    return { name, address, card, phone, key };
  }
}

/** Slot values for one mail: drawn once, so the subject and the text name the same wallet or platform. */
function slots(rng: Random, extra: Record<string, () => string> = {}, drawn = new Map<string, string>()) {
  return (name: string): string => {
    let value = drawn.get(name);
    if (value === undefined) {
      value = draw(name);
      drawn.set(name, value);
    }
    return value;
  };
  function draw(name: string): string {
    const own = extra[name];
    if (own) return own();
    switch (name) {
      case 'wallet':
        return rng.pick(WALLETS);
      case 'bank':
        return rng.pick(BANKS);
      case 'platform':
        return rng.pick(PLATFORMS);
      case 'course':
        return rng.pick(COURSES);
      case 'duration':
        return rng.pick(DURATIONS);
      case 'stage':
        return `tahap ${rng.int(1, 4)}`;
      case 'wave':
        return String(rng.int(20, 70));
      case 'amount':
        return rng.pick(['Rp 500 ribu', 'Rp1.000.000', 'Rp 250.000', 'dua juta']);
      default:
        throw new Error(`unknown slot ${name}`);
    }
  }
}

// Chat spelling, as many participants write from their phones.
const CHAT: [RegExp, string[]][] = [
  [/\bbelum\b/g, ['blm', 'blum', 'belum']],
  [/\bsudah\b/g, ['udh', 'sdh', 'udah']],
  [/\btidak\b/g, ['gak', 'ga', 'tdk', 'nggak']],
  [/\byang\b/g, ['yg']],
  [/\bsaya\b/g, ['sy', 'aku', 'saya']],
  [/\bdengan\b/g, ['dgn']],
  [/\buntuk\b/g, ['utk']],
  [/\btapi\b/g, ['tp']],
  [/\bjuga\b/g, ['jg']],
  [/\bbagaimana\b/g, ['gmn', 'gimana']],
  [/\bkenapa\b/g, ['knp', 'kenapa']],
  [/\bterima kasih\b/gi, ['makasih', 'trims', 'thx']],
];

function chatty(text: string, rng: Random): string {
  let out = text.toLowerCase();
  for (const [pattern, forms] of CHAT) out = out.replace(pattern, () => rng.pick(forms));
  return out;
}

function dataBlock(p: Person, rng: Random): string {
  const lines: string[] = [];
  if (rng.chance(0.5)) lines.push(`${rng.pick(['Nama', 'Nama lengkap', 'nama'])}: ${p.name}`);
  if (rng.chance(0.7)) {
    const card = rng.chance(0.5) ? p.card.replace(/(\d{4})(?=\d)/g, '$1 ') : p.card;
    lines.push(`${rng.pick(['No Kartu Prakerja', 'no kartu', 'Nomor KP', 'Kartu prakerja'])}: ${card}`);
  }
  if (rng.chance(0.6)) lines.push(`${rng.pick(['No HP', 'hp/wa', 'WA', 'Telp'])}: ${p.phone}`);
  if (rng.chance(0.15)) lines.push(`NIK: 32${rng.digits(14)}`);
  if (rng.chance(0.2)) lines.push(`Email terdaftar: ${p.address}`);
  return lines.join('\n');
}

interface Composition {
  subject: string;
  sentences: string[];
  /** An everyday mail that reports a surge's symptom (platform down, payment not arrived), if any. */
  symptom?: { tag: string; slots: Map<string, string> };
}

const SYMPTOM_TAG = /^\[(platform down|not paid)\] /;

function letter(p: Person, c: Composition, rng: Random): { subject: string; body: string } {
  const parts: string[] = [];
  const greeting = rng.pick(GREETINGS);
  if (greeting) parts.push(greeting);
  const sentences = c.sentences.filter(Boolean);
  if (rng.chance(0.35)) sentences.splice(rng.int(0, sentences.length), 0, rng.pick(ASIDES));
  parts.push(sentences.join(' '));
  const request = rng.pick(REQUESTS);
  if (request) parts.push(request);
  if (rng.chance(0.6)) parts.push(dataBlock(p, rng));
  if (rng.chance(0.6))
    parts.push(`${rng.pick(CLOSINGS)},\n${rng.chance(0.5) ? p.name : (p.name.split(' ')[0] as string)}`);
  let body = parts.join('\n\n');
  let subject = c.subject;
  if (rng.chance(0.4)) {
    body = chatty(body, rng);
    subject = chatty(subject, rng);
  }
  return { subject, body };
}

function everyday(category: Category, rng: Random): Composition {
  const bank = BANKS_BY_CATEGORY[category];
  const topic = rng.pick(bank.topics);
  const drawn = new Map<string, string>();
  const fill = slots(rng, {}, drawn);
  const core = rng.pick(topic.cores);
  const tag = SYMPTOM_TAG.exec(core)?.[1];
  const sentences = [expand(core.replace(SYMPTOM_TAG, ''), rng, fill)];
  if (rng.chance(0.5)) sentences.push(expand(rng.pick(bank.details), rng, fill));
  const subject = expand(rng.pick(topic.subjects), rng, fill);
  return { subject, sentences, symptom: tag ? { tag, slots: drawn } : undefined };
}

function walletSurge(rng: Random): Composition {
  const fill = slots(rng, { danaForm: () => rng.pick(SURGE_WALLET.danaForms) });
  const sentences = [expand(rng.pick(SURGE_WALLET.openings), rng, fill)];
  for (let i = rng.int(0, 2); i > 0; i--) sentences.push(expand(rng.pick(SURGE_WALLET.details), rng, fill));
  return { subject: expand(rng.pick(SURGE_WALLET.subjects), rng, fill), sentences };
}

/** An outage report; `platformForms` names the platform (the evaluation's by default). */
function outageSurge(rng: Random, platformForms: readonly string[] = SURGE_OUTAGE.platformForms): Composition {
  const fill = slots(rng, { platform: () => rng.pick(platformForms) });
  const sentences = [expand(rng.pick(SURGE_OUTAGE.openings), rng, fill)];
  for (let i = rng.int(0, 2); i > 0; i--) sentences.push(expand(rng.pick(SURGE_OUTAGE.details), rng, fill));
  return { subject: expand(rng.pick(SURGE_OUTAGE.subjects), rng, fill), sentences };
}

function oneOf(bank: { subjects: string[]; openings: string[] }, rng: Random): Composition {
  const fill = slots(rng);
  return {
    subject: expand(rng.pick(bank.subjects), rng, fill),
    sentences: [expand(rng.pick(bank.openings), rng, fill)],
  };
}

function symptomOfSurge(symptom: Composition['symptom']): SurgeName | undefined {
  if (!symptom) return undefined;
  if (symptom.tag === 'platform down' && symptom.slots.get('platform') === SURGE_PLATFORM) return 'outage';
  if (
    symptom.tag === 'not paid' &&
    symptom.slots.get('wallet') === 'DANA' &&
    symptom.slots.get('stage') === 'tahap 2'
  ) {
    return 'wallet';
  }
  return undefined;
}

/** Minutes into a surge, drawn from its profile: a payment run ramps up; an outage starts at once. */
function surgeOffset(kind: 'ramp' | 'outage', minutes: number, rng: Random): number {
  for (;;) {
    const t = rng.next() * minutes;
    const f = kind === 'ramp' ? Math.min(t / 10, 1, (minutes - t) / 25) : Math.min(1, t / 3, (minutes - t) / 15);
    if (rng.next() < f) return t;
  }
}

export function generateStream(seed: number, options: StreamOptions = {}): StreamMail[] {
  const rng = new Random(seed);
  const people = new PersonFactory(rng, `s${seed}p`);
  const perDay = options.mailsPerDay ?? 23_000;
  const start = Date.parse(options.start ?? '2025-03-03T00:00:00+07:00');
  const weight = HOURLY.reduce((a, b) => a + b, 0);
  const mails: StreamMail[] = [];
  const recent: { person: Person; category: Category }[] = [];
  let n = 0;

  const push = (p: Person, at: number, day: 0 | 1, kind: MailKind, truth: SurgeName | null, c: Composition) => {
    const { subject, body } = letter(p, c, rng);
    const symptomOf = symptomOfSurge(c.symptom);
    mails.push({
      ...(symptomOf ? { symptomOf } : {}),
      id: `m${++n}`,
      at: new Date(at).toISOString(),
      day,
      kind,
      truth,
      subject,
      body,
      senderName: p.name,
      senderAddress: p.address,
      participant: p.key,
    });
  };

  const normalMail = (day: 0 | 1, at: number, kind: MailKind, category?: Category) => {
    const followUp = recent.length > 50 && rng.chance(FOLLOW_UP_SHARE);
    const earlier = followUp ? rng.pick(recent) : null;
    const cat = category ?? earlier?.category ?? rng.weighted(CATEGORY_MIX);
    const person = earlier?.person ?? people.next();
    if (!earlier) {
      recent.push({ person, category: cat });
      if (recent.length > 2000) recent.shift();
    }
    push(person, at, day, kind, null, everyday(cat, rng));
  };

  for (const day of [0, 1] as const) {
    const midnight = start + day * 24 * HOUR;
    HOURLY.forEach((w, hour) => {
      const count = Math.round((perDay * w) / weight);
      const from = midnight + hour * HOUR;
      for (let i = 0; i < count; i++) normalMail(day, from + rng.next() * HOUR, 'normal');
      if (day === 1 && hour === DAY1_PLAN.busyHour.hour) {
        for (let i = 0; i < count * DAY1_PLAN.busyHour.extra; i++) normalMail(day, from + rng.next() * HOUR, 'busy');
      }
      if (day === 1 && hour === DAY1_PLAN.certificateWave.hour) {
        const usual = count * (CATEGORY_MIX.find(([c]) => c === 'certificate')?.[1] ?? 0) * 0.01;
        for (let i = 0; i < usual * DAY1_PLAN.certificateWave.extra; i++) {
          normalMail(day, from + rng.next() * HOUR, 'wave', 'certificate');
        }
      }
    });
  }

  const day1 = start + 24 * HOUR;
  const surge = (name: SurgeName, plan: { startMinute: number; minutes: number; mails: number }) => {
    const from = day1 + plan.startMinute * MINUTE;
    const writers: Person[] = [];
    for (let i = 0; i < plan.mails; i++) {
      // A few participants write twice (impatient follow-ups).
      const again = writers.length > 10 && rng.chance(FOLLOW_UP_SHARE);
      const person = again ? rng.pick(writers) : people.next();
      if (!again) writers.push(person);
      const offset = surgeOffset(name === 'wallet' ? 'ramp' : 'outage', plan.minutes, rng);
      push(person, from + offset * MINUTE, 1, name, name, name === 'wallet' ? walletSurge(rng) : outageSurge(rng));
    }
  };
  surge('wallet', DAY1_PLAN.wallet);
  surge('outage', DAY1_PLAN.outage);

  const repeater = people.next();
  for (let i = 0; i < DAY1_PLAN.repeat.mails; i++) {
    const at = day1 + (DAY1_PLAN.repeat.startMinute + rng.next() * DAY1_PLAN.repeat.minutes) * MINUTE;
    push(repeater, at, 1, 'repeat', null, oneOf(REPEAT_SENDER, rng));
  }
  for (let i = 0; i < DAY1_PLAN.cluster.mails; i++) {
    const at = day1 + (DAY1_PLAN.cluster.startMinute + rng.next() * DAY1_PLAN.cluster.minutes) * MINUTE;
    push(people.next(), at, 1, 'cluster', null, oneOf(SMALL_CLUSTER, rng));
  }

  // An everyday mail that reports the surge's own symptom while it runs (the surge's platform
  // "loading terus", stage 2 not arrived in DANA) is one of its reports, whatever template wrote it.
  for (const m of mails) {
    if (m.kind === 'wallet' || m.kind === 'outage' || !m.symptomOf) continue;
    const plan = DAY1_PLAN[m.symptomOf];
    const from = day1 + plan.startMinute * MINUTE;
    const at = Date.parse(m.at);
    if (at >= from && at <= from + plan.minutes * MINUTE) {
      m.truth = m.symptomOf;
      m.lookalike = true;
    }
  }
  return mails.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export { type Composition, everyday, letter, outageSurge, walletSurge };
