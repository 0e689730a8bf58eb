/** The conversation, oldest first: the participant's mails (quoted history collapsed) and our replies. */
import type { SentReply, TicketMessage } from '../api.ts';
import { replyOutcome, replyTime, wib } from '../format.ts';
import { splitQuoted } from '../quoted.ts';

const REPLY_KIND: Record<string, string> = {
  ask_missing: 'permintaan data (otomatis)',
  acknowledge: 'tanda terima (otomatis)',
  agent_reply: 'balasan petugas',
  agent_ask: 'pertanyaan petugas',
  incident_reply: 'jawaban insiden (otomatis)',
  waiting_reminder: 'pengingat (otomatis)',
  closed_unanswered: 'pemberitahuan tiket ditutup (otomatis)',
};

const FLAG: Record<string, string> = {
  spam: 'ditandai spam',
  'spf-fail': 'SPF gagal',
  'dkim-fail': 'DKIM gagal',
  'dmarc-fail': 'DMARC gagal',
};

type Item = { at: string; message: TicketMessage } | { at: string; reply: SentReply };

export function Thread(props: { messages: readonly TicketMessage[]; replies: readonly SentReply[] }) {
  const items: Item[] = [
    ...props.messages.map((m) => ({ at: m.receivedAt, message: m })),
    ...props.replies.map((r) => ({ at: replyTime(r), reply: r })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <ol className="thread">
      {items.map((item) =>
        'message' in item ? (
          <Message key={`m-${item.message.inboundId}`} m={item.message} />
        ) : (
          <li key={`r-${item.reply.jobId}`} className="reply-item">
            {item.reply.status === 'sent' ? (
              <span>
                Terkirim ke {item.reply.to}: <q>{item.reply.subject}</q> ({REPLY_KIND[item.reply.kind] ?? 'balasan'})
              </span>
            ) : (
              <span>
                {replyOutcome(item.reply).action} ({REPLY_KIND[item.reply.kind] ?? 'balasan'})
                {item.reply.reason ? `: ${item.reply.reason}` : ''}
              </span>
            )}{' '}
            <time dateTime={item.at} className="muted">
              {wib(item.at)}
            </time>
          </li>
        ),
      )}
    </ol>
  );
}

function Message({ m }: { m: TicketMessage }) {
  const { text, quoted } = splitQuoted(m.text);
  const flags = (m.flags ?? []).map((f) => FLAG[f] ?? f);
  return (
    <li className="message">
      <article aria-label={`Pesan ${wib(m.receivedAt)}`}>
        <header>
          <span className="from">{m.from ?? '(tanpa pengirim)'}</span>{' '}
          <time dateTime={m.receivedAt} className="muted">
            {wib(m.receivedAt)}
          </time>
          {flags.map((f) => (
            <span key={f} className="badge badge-warn">
              {f}
            </span>
          ))}
          <div className="subject">{m.subject || '(tanpa subjek)'}</div>
        </header>
        <div className="msg-text">{text || <span className="muted">(tidak ada teks baru)</span>}</div>
        {quoted ? (
          <details className="quoted">
            <summary>Tampilkan kutipan ({quoted.split('\n').length} baris)</summary>
            <div className="msg-text">{quoted}</div>
          </details>
        ) : null}
      </article>
    </li>
  );
}
