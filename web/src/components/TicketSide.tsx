/** Side panels of the workspace: service level and lease, the participant's other tickets, history. */
import type { RelatedTicket, SentReply, TicketDetail } from '../api.ts';
import { actionLabel, CATEGORY_LABEL, countdown, replyOutcome, replyTime, STATUS_LABEL, wib } from '../format.ts';
import { href } from '../route.ts';
import { useNow } from '../ui.tsx';

/** One line of the ticket's history (console-side: mails, replies and audit entries in one list). */
type HistoryLine = { at: string; agent: string; action: string; detail?: string | null };

/** Under this much lease left, the countdown turns to a warning. */
const LEASE_WARNING_MS = 2 * 60_000;

export function ServiceLevel(props: { detail: TicketDetail; mayAct: boolean; busy: boolean; onExtend: () => void }) {
  const now = useNow(1000);
  const t = props.detail.ticket;
  const overdue = t.overdue === true || (t.dueAt ? Date.parse(t.dueAt) < now : false);
  const leaseLeft = t.leaseExpiresAt ? Date.parse(t.leaseExpiresAt) - now : null;
  return (
    <div className="sla">
      <p>
        Tenggat layanan: <strong>{t.dueAt ? wib(t.dueAt) : '—'}</strong>{' '}
        {overdue ? <span className="badge badge-overdue">Lewat tenggat</span> : null}
      </p>
      {t.status === 'claimed' ? (
        <p>
          Dipegang <strong>{t.claimedBy}</strong>
          {leaseLeft !== null ? (
            <>
              {' '}
              · sisa waktu{' '}
              <span
                role="timer"
                aria-label="Sisa waktu tiket"
                className={leaseLeft < LEASE_WARNING_MS ? 'timer timer-low' : 'timer'}
              >
                {leaseLeft > 0 ? countdown(leaseLeft) : 'habis'}
              </span>
            </>
          ) : null}{' '}
          {props.mayAct ? (
            <button type="button" onClick={props.onExtend} disabled={props.busy} aria-keyshortcuts="p">
              Perpanjang
            </button>
          ) : null}
        </p>
      ) : (
        <p>Status: {STATUS_LABEL[t.status]}</p>
      )}
      {leaseLeft !== null && leaseLeft <= 0 && t.status === 'claimed' ? (
        <p className="warn-text">Waktu habis: tiket bisa diambil petugas lain. Perpanjang atau kirim sekarang.</p>
      ) : null}
    </div>
  );
}

const RELATED_REASON: Record<RelatedTicket['reason'], string> = {
  'same card number': 'nomor kartu sama',
  'same phone': 'nomor HP sama',
  'same email': 'email sama',
  'also reported from another address': 'juga dilaporkan dari alamat lain',
  'same participant, other problem': 'peserta sama, masalah lain',
};

/** The participant's other tickets, as the ticket's `related` links name them (the API always sends them). */
export function RelatedTickets(props: { detail: TicketDetail }) {
  const t = props.detail.ticket;
  const others = props.detail.related.filter((r) => r.ref !== t.ref);
  if (others.length === 0) return <p className="muted">Tidak ada tiket lain.</p>;
  return (
    <ul className="related" aria-label="Tiket lain peserta ini">
      {others.map((r) => (
        <li key={r.ref}>
          <a href={href.ticket(r.ref)}>{r.ref}</a> · {CATEGORY_LABEL[r.category] ?? r.category} ·{' '}
          {STATUS_LABEL[r.status] ?? r.status}
          <span className="badge">{RELATED_REASON[r.reason] ?? r.reason}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The ticket's story in time order: when it was opened, each mail in, each reply out, and every
 * agent action of the audit trail (who claimed, released, reassigned, corrected, resolved).
 */
export function History(props: { detail: TicketDetail }) {
  const d = props.detail;
  const entries: HistoryLine[] = [
    { at: d.ticket.createdAt, agent: 'sistem', action: 'Tiket dibuat' },
    ...d.messages.map((m) => ({ at: m.receivedAt, agent: 'peserta', action: 'Pesan masuk', detail: m.from })),
    ...d.replies.map((r: SentReply) => ({
      at: replyTime(r),
      agent: r.kind === 'agent_reply' ? 'petugas' : 'sistem',
      ...replyOutcome(r),
    })),
    ...d.audit.map((a) => ({ ...a, action: actionLabel(a.action) })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="history">
      {entries.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries may share time and agent
        <li key={i}>
          <time dateTime={e.at}>{wib(e.at)}</time> · {e.agent} · {e.action}
          {e.detail ? <span className="muted"> — {e.detail}</span> : null}
        </li>
      ))}
    </ol>
  );
}
