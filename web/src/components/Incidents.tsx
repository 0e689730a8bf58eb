/**
 * Surge incidents on the supervisor page (docs/surge.md): what the detector proposed, why (the
 * terms and how many participants wrote them against how many were expected), masked examples,
 * the tickets covered; and the decisions: accept with one answer for every participant (resolve
 * their tickets or let them wait), dismiss, close. Sending to many people is confirmed first.
 */
import { type FormEvent, useCallback, useState } from 'react';
import { type Api, ApiError, type Incident, type IncidentAfterwards, type IncidentDetail } from '../api.ts';
import { useConsole } from '../context.ts';
import { CATEGORY_LABEL, wib } from '../format.ts';
import { href } from '../route.ts';
import { Banner, Dialog, Loading, Unavailable, usePolling } from '../ui.tsx';

const INCIDENT_STATUS: Record<Incident['status'], string> = {
  proposed: 'Diusulkan',
  accepted: 'Diterima',
  dismissed: 'Diabaikan',
  closed: 'Ditutup',
  expired: 'Kedaluwarsa',
};

const AFTERWARDS: Record<IncidentAfterwards, string> = {
  resolve: 'Selesaikan tiketnya',
  wait: 'Tunggu jawaban peserta',
};

const failure = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The incidents, polled; each with its decisions. */
export function Incidents() {
  const { api } = useConsole();
  const [items, setItems] = useState<Incident[] | null>(null);
  const [state, setState] = useState<'ok' | 'unavailable' | { error: string }>('ok');
  const load = useCallback(() => {
    api
      .incidents()
      .then((list) => {
        setItems(list);
        setState('ok');
      })
      .catch((err) =>
        setState(err instanceof ApiError && err.kind === 'NotAvailable' ? 'unavailable' : { error: failure(err) }),
      );
  }, [api]);
  usePolling(load, 15_000, [load]);

  if (state === 'unavailable') return <Unavailable what="Insiden lonjakan" />;
  return (
    <>
      {typeof state === 'object' ? <Banner kind="error">{`Insiden: ${state.error}`}</Banner> : null}
      {items === null ? (
        <Loading what="insiden" />
      ) : items.length === 0 ? (
        <p className="muted">Tidak ada lonjakan pengaduan.</p>
      ) : (
        items.map((i) => <IncidentCard key={i.id} incident={i} api={api} onChange={load} />)
      )}
    </>
  );
}

