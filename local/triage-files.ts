/**
 * Triage .eml files as one ordered stream with an in-memory ticket store: the engine behind the
 * `triage` CLI and `eval`. Same core calls as the Lambda handler, only the store differs.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MemoryTicketStore } from '#adapters/memory/ticket-store.ts';
import { intakeComplaint } from '#core/intake.ts';
import { parseMail } from '#core/parse.ts';
import { type Triage, triageMail } from '#core/triage.ts';
import { SLA_HOURS } from '#lib/settings.ts';

export interface FileResult {
  file: string;
  messageId?: string | null;
  automated?: boolean;
  automatedReason?: string | null;
  category?: string | null;
  priority?: string | null;
  evidence?: Triage['evidence'];
  fields?: Triage['fields'];
  missing?: string[];
  reply?: string;
  ticketRef?: string | null;
  duplicateOf?: string | null;
  error?: string;
}

/** Files and directories → .eml paths, directories expanded in name order, input order kept. */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let s: Awaited<ReturnType<typeof stat>> | null = null;
    try {
      s = await stat(input);
    } catch {
      out.push(input); // reported as unreadable by the caller
      continue;
    }
    if (s.isDirectory()) {
      const names = (await readdir(input)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
      out.push(...names.map((n) => path.join(input, n)));
    } else out.push(input);
  }
  return out;
}

export async function* triageFiles(
  files: readonly string[],
  now: () => Date = () => new Date(),
): AsyncGenerator<FileResult> {
  const store = new MemoryTicketStore();
  const openerFile = new Map<string, string>();
  for (const file of files) {
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch (err) {
      yield { file, error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
      continue;
    }
    const parsed = await parseMail(raw);
    if (!parsed.ok) {
      yield { file, error: `cannot parse: ${parsed.error.reason}`, reply: 'none' };
      continue;
    }
    const mail = parsed.mail;
    const triage = triageMail(mail);
    const result: FileResult = {
      file,
      messageId: triage.messageId,
      automated: triage.automated,
      automatedReason: triage.automatedReason,
      category: triage.category,
      priority: triage.priority,
      evidence: triage.evidence,
      fields: triage.fields,
      missing: triage.missing,
      reply: triage.reply,
      ticketRef: null,
      duplicateOf: null,
    };
    if (!triage.automated) {
      const intake = await intakeComplaint(
        {
          inboundId: `${file}#${triage.messageId ?? ''}`,
          receivedAt: mail.date ?? now().toISOString(),
          rawKey: null,
          from: mail.from?.address ?? null,
          subject: mail.subject,
          text: mail.text,
          triage,
        },
        store,
        SLA_HOURS,
      );
      if (intake.outcome === 'created') openerFile.set(intake.ticket.ref, file);
      else result.duplicateOf = openerFile.get(intake.ticket.ref) ?? null;
      result.ticketRef = intake.ticket.ref;
      result.missing = intake.ticket.missing;
      result.reply = intake.reply;
    }
    yield result;
  }
}
