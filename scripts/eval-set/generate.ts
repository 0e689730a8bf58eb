/**
 * A labelled evaluation set of complaint mail, deterministic per seed: new complaints, follow-ups
 * of open complaints (duplicates), the same participant with a new problem, the same words from
 * another participant, and machine-generated mail. Labels use the corpus's format
 * (docs/triage.md) plus `reply` (the expected reply decision) and `confirm` (numbers the reply
 * must ask the participant to confirm as card or NIK).
 */
import type { Category } from '../../lambdas/core/types.ts';
import { type Content, compose, numberLabels, type WrittenNumber } from './compose.ts';
import { makePerson, type Person, resetSerial } from './identity.ts';
import {
  type AutomatedKind,
  automatedMail,
  automatedSender,
  centreRequestText,
  forwarded,
  humanMail,
  quotedReply,
  renderHtml,
  renderText,
  scamMessage,
} from './mime.ts';
import { CHASERS, type Register, TOPICS } from './phrases.ts';
import { Random } from './random.ts';

export interface Label {
  id: string;
  cat: Category | Category[] | null;
  card: string | null;
  phone: string | null;
  email: string | null;
  name: string | null;
  nik: string | null;
  auto: boolean;
  dup: string | null;
  reply: 'none' | 'ask_missing' | 'acknowledge';
  confirm: string[];
}

export interface GeneratedMail {
  id: string;
  eml: Buffer;
  label: Label;
  /** What makes it hard, for reading misses (not part of labels.json). */
  traits: string[];
  /** The 16-digit numbers the participant wrote and how each was introduced (for properties). */
  written: readonly WrittenNumber[];
}

const CATEGORY_SHARE: [Category, number][] = [
  ['incentive', 30],
  ['certificate', 18],
  ['training', 12],
  ['account', 14],
  ['registration', 10],
  ['fraud', 8],
  ['general', 8],
];

/** A passing mention of another, earlier problem: it must not pull the mail into that problem's ticket. */
const PASSING_MENTION: Record<Category, string> = {
  incentive: 'Soal dana yang kemarin sudah saya laporkan, sekarang ada masalah lain.',
  certificate: 'Masalah sertifikat saya yang dulu sudah beres, terima kasih.',
  training: 'Untuk kelas yang kemarin sudah aman.',
  account: 'Urusan akun saya kemarin sudah bisa, sekarang ada kendala lain.',
  registration: 'Pendaftaran saya sudah beres.',
  fraud: 'Laporan saya soal penipuan kemarin sudah saya kirim.',
  general: 'Pertanyaan saya sebelumnya sudah terjawab.',
};

interface OpenTicket {
  firstId: string;
  card: string | null;
  phone: string | null;
  email: string | null;
  content: Content;
  subject: string;
  messageId: string;
  date: Date;
  text: string;
}

interface Participant {
  person: Person;
  tickets: Map<Category, OpenTicket>;
}

const registerFor = (rng: Random): Register =>
  rng.weighted([
    ['formal', 35],
    ['chat', 50],
    ['english', 15],
  ] as const);

export interface GenerateOptions {
  n: number;
  seed: number;
}

