/**
 * Triage .eml files as one ordered stream: the engine behind the `triage` CLI and `eval`. Each
 * file is received as SES would receive it (stored, announced with a notification whose verdicts
 * all PASS, from the envelope sender its From header names) and triaged by the triage Lambda's
 * use case, wired by the same builder over adapters in memory: the same code decides, only the
 * storage differs.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import PostalMime from 'postal-mime';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { finishBatch, type TriageResult, triageInbound } from '#app/triage.ts';
import type { Triage } from '#core/triage.ts';
import { SesReceivedNotification } from '#lambdas/schemas.ts';
import { buildTriageDeps } from '#lambdas/wiring.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { inboundObjectKey, receivedNotification } from './ses-receiving.ts';
import { COMPLAINT_ADDRESS } from './site.ts';

export interface FileResult {
  file: string;
  /** What triage did with it: created, merged, threaded, reopened, automated, parse_failed. */
  outcome?: string;
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

const BUCKET = 'cli-mail';

/** A file has no envelope: the sender its From header names plays it (empty when it names none). */
async function envelopeSender(raw: Buffer): Promise<string> {
  try {
    return (await PostalMime.parse(raw)).from?.address ?? '';
  } catch {
    return '';
  }
}

/** The SES message id the CLI gives the n-th file of a stream (0-based). */
export const cliInboundId = (n: number) => `cli${String(n + 1).padStart(6, '0')}`;

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

function fileResult(file: string, r: TriageResult, openers: Map<string, string>): FileResult {
  if (!r.triage) {
    const error = r.outcome === 'parse_failed' ? `cannot parse: ${r.reason}` : `${r.outcome}: ${r.reason}`;
    return { file, outcome: r.outcome, error, reply: 'none' };
  }
  const t = r.triage;
  if (r.ticket && r.outcome === 'created') openers.set(r.ticket.ref, file);
  return {
    file,
    outcome: r.outcome,
    messageId: t.messageId,
    automated: t.automated,
    automatedReason: t.automatedReason,
    category: t.category,
    priority: t.priority,
    evidence: t.evidence,
    fields: t.fields,
    missing: r.ticket?.missing ?? t.missing,
    reply: r.reply,
    ticketRef: r.ticket?.ref ?? null,
    duplicateOf: duplicateOf(r, openers),
  };
}

/**
 * The file whose ticket this mail joined, or, for a probable duplicate from someone who may not
 * join it (another address), the file whose ticket it is held behind.
 */
function duplicateOf(r: TriageResult, openers: Map<string, string>): string | null {
  if (!r.ticket) return null;
  if (r.outcome !== 'created') return openers.get(r.ticket.ref) ?? null;
  return r.ticket.heldBehind ? (openers.get(r.ticket.heldBehind) ?? null) : null;
}

export async function* triageFiles(
  files: readonly string[],
  now: () => Date = () => new Date(),
): AsyncGenerator<FileResult> {
  const memory = new MemoryAdapters();
  const deps = buildTriageDeps({ COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS], SLA_HOURS }, memory);
  const openers = new Map<string, string>();
  for (const [n, file] of files.entries()) {
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch (err) {
      yield { file, error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
      continue;
    }
    const messageId = cliInboundId(n);
    memory.mail.put(BUCKET, inboundObjectKey(messageId), raw);
    const notification = SesReceivedNotification.parse(
      receivedNotification(
        { messageId, source: await envelopeSender(raw), recipients: [COMPLAINT_ADDRESS], at: now() },
        { bucket: BUCKET, region: 'local' },
      ),
    );
    const r = await triageInbound(notification, deps);
    await finishBatch([r], deps);
    yield fileResult(file, r, openers);
  }
}
