/**
 * What `npm start -- --data DIR` keeps on disk besides DynamoDB (dynalite keeps that itself), so a
 * crash of the stack loses nothing SMTP accepted: fauxqs holds queues and S3 objects in memory only.
 *
 * - The queue journal (`DIR/local-state/queues.jsonl`): every message an SQS client of the stack
 *   sent, and every message it deleted, one line each, appended before the call returns to its
 *   caller. The messages sent and not deleted are what the queues held; a restart sends them again
 *   (a message fauxqs moved to a DLQ counts as not deleted, so it is tried again too).
 * - The mail archive (`DIR/local-state/mail/`): each raw mail, written before the receiver stores
 *   it in S3; a restart puts every one back in the bucket.
 *
 * Lines are written with a plain write (no fsync): they survive the stack's process dying (SIGKILL,
 * a crash), not the machine losing power. Redelivery after a restart is safe because every handler
 * already takes SQS's at-least-once delivery (docs/architecture.md, "Exactly-once effect").
 */

import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { SendMessageCommand, type SendMessageRequest, SQSClient } from '@aws-sdk/client-sqs';
import { aroundEveryCall, type ClientOptions, type SdkClient } from '#adapters/clients.ts';

/** A message sent and not yet deleted, as the journal keeps it. */
interface Sent {
  /** The queue's name (its URL changes with the port). */
  q: string;
  id: string;
  body: string;
  attributes?: SendMessageRequest['MessageAttributes'];
}
type JournalLine = Sent | { deleted: string };

const queueName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

export class QueueJournal {
  private fd: number;
  /** Receipt handle → message id, for the deletes (which name handles only). */
  private readonly handles = new Map<string, string>();

  constructor(private readonly file: string) {
    mkdirSync(join(file, '..'), { recursive: true });
    this.fd = openSync(file, 'a');
  }

  private append(line: JournalLine): void {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  /** Messages sent and not deleted, in the order they were sent. */
  pending(): Sent[] {
    const sent = new Map<string, Sent>();
    if (!existsSync(this.file)) return [];
    for (const text of readFileSync(this.file, 'utf8').split('\n')) {
      if (!text) continue;
      let line: JournalLine;
      try {
        line = JSON.parse(text) as JournalLine;
      } catch {
        continue; // a line cut short by the crash: its call had not returned, so nobody relied on it
      }
      if ('deleted' in line) sent.delete(line.deleted);
      else sent.set(line.id, line);
    }
    return [...sent.values()];
  }

  /**
   * Sends the pending messages again (on a fresh emulator, before any poller runs) and starts a
   * journal holding just them. Until the new journal replaces the old one the old one stands, so
   * a crash here loses nothing either.
   */
  async replay(sqs: SQSClient, queueUrls: ReadonlyMap<string, string>): Promise<number> {
    const pending = this.pending();
    const next = `${this.file}.next`;
    const fd = openSync(next, 'w');
    let sent = 0;
    try {
      for (const m of pending) {
        const url = queueUrls.get(m.q);
        if (!url) continue; // a queue this stack no longer has
        const r = await sqs.send(
          new SendMessageCommand({ QueueUrl: url, MessageBody: m.body, MessageAttributes: m.attributes }),
        );
        writeSync(fd, `${JSON.stringify({ ...m, id: r.MessageId ?? '' })}\n`);
        sent++;
      }
    } finally {
      closeSync(fd);
    }
    closeSync(this.fd);
    renameSync(next, this.file);
    this.fd = openSync(this.file, 'a');
    return sent;
  }

  /** Records what an SQS client sends and deletes (other clients pass unchanged). */
  readonly instrument: NonNullable<ClientOptions['instrument']> = <C extends SdkClient>(client: C): C => {
    if (!(client instanceof SQSClient)) return client;
    return aroundEveryCall(client, 'queueJournal', (next, context) => async (args) => {
      const result = await next(args);
      this.observe(context.commandName ?? '', args.input as never, result.output as never);
      return result;
    });
  };

  private observe(command: string, input: Record<string, never>, output: Record<string, never>): void {
    type Entry = { Id: string; MessageBody: string; MessageAttributes?: Sent['attributes']; ReceiptHandle: string };
    switch (command) {
      case 'SendMessageCommand': {
        const i = input as unknown as SendMessageRequest;
        const id = (output as { MessageId?: string }).MessageId;
        if (id)
          this.append({
            q: queueName(i.QueueUrl ?? ''),
            id,
            body: i.MessageBody ?? '',
            attributes: i.MessageAttributes,
          });
        return;
      }
      case 'SendMessageBatchCommand': {
        const i = input as unknown as { QueueUrl: string; Entries: Entry[] };
        const ok = (output as { Successful?: { Id: string; MessageId: string }[] }).Successful ?? [];
        for (const s of ok) {
          const e = i.Entries.find((x) => x.Id === s.Id);
          if (e)
            this.append({
              q: queueName(i.QueueUrl),
              id: s.MessageId,
              body: e.MessageBody,
              attributes: e.MessageAttributes,
            });
        }
        return;
      }
      case 'ReceiveMessageCommand': {
        for (const m of (output as { Messages?: { MessageId: string; ReceiptHandle: string }[] }).Messages ?? [])
          this.handles.set(m.ReceiptHandle, m.MessageId);
        return;
      }
      case 'DeleteMessageCommand':
        this.deleted((input as unknown as { ReceiptHandle: string }).ReceiptHandle);
        return;
      case 'DeleteMessageBatchCommand': {
        const i = input as unknown as { Entries: Entry[] };
        for (const s of (output as { Successful?: { Id: string }[] }).Successful ?? [])
          this.deleted(i.Entries.find((x) => x.Id === s.Id)?.ReceiptHandle ?? '');
        return;
      }
    }
  }

  private deleted(handle: string): void {
    const id = this.handles.get(handle);
    if (id === undefined) return;
    this.handles.delete(handle);
    this.append({ deleted: id });
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Raw mail kept on disk, one file per S3 key. */
export class MailArchive {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  keep(key: string, raw: Uint8Array): void {
    const file = join(this.dir, encodeURIComponent(key));
    // Written whole, then renamed: a crash leaves the old file or the new one, never half of it.
    writeFileSync(`${file}.part`, raw);
    renameSync(`${file}.part`, file);
  }

  /** Every kept mail, by its S3 key. */
  *all(): Generator<{ key: string; raw: Buffer }> {
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.part')) continue;
      yield { key: decodeURIComponent(name), raw: readFileSync(join(this.dir, name)) };
    }
  }
}

/** The stack's files under a --data directory (DynamoDB's own files sit beside them). */
export interface DurableState {
  queues: QueueJournal;
  mail: MailArchive;
}

export function durableState(dataDir: string): DurableState {
  const dir = join(dataDir, 'local-state');
  return { queues: new QueueJournal(join(dir, 'queues.jsonl')), mail: new MailArchive(join(dir, 'mail')) };
}