export async function generateSet({ n, seed }: GenerateOptions): Promise<GeneratedMail[]> {
  const rng = new Random(seed);
  resetSerial();
  const out: GeneratedMail[] = [];
  const participants: Participant[] = [];
  const problems: { category: Category; register: Register; problem: string }[] = [];
  let clock = Date.UTC(2024, 4, 6, 1, 0, 0);
  const idWidth = String(n).length;

  for (let i = 1; i <= n; i++) {
    const id = `g${String(i).padStart(Math.max(4, idWidth), '0')}`;
    clock += rng.int(20, 400) * 1000;
    const when = new Date(clock);
    const messageId = `<${id}.${seed}.${rng.int(100000, 999999)}@mail.generated.example>`;
    const boundary = rng.digits(16);
    const withOpen = participants.filter((p) => p.tickets.size > 0);
    const kind = rng.weighted([
      ['new', 76],
      ['automated', 7],
      ['follow-up', withOpen.length ? 9 : 0],
      ['new-problem', withOpen.length ? 4 : 0],
      ['same-words', problems.length ? 4 : 0],
    ] as const);

    if (kind === 'automated') {
      const auto = rng.pick<AutomatedKind>([
        'out-of-office',
        'delivery-report',
        'newsletter',
        'helpdesk-ack',
        'noreply-notice',
        'system-alert',
      ]);
      const sender = automatedSender(rng, auto);
      const eml = await automatedMail(rng, auto, {
        boundary,
        fromName: sender.name,
        from: sender.address,
        subject: 'Pengaduan Anda kami terima',
        messageId,
        date: when,
      });
      out.push({
        id,
        eml,
        label: {
          id,
          cat: null,
          card: null,
          phone: null,
          email: null,
          name: null,
          nik: null,
          auto: true,
          dup: null,
          reply: 'none',
          confirm: [],
        },
        traits: [`automated ${auto}`],
        written: [],
      });
      continue;
    }

    let participant: Participant;
    let category: Category;
    let open: OpenTicket | undefined;
    let problem: string | undefined;
    const traits: string[] = [kind];
    if (kind === 'follow-up') {
      participant = rng.pick(withOpen);
      category = rng.pick([...participant.tickets.keys()]);
      open = participant.tickets.get(category);
    } else if (kind === 'new-problem') {
      participant = rng.pick(withOpen);
      const others = CATEGORY_SHARE.map(([c]) => c).filter((c) => !participant.tickets.has(c));
      category = rng.pick(others);
    } else {
      participant = { person: makePerson(rng), tickets: new Map() };
      participants.push(participant);
      if (kind === 'same-words') {
        const earlier = rng.pick(problems);
        category = earlier.category;
        problem = earlier.problem;
      } else category = rng.weighted(CATEGORY_SHARE);
    }
    const { person } = participant;
    const register = registerFor(rng);
    if (kind === 'follow-up' && rng.chance(0.4)) problem = rng.pick(CHASERS[register]);

    const content = compose(rng, {
      category,
      register,
      person,
      withCard: rng.chance(kind === 'follow-up' ? 0.6 : 0.75),
      withPhone: rng.chance(kind === 'follow-up' ? 0.6 : 0.78),
      withNik: rng.chance(category === 'registration' ? 0.45 : 0.15),
      problem,
    });
    if (problem === undefined) problems.push({ category, register, problem: content.problem });
    const chaser = kind === 'follow-up' && problem !== undefined;
    if (kind === 'new-problem' && rng.chance(0.5)) {
      const mentioned = rng.pick([...participant.tickets.keys()]);
      content.blocks.splice(1, 0, { kind: 'text', text: PASSING_MENTION[mentioned] });
      traits.push(`mentions ${mentioned} in passing`);
    }

    // Layout around the participant's text: as written, replying to the centre's request,
    // quoting or forwarding their own earlier mail, or forwarding a scam message.
    let text = renderText(content.blocks);
    let html = renderHtml(rng, content.blocks, content.wantsTable);
    let subject = content.subject;
    let inReplyTo: string | undefined;
    const numbers = [...content.numbers];
    let phone = content.phone;
    let statedEmail = content.statedEmail;
    let name = content.name;
    const wrapped = rng.weighted([
      ['none', 75],
      ['centre-request', open ? 8 : 3],
      ['own-quoted', open ? 12 : 0],
      ['own-forward', open ? 8 : 0],
      ['scam-forward', category === 'fraud' ? 25 : 0],
    ] as const);
    // A reply or forward has a subject of its own: a card written in the subject stays unwrapped.
    const wrap = content.cardInSubject ? 'none' : wrapped;
    if (wrap !== 'none') traits.push(`layout ${wrap}`);
    if (wrap === 'centre-request') {
      const ticketSubject = rng.pick(['Mohon lengkapi data pengaduan Anda', 'Pengaduan Anda kami terima']);
      subject = `Re: [PRK-${rng.pick(['4K7', 'M2Q', 'X9D', 'B3T'])}${rng.pick(['NW8R1', 'H5Z2C', 'P7Y6V'])}] ${ticketSubject}`;
      text = quotedReply(rng, text, {
        name: 'Layanan Pengaduan Kartu Prakerja',
        address: 'pengaduan@prakerja.example.id',
        text: centreRequestText(),
        date: when,
      });
      html = '';
    } else if ((wrap === 'own-quoted' || wrap === 'own-forward') && open) {
      const earlier = {
        name: person.full,
        address: person.sender,
        subject: open.subject,
        text: open.text,
        date: open.date,
      };
      text = wrap === 'own-quoted' ? quotedReply(rng, text, earlier) : forwarded(rng, text, earlier);
      subject = `${wrap === 'own-quoted' ? rng.pick(['Re: ', 'RE: ', 'Balas: ']) : rng.pick(['Fwd: ', 'Fw: ', 'FW: '])}${open.subject}`;
      if (wrap === 'own-quoted') inReplyTo = open.messageId;
      html = '';
      numbers.push(...open.content.numbers);
      phone ??= open.content.phone;
      statedEmail ??= open.content.statedEmail;
      name ??= open.content.name;
    } else if (wrap === 'scam-forward') {
      const scam = scamMessage(rng);
      const [scamName, scamAddress] = scam.from.split(/ <|>/) as [string, string];
      text = forwarded(rng, text, {
        name: scamName,
        address: scamAddress,
        subject: 'Informasi penting',
        text: scam.text,
        date: when,
      });
      html = '';
    }

    const { card, nik, confirm } = numberLabels(numbers);
    const email = (statedEmail ?? person.sender).toLowerCase();
    const eml = await humanMail(
      rng,
      { boundary, fromName: person.full, from: person.sender, subject, messageId, date: when, inReplyTo },
      html ? content : { ...content, wantsTable: false },
      text,
      html || `<div>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</div>`,
    );

    // Dedupe: the same participant (a shared card, phone or email) about an open problem.
    const keys = { card, phone, email };
    const shares = (t: OpenTicket) =>
      (keys.card !== null && keys.card === t.card) ||
      (keys.phone !== null && keys.phone === t.phone) ||
      keys.email === t.email;
    let dup: string | null = null;
    let missing = !card || !phone;
    const existing = participant.tickets.get(category);
    if (existing && shares(existing)) {
      dup = existing.firstId;
      existing.card ??= card;
      existing.phone ??= phone;
      missing = !existing.card || !existing.phone;
    } else if (!existing) {
      participant.tickets.set(category, {
        firstId: id,
        card,
        phone,
        email,
        content,
        subject,
        messageId,
        date: when,
        text,
      });
    } else traits.push('no shared identifier with the open ticket');

    out.push({
      id,
      eml,
      label: {
        id,
        // A chaser under the centre's subject says nothing of its topic: "general" is a fair reading.
        cat: chaser && wrap === 'centre-request' ? [category, 'general'] : category,
        card,
        phone,
        email,
        name,
        nik,
        auto: false,
        dup,
        reply: missing ? 'ask_missing' : 'acknowledge',
        confirm,
      },
      traits: [...traits, `${register}`, ...content.traits],
      written: numbers,
    });
  }
  return out;
}

export { TOPICS };
