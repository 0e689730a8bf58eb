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
import { actionLabel, CATEGORY_LABEL, countdown, STATUS_LABEL, wib } from '../format.ts';
import { href } from '../route.ts';
import { Loading, useNow } from '../ui.tsx';

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
  'same participant, other problem': 'peserta sama, masalah lain',
};

type RelatedItem = TicketSummary & { reason?: string };
type Related = { items: RelatedItem[] } | { error: string } | null;

/** The ticket's participant keys, each with what a ticket found by it has in common with this one. */
function keysOf(t: TicketDetail['ticket']): [ParticipantKey, RelatedReason][] {
  const email = t.fields.email ?? t.replyTo ?? null;
  return [
    ...(t.fields.cardNumber ? [[{ card: t.fields.cardNumber }, 'same card number'] as const] : []),
    ...(t.fields.phone ? [[{ phone: t.fields.phone }, 'same phone'] as const] : []),
    ...(email ? [[{ email }, 'same email'] as const] : []),
  ].map(([k, r]) => [k as ParticipantKey, r as RelatedReason]);
}

/** The participant's other tickets: from the ticket's own `related` when the API sends it, else by each key. */
export function RelatedTickets(props: { api: Api; detail: TicketDetail }) {
  const { api, detail } = props;
  const [state, setState] = useState<Related>(null);
  const t = detail.ticket;
  // Looked up again only when the keys change, not on every reload of the ticket.
  const keyText = JSON.stringify(keysOf(t));
  useEffect(() => {
    if (detail.related) {
      setState({ items: detail.related.map((r) => ({ ...r, reason: RELATED_REASON[r.reason] ?? r.reason })) });
      return;
    }
    const keys = JSON.parse(keyText) as [ParticipantKey, RelatedReason][];
    if (keys.length === 0) return setState({ items: [] });
    let live = true;
    Promise.all(
      keys.map(async ([key, reason]) =>
        (await api.participantTickets(key)).map((i) => ({ ...i, reason: RELATED_REASON[reason] })),
      ),
    )
      .then((lists) => {
        // One row per ticket, naming every key it shares.
        const byRef = new Map<string, RelatedItem>();
        for (const item of lists.flat()) {
          const seen = byRef.get(item.ref);
          byRef.set(item.ref, seen ? { ...seen, reason: `${seen.reason}, ${item.reason}` } : item);
        }
        if (live) setState({ items: [...byRef.values()] });
      })
      .catch((err) => live && setState({ error: err instanceof ApiError ? err.message : String(err) }));
    return () => {
      live = false;
    };
  }, [api, detail.related, keyText]);

  if (!state) return <Loading what="tiket lain" />;
  if ('error' in state) return <p className="muted">Tiket lain tidak dapat dimuat: {state.error}</p>;
  const others = state.items.filter((i) => i.ref !== t.ref);
  if (others.length === 0) return <p className="muted">Tidak ada tiket lain.</p>;
  return (
    <ul className="related" aria-label="Tiket lain peserta ini">
      {others.map((r) => (
        <li key={r.ref}>
          <a href={href.ticket(r.ref)}>{r.ref}</a> · {CATEGORY_LABEL[r.category] ?? r.category} ·{' '}
          {STATUS_LABEL[r.status] ?? r.status}
          {r.createdAt ? <span className="muted small"> · {wib(r.createdAt)}</span> : null}
          {r.reason ? <span className="badge">{r.reason}</span> : null}
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
  const entries: AuditEntry[] = [
    { at: d.ticket.createdAt, agent: 'sistem', action: 'Tiket dibuat' },
    ...d.messages.map((m) => ({ at: m.receivedAt, agent: 'peserta', action: 'Pesan masuk', detail: m.from })),
    ...d.replies.map((r) => ({
      at: r.sentAt ?? '',
      agent: r.kind === 'agent_reply' ? 'petugas' : 'sistem',
      action: r.skipped ? 'Balasan tidak dikirim' : 'Balasan terkirim',
      detail: r.skipped ?? r.subject,
    })),
    ...(d.audit ?? []).map((a) => ({ ...a, action: actionLabel(a.action) })),
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
