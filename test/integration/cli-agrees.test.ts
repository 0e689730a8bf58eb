/**
 * One wiring: the triage CLI's engine (adapters in memory) and the triage Lambda on the local
 * emulators (SES receiving, SQS, DynamoDB) must decide the same for every mail of a stream: what
 * happened to it, what was read in it, which ticket it is on, what that ticket still lacks, and
 * which reply went out. (`npm run eval` does this on the labelled corpus in CI.)
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mask } from '#core/mask.ts';
import { ticketRefFor } from '#core/ticket.ts';
import type { Fields } from '#core/types.ts';
import { cliInboundId, expandInputs, type FileResult, triageFiles } from '#local/triage-files.ts';
import { startTestStack, type TestStack } from '../support/local-stack.ts';
import {
  ASK_MISSING,
  answerTo,
  DAY_OF_MAIL,
  type FixtureMail,
  QUOTES_OUR_REPLY,
  UNPARSEABLE,
} from '../support/mails.ts';

const AT = new Date('2024-05-20T02:30:00.000Z');

/** What a path decided for one mail, comparable across the two. */
interface Decision {
  outcome: string;
  /** The category a ticket was opened in (a mail joining one is on the ticket's). */
  category: string | null;
  fields: Fields | null;
  missing: string[] | null;
  reply: string;
  /** Position in the stream of the mail that opened its ticket. */
  openedBy: number | null;
  /** Position of the mail that opened the ticket it is held behind (a probable duplicate). */
  heldBehind: number | null;
}

const streamOrder = (mails: readonly FixtureMail[]) => {
  const askAt = mails.indexOf(ASK_MISSING);
  return [...mails, answerTo(ticketRefFor(cliInboundId(askAt))), QUOTES_OUR_REPLY, UNPARSEABLE];
};

function fromCli(r: FileResult, files: readonly string[]): Decision {
  const filed = r.ticketRef != null;
  return {
    outcome: r.outcome ?? 'error',
    category: r.outcome === 'created' ? (r.category ?? null) : null,
    fields: filed && r.fields ? { ...r.fields, nik: r.fields.nik ? mask.nik(r.fields.nik) : null } : null,
    missing: filed ? (r.missing ?? null) : null,
    reply: r.reply ?? 'none',
    openedBy: filed ? files.indexOf(r.outcome === 'created' ? r.file : (r.duplicateOf ?? r.file)) : null,
    heldBehind: r.outcome === 'created' && r.duplicateOf ? files.indexOf(r.duplicateOf) : null,
  };
}

/** The same, read back from what the Lambda path stored right after the mail was handled. */
async function fromStore(stack: TestStack, id: string): Promise<Decision> {
  const setAside = (await stack.items('inbound')).find((i) => i.inboundId === id);
  if (setAside) {
    return {
      outcome: String(setAside.outcome),
      category: null,
      fields: null,
      missing: null,
      reply: 'none',
      openedBy: null,
      heldBehind: null,
    };
  }
  const tickets = await stack.items('ticket');
  const opened = tickets.find((t) => t.openedBy === id);
  const followUp = (await stack.items('message')).find((m) => m.inboundId === id);
  const message = (opened?.first ?? followUp) as Record<string, unknown>;
  const ticket = opened ?? tickets.find((t) => t.PK === followUp?.PK);
  const reply = (await stack.items('reply')).find((r) => String(r.jobId).startsWith(`${id}:`));
  const position = (t: Record<string, unknown> | undefined) => Number(String(t?.openedBy).replace(/^cli0*/, '')) - 1;
  const behind = ticket?.heldBehind ? tickets.find((t) => t.ref === ticket.heldBehind) : undefined;
  return {
    outcome: String(message.outcome),
    category: message.outcome === 'created' ? String(message.category) : null,
    fields: message.fields as Fields,
    missing: ticket?.missing as string[],
    reply: reply ? String(reply.kind) : 'none',
    openedBy: position(ticket),
    heldBehind: behind ? position(behind) : null,
  };
}

describe('the triage CLI and the triage Lambda', () => {
  let dir: string;
  let stack: TestStack;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'triage-agrees-'));
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('decide the same for every mail of a stream', async () => {
    const mails = streamOrder(DAY_OF_MAIL);
    for (const [i, m] of mails.entries())
      await writeFile(path.join(dir, `${String(i).padStart(2, '0')}-${m.name}.eml`), await m.raw());
    const files = await expandInputs([dir]);

    const cli: Decision[] = [];
    for await (const r of triageFiles(files, () => AT)) cli.push(fromCli(r, files));

    const lambda: Decision[] = [];
    for (const [i, file] of files.entries()) {
      const mail = mails[i] as FixtureMail;
      await stack.deliver({ raw: await readFile(file), source: mail.source, messageId: cliInboundId(i), at: AT });
      await stack.drain();
      lambda.push(await fromStore(stack, cliInboundId(i)));
    }

    expect(cli.map((d) => d.outcome)).toEqual([
      'created',
      'created',
      'automated',
      'created',
      'automated',
      'created', // the resend from another address: a probable duplicate, held behind the first
      'automated',
      'threaded',
      'created',
      'parse_failed',
    ]);
    for (const [i, file] of files.entries()) expect({ file, ...lambda[i] }).toEqual({ file, ...cli[i] });
  });
});