function IncidentCard(props: { incident: Incident; api: Api; onChange: () => void }) {
  const { notify } = useConsole();
  const i = props.incident;
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `incident-${i.id}`;
  const terms = i.topTerms.join(', ');

  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (!next) return;
    try {
      setDetail(await props.api.incident(i.id));
    } catch (err) {
      setError(failure(err));
    }
  };

  const act = async (what: string, fn: () => Promise<Incident>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      notify(`Insiden ${i.id} ${what}.`);
      props.onChange();
    } catch (err) {
      setError(`Gagal: ${failure(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article aria-labelledby={headingId} className="card incident">
      <h3 id={headingId}>
        {i.id}: {terms}
      </h3>
      <p>
        <strong>{INCIDENT_STATUS[i.status]}</strong> · {CATEGORY_LABEL[i.category] ?? i.category} · {i.participants}{' '}
        peserta, {i.tickets} tiket · {wib(i.firstTicketAt)} s.d. {wib(i.lastTicketAt)}
      </p>
      <p className="muted small">
        Alasan: «{i.evidence.seed}» ditulis {i.evidence.observed} peserta dalam {i.evidence.windowMinutes} menit
        (biasanya {i.evidence.expected.toFixed(1)}).
      </p>
      {i.answer ? (
        <blockquote className="msg-text">
          {i.answer.reply}
          <footer className="muted small">
            {AFTERWARDS[i.answer.afterwards]} · oleh {i.decidedBy ?? '—'} · {i.decidedAt ? wib(i.decidedAt) : ''}
          </footer>
        </blockquote>
      ) : null}
      {error ? <Banner kind="error">{error}</Banner> : null}
      <div className="actions">
        <button type="button" aria-expanded={open} onClick={() => void toggle()}>
          {open ? 'Sembunyikan rincian' : 'Rincian'}
        </button>
        {i.status === 'proposed' ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act('diabaikan', () => props.api.dismissIncident(i.id))}
          >
            Abaikan
          </button>
        ) : null}
        {i.status === 'accepted' ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act('ditutup', () => props.api.closeIncident(i.id))}
          >
            Tutup insiden
          </button>
        ) : null}
      </div>
      {open ? <IncidentDetails id={i.id} detail={detail} api={props.api} /> : null}
      {i.status === 'proposed' ? (
        <AnswerForm
          incident={i}
          busy={busy}
          onAccept={(reply, afterwards) =>
            act('diterima; jawaban dikirim ke semua pesertanya', () =>
              props.api.acceptIncident(i.id, reply, afterwards),
            )
          }
        />
      ) : null}
    </article>
  );
}

function IncidentDetails(props: { id: string; detail: IncidentDetail | null; api: Api }) {
  const [tickets, setTickets] = useState<Awaited<ReturnType<Api['incidentTickets']>> | null>(null);
  const load = useCallback(() => {
    props.api
      .incidentTickets(props.id)
      .then(setTickets)
      .catch(() => setTickets([]));
  }, [props.api, props.id]);
  usePolling(load, 15_000, [load]);
  const d = props.detail;
  if (!d || !tickets) return <Loading what="rincian insiden" />;
  const answered = tickets.filter((t) => t.answeredAt).length;
  return (
    <div className="incident-detail">
      <h4>Contoh pengaduan (disamarkan)</h4>
      <ul>
        {d.examples.map((e) => (
          <li key={e.ref}>
            <a href={href.ticket(e.ref)}>{e.ref}</a> <strong>{e.subject}</strong>: {e.excerpt}
          </li>
        ))}
      </ul>
      <h4>Tiket per waktu</h4>
      <p className="small">{d.timeline.map((t) => `${wib(t.at)}: ${t.tickets}`).join(' · ')}</p>
      <h4>Tiket yang tercakup</h4>
      <p className="small">
        {tickets.length} tiket, {answered} sudah dijawab.
      </p>
      <p className="small">
        {tickets.map((t) => (
          <a key={t.ref} href={href.ticket(t.ref)} className="ref-chip">
            {t.ref}
          </a>
        ))}
      </p>
    </div>
  );
}

function AnswerForm(props: {
  incident: Incident;
  busy: boolean;
  onAccept: (reply: string, afterwards: IncidentAfterwards) => Promise<void>;
}) {
  const i = props.incident;
  const [reply, setReply] = useState('');
  const [afterwards, setAfterwards] = useState<IncidentAfterwards>('resolve');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reply.trim()) return setError('Tulis jawabannya dulu.');
    setError(null);
    setConfirming(true);
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={`Jawab ${i.id}`}>
      <label className="field">
        <span>Jawaban untuk semua peserta</span>
        <textarea rows={5} value={reply} onChange={(e) => setReply(e.target.value)} />
      </label>
      <fieldset className="checks">
        <legend>Setelah jawaban terkirim</legend>
        {(Object.keys(AFTERWARDS) as IncidentAfterwards[]).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name={`afterwards-${i.id}`}
              checked={afterwards === k}
              onChange={() => setAfterwards(k)}
            />{' '}
            {AFTERWARDS[k]}
          </label>
        ))}
      </fieldset>
      {error ? <Banner kind="error">{error}</Banner> : null}
      <button type="submit" className="primary" disabled={props.busy}>
        Terima dan kirim jawaban
      </button>
      <Dialog open={confirming} title="Kirim jawaban ke semua peserta?" onClose={() => setConfirming(false)}>
        <p>
          Jawaban dikirim sekali ke setiap peserta insiden {i.id} (saat ini {i.participants} peserta) dan ke peserta
          yang menulis tentang hal yang sama nanti, sampai insiden ditutup. {AFTERWARDS[afterwards]}.
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setConfirming(false);
              void props.onAccept(reply.trim(), afterwards);
            }}
          >
            Kirim
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Batal
          </button>
        </div>
      </Dialog>
    </form>
  );
}
