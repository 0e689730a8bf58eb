/** Side panels of the workspace: service level and lease, the participant's other tickets, history. */
import { useEffect, useState } from 'react';
import {
  type Api,
  ApiError,
  type AuditEntry,
  type ParticipantKey,
  type RelatedReason,
  type TicketDetail,
  type TicketSummary,
} from '../api.ts';
import { CATEGORY_LABEL, countdown, STATUS_LABEL, wib } from '../format.ts';
import { href } from '../route.ts';
import { Loading, Unavailable, useNow } from '../ui.tsx';

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

const RELATED_REASON: Record<RelatedReason, string> = {
  'same card number': 'nomor kartu sama',
  'same phone': 'nomor HP sama',
  'same email': 'email sama',
  'also reported from another address': 'juga dilaporkan dari alamat lain',
};

type Related = { items: (TicketSummary & { reason?: string })[] } | { unavailable: true } | null;

export function RelatedTickets(props: { api: Api; detail: TicketDetail }) {
  const { api, detail } = props;
  const [state, setState] = useState<Related>(null);
  const t = detail.ticket;
  useEffect(() => {
    if (detail.related) {
      setState({ items: detail.related.map((r) => ({ ...r, reason: RELATED_REASON[r.reason] ?? r.reason })) });
      return;
    }
    const key: ParticipantKey | null = t.fields.cardNumber
      ? { card: t.fields.cardNumber }
      : t.fields.phone
        ? { phone: t.fields.phone }
        : t.fields.email || t.replyTo
          ? { email: (t.fields.email ?? t.replyTo) as string }
          : null;
    if (!key) return setState({ items: [] });
    let live = true;
    api
      .participantTickets(key)
      .then((items) => live && setState({ items }))
      .catch(
        (err) =>
          live &&
          setState(err instanceof ApiError && err.kind === 'NotAvailable' ? { unavailable: true } : { items: [] }),
      );
    return () => {
      live = false;
    };
  }, [api, detail.related, t.fields.cardNumber, t.fields.phone, t.fields.email, t.replyTo]);

  if (!state) return <Loading what="tiket lain" />;
  if ('unavailable' in state) return <Unavailable what="Pencarian tiket lain peserta" />;
  const others = state.items.filter((i) => i.ref !== t.ref);
  if (others.length === 0) return <p className="muted">Tidak ada tiket lain.</p>;
  return (
    <ul className="related">
      {others.map((r) => (
        <li key={r.ref}>
          <a href={href.ticket(r.ref)}>{r.ref}</a> · {CATEGORY_LABEL[r.category] ?? r.category} ·{' '}
          {STATUS_LABEL[r.status] ?? r.status}
          {r.reason ? <span className="badge">{r.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The audit trail when the API sends one; until then, what the ticket's own records show. */
export function History(props: { detail: TicketDetail }) {
  const d = props.detail;
  const entries: AuditEntry[] =
    d.audit ??
    [
      { at: d.ticket.createdAt, agent: 'sistem', action: 'Tiket dibuat' },
      ...d.messages.map((m) => ({ at: m.receivedAt, agent: 'peserta', action: 'Pesan masuk', detail: m.from })),
      ...d.replies.map((r) => ({
        at: r.sentAt ?? '',
        agent: r.kind === 'agent_reply' ? 'petugas' : 'sistem',
        action: r.skipped ? 'Balasan tidak dikirim' : 'Balasan terkirim',
        detail: r.skipped ?? r.subject,
      })),
      ...d.notes.map((n) => ({ at: n.at, agent: n.author, action: 'Catatan internal' })),
    ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <>
      {d.audit ? null : (
        <p className="muted small">
          Riwayat lengkap (siapa mengambil/melepas) belum tersedia; ini dari pesan, balasan dan catatan.
        </p>
      )}
      <ol className="history">
        {entries.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries may share time and agent
          <li key={i}>
            <time dateTime={e.at}>{wib(e.at)}</time> · {e.agent} · {e.action}
            {e.detail ? <span className="muted"> — {e.detail}</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
