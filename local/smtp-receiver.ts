/**
 * Plays SES receiving over real SMTP (smtp-server): accepts mail for the complaint address only
 * (other recipients get 550, as a receipt rule's recipient filter would), then stores the raw
 * message and queues its notification exactly as SES→S3→SNS→SQS does (ses-receiving.ts).
 * A storage failure answers 451 (try again later): the sender's MTA keeps the mail, nothing is lost.
 * A 250 (`250 Ok <SES message id>`, as SES answers) comes only once the mail is stored and its
 * notification queued. close() keeps that promise while stopping: new transactions get 421, those
 * already receiving finish, and only then are the connections closed.
 * A test or a demo chooses SES's verdicts with the X-Local-SES-Verdicts header (local-verdicts.ts),
 * taken out before the mail is stored; a bad value answers 554 naming it.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { takeLocalVerdicts } from './local-verdicts.ts';
import { deliverToSes, type ReceivingTarget } from './ses-receiving.ts';

/** SES rejects messages over 40 MB. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface SmtpReceiverOptions {
  recipients: readonly string[];
  target: ReceivingTarget;
  /** Called after a mail is stored and queued (for benchmarks and logs). */
  onDelivered?: (sesMessageId: string, acceptedAt: number) => void;
  onError?: (err: unknown) => void;
}

export interface SmtpReceiver {
  port: number;
  /** Stops accepting, lets the mail being received finish (stored and queued, or refused), then closes. */
  close(): Promise<void>;
}

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export async function startSmtpReceiver(port: number, o: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const allowed = new Set(o.recipients.map((r) => r.toLowerCase()));
  let closing = false;
  const receiving = new Set<Promise<void>>();
  const server = new SMTPServer({
    name: 'mx.local',
    banner: 'Prakerja triage local receiver (plays Amazon SES)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'], // loopback only
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Connections still open once the mail in progress is done are closed at once (421).
    closeTimeout: 1,
    onMailFrom(_address, _session, callback) {
      if (closing) return callback(smtpError('shutting down, try again later', 421));
      return callback();
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (allowed.has(address.address.toLowerCase())) return callback();
      const err = new Error(`mailbox ${address.address} does not exist here`) as Error & { responseCode: number };
      err.responseCode = 550;
      return callback(err);
    },
    onData(stream, session, reply) {
      let done!: () => void;
      const received = new Promise<void>((resolve) => {
        done = resolve;
      });
      receiving.add(received);
      let answered = false;
      const callback = (err?: Error | null, message?: string) => {
        if (answered) return;
        answered = true;
        receiving.delete(received);
        done();
        reply(err, message);
      };
      const chunks: Buffer[] = [];
      stream.on('error', () => callback(smtpError('the message was not received whole', 451)));
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const err = new Error('message exceeds 40 MB') as Error & { responseCode: number };
          err.responseCode = 552;
          return callback(err);
        }
        const envelope = session.envelope;
        const source = envelope.mailFrom ? envelope.mailFrom.address : '';
        let mail: ReturnType<typeof takeLocalVerdicts>;
        try {
          mail = takeLocalVerdicts(Buffer.concat(chunks));
        } catch (err) {
          const e = new Error((err as Error).message) as Error & { responseCode: number };
          e.responseCode = 554;
          return callback(e);
        }
        deliverToSes(
          { raw: mail.raw, source, recipients: envelope.rcptTo.map((r) => r.address), verdicts: mail.verdicts },
          o.target,
        ).then(
          (id) => {
            o.onDelivered?.(id, Date.now());
            callback(null, `Ok ${id}`);
          },
          (err) => {
            o.onError?.(err);
            const e = new Error('could not store the message, try again later') as Error & { responseCode: number };
            e.responseCode = 451;
            callback(e);
          },
        );
      });
    },
  });
  server.on('error', (err) => o.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(err);
    server.server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.server.close(() => resolve()));
      const settled = async () => {
        while (receiving.size) await Promise.all(receiving);
      };
      await settled();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await settled();
      await stopped;
    },
  };
}
