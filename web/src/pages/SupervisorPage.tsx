/**
 * Supervisors: surge incidents to decide on, the queues with overdue counts, who holds what and since when, the overdue list,
 * search by reference / card / phone / email, mail set aside by triage, and the CSAT report.
 * Parts whose API is not built yet (unverified senders, dead letters) say so and leave the
 * rest working.
 */
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import {
  type Api,
  ApiError,
  type Claim,
  type CsatFigures,
  type CsatReport,
  type SetAsideKind,
  type SetAsideMail,
  type TicketSummary,
} from '../api.ts';
import { Incidents } from '../components/Incidents.tsx';
import { useConsole } from '../context.ts';
import { CATEGORY_LABEL, STATUS_LABEL, wib } from '../format.ts';
import { go, href } from '../route.ts';
import { Banner, Loading, Unavailable, usePolling } from '../ui.tsx';
import { QueuesTable, useQueues } from './QueuesPage.tsx';

type Load<T> =
  | { state: 'loading' }
  | { state: 'ok'; value: T }
  | { state: 'unavailable' }
  | { state: 'error'; message: string };

const REF = /^PRK-[0-9A-HJKMNP-TV-Z]{8}$/i;

function useLoad<T>(fn: () => Promise<T>, deps: readonly unknown[], pollMs?: number): Load<T> {
  const [s, setS] = useState<Load<T>>({ state: 'loading' });
  const load = useCallback(() => {
    fn()
      .then((value) => setS({ state: 'ok', value }))
      .catch((err) =>
        setS(
          err instanceof ApiError && err.kind === 'NotAvailable'
            ? { state: 'unavailable' }
            : { state: 'error', message: err instanceof Error ? err.message : String(err) },
        ),
      );
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what reloads
  }, deps);
  usePolling(load, pollMs ?? 3_600_000, [load]);
  return s;
}

function show<T>(s: Load<T>, what: string, render: (v: T) => ReactNode) {
  if (s.state === 'loading') return <Loading what={what} />;
  if (s.state === 'unavailable') return <Unavailable what={what[0]?.toUpperCase() + what.slice(1)} />;
  if (s.state === 'error') return <Banner kind="error">{`${what}: ${s.message}`}</Banner>;
  return render(s.value);
}

function Summaries(props: { items: readonly TicketSummary[]; empty: string }) {
  if (props.items.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Tiket</th>
          <th scope="col">Kategori</th>
          <th scope="col">Status</th>
          <th scope="col">Tenggat</th>
          <th scope="col">Dipegang</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((t) => (
          <tr key={t.ref}>
            <td>
              <a href={href.ticket(t.ref)}>{t.ref}</a>
            </td>
            <td>{CATEGORY_LABEL[t.category] ?? t.category}</td>
            <td>{STATUS_LABEL[t.status] ?? t.status}</td>
            <td>{wib(t.dueAt)}</td>
            <td>{t.claimedBy ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SupervisorPage() {
  const { api, me } = useConsole();
  const { queues, error } = useQueues();
  const claims = useLoad(() => api.supervisorClaims(), [api], 15_000);
  const overdue = useLoad(() => api.supervisorOverdue(), [api], 30_000);

  if (!me.supervisor) return <Banner kind="error">Halaman ini khusus supervisor.</Banner>;

  return (
    <div className="page supervisor">
      <h1>Supervisor</h1>
      <section aria-labelledby="incidents-h" className="card">
        <h2 id="incidents-h">Lonjakan pengaduan</h2>
        <Incidents />
      </section>
      <div className="grid2">
        <section aria-labelledby="sq-h" className="card">
          <h2 id="sq-h">Antrian</h2>
          {error ? <Banner kind="error">{error}</Banner> : null}
          {queues ? <QueuesTable queues={queues} caption="Semua antrian" /> : <Loading what="antrian" />}
        </section>
        <section aria-labelledby="search-h" className="card">
          <h2 id="search-h">Cari tiket</h2>
          <Search api={api} />
        </section>
        <section aria-labelledby="claims-h" className="card">
          <h2 id="claims-h">Siapa memegang apa</h2>
          {show(claims, 'daftar tiket yang dipegang', (items: Claim[]) =>
            items.length === 0 ? (
              <p className="muted">Tidak ada tiket yang sedang dipegang.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Petugas</th>
                    <th scope="col">Tiket</th>
                    <th scope="col">Kategori</th>
                    <th scope="col">Sejak</th>
                    <th scope="col">Waktu habis</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.ref}>
                      <td>{c.claimedBy}</td>
                      <td>
                        <a href={href.ticket(c.ref)}>{c.ref}</a>
                      </td>
                      <td>{CATEGORY_LABEL[c.category] ?? c.category}</td>
                      <td>{wib(c.since)}</td>
                      <td>{wib(c.leaseExpiresAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ),
          )}
        </section>
        <section aria-labelledby="overdue-h" className="card">
          <h2 id="overdue-h">Lewat tenggat</h2>
          {show(overdue, 'daftar lewat tenggat', (items: TicketSummary[]) => (
            <Summaries items={items} empty="Tidak ada tiket lewat tenggat." />
          ))}
        </section>
      </div>
      <section aria-labelledby="aside-h" className="card">
        <h2 id="aside-h">Email yang disisihkan</h2>
        <SetAside api={api} />
      </section>
      <section aria-labelledby="csat-h" className="card">
        <h2 id="csat-h">Laporan kepuasan (CSAT)</h2>
        <Csat api={api} />
      </section>
    </div>
  );
}

function Search(props: { api: Api }) {
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Load<TicketSummary[]> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    if (!query) return;
    setResult({ state: 'loading' });
    try {
      const items = await props.api.search(query);
      // A ticket reference that names a ticket opens it.
      const only = items.length === 1 ? items[0] : undefined;
      if (only && REF.test(query) && only.ref === query.toUpperCase()) return go(href.ticket(only.ref));
      setResult({ state: 'ok', value: items });
    } catch (err) {
      setResult({ state: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <>
      <form onSubmit={submit} className="inline-form">
        <label className="field">
          <span>Nomor tiket, kartu, HP atau email</span>
          <input value={q} onChange={(e) => setQ(e.target.value)} type="search" />
        </label>
        <button type="submit">Cari</button>
      </form>
      {result
        ? show(result, 'hasil pencarian', (items: TicketSummary[]) => (
            <Summaries items={items} empty="Tidak ditemukan." />
          ))
        : null}
    </>
  );
}

const ASIDE: { kind: SetAsideKind | 'dead-letters'; label: string }[] = [
  { kind: 'automated', label: 'Otomatis' },
  { kind: 'parse_failed', label: 'Tidak terbaca' },
  { kind: 'unverified', label: 'Pengirim tak terverifikasi' },
  { kind: 'quarantined', label: 'Karantina (virus)' },
  { kind: 'dead-letters', label: 'Gagal diproses (DLQ)' },
];

function SetAside(props: { api: Api }) {
  const [tab, setTab] = useState<SetAsideKind | 'dead-letters'>('automated');
  const [s, setS] = useState<Load<SetAsideMail[]>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setS({ state: 'loading' });
    (tab === 'dead-letters' ? props.api.deadLetters() : props.api.setAside(tab))
      .then((value) => live && setS({ state: 'ok', value }))
      .catch((err) => {
        if (!live) return;
        // Today's /ops/{outcome} answers 400 for outcomes it does not know yet: not built, either way.
        const missing = err instanceof ApiError && (err.kind === 'NotAvailable' || err.kind === 'BadRequest');
        setS(missing ? { state: 'unavailable' } : { state: 'error', message: String(err.message ?? err) });
      });
    return () => {
      live = false;
    };
  }, [props.api, tab]);
  const label = ASIDE.find((a) => a.kind === tab)?.label ?? tab;
  return (
    <>
      <fieldset className="tabs">
        <legend className="sr-only">Jenis email</legend>
        {ASIDE.map((a) => (
          <button key={a.kind} type="button" aria-pressed={tab === a.kind} onClick={() => setTab(a.kind)}>
            {a.label}
          </button>
        ))}
      </fieldset>
      {show(s, `daftar ${label.toLowerCase()}`, (items: SetAsideMail[]) =>
        items.length === 0 ? (
          <p className="muted">Kosong.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Diterima</th>
                <th scope="col">Pengirim</th>
                <th scope="col">Subjek</th>
                <th scope="col">Alasan</th>
                <th scope="col">Email asli</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.inboundId}>
                  <td>{wib(m.receivedAt)}</td>
                  <td>{m.sender ?? '—'}</td>
                  <td>{m.subject ?? '—'}</td>
                  <td>{m.reason ?? '—'}</td>
                  <td className="small">
                    <code>{m.rawKey ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </>
  );
}

/** Today's date in WIB (YYYY-MM-DD), `daysBack` days earlier: the report's days are WIB days. */
function wibDate(now: number, daysBack = 0): string {
  return new Date(now + 7 * 3_600_000 - daysBack * 86_400_000).toISOString().slice(0, 10);
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('id-ID')}%`);

function CsatTable(props: { caption: string; head: string; rows: { key: string; label: string; f: CsatFigures }[] }) {
  if (props.rows.length === 0) return null;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col">CSAT</th>
          <th scope="col">Tingkat respons</th>
          <th scope="col">Dijawab / dikirim</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{pct(r.f.csatPercent)}</td>
            <td>{pct(r.f.responseRatePercent)}</td>
            <td>
              {r.f.answered} / {r.f.sent}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Csat(props: { api: Api }) {
  const [period, setPeriod] = useState(() => ({ from: wibDate(Date.now(), 6), to: wibDate(Date.now()) }));
  const [draft, setDraft] = useState(period);
  const s = useLoad<CsatReport>(() => props.api.csat(period.from, period.to), [props.api, period.from, period.to]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(draft);
  };
  return (
    <>
      <form onSubmit={submit} className="inline-form">
        <label className="field">
          <span>Dari (WIB)</span>
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="field">
          <span>Sampai (WIB)</span>
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">Tampilkan</button>
      </form>
      {show(s, 'laporan CSAT', (r) => (
        <>
          <dl className="fields" aria-label="Ringkasan CSAT">
            <div className="field-row">
              <dt>CSAT (nilai 4-5)</dt>
              <dd data-csat="total">{pct(r.total.csatPercent)}</dd>
            </div>
            <div className="field-row">
              <dt>Tingkat respons</dt>
              <dd data-csat="response-rate">{pct(r.total.responseRatePercent)}</dd>
            </div>
            <div className="field-row">
              <dt>Survei dijawab / dikirim</dt>
              <dd>
                {r.total.answered} / {r.total.sent}
              </dd>
            </div>
            <div className="field-row">
              <dt>Sebaran nilai 1-5</dt>
              <dd>{(['1', '2', '3', '4', '5'] as const).map((k) => `${k}: ${r.total.ratings[k]}`).join(' · ')}</dd>
            </div>
          </dl>
          {r.total.sent === 0 ? <p className="muted">Belum ada survei pada periode ini.</p> : null}
          <CsatTable
            caption="Per kategori"
            head="Kategori"
            rows={r.byCategory.map((c) => ({ key: c.category, label: CATEGORY_LABEL[c.category] ?? c.category, f: c }))}
          />
          <CsatTable
            caption="Per petugas (yang menyelesaikan)"
            head="Petugas"
            rows={r.byAgent.map((a) => ({ key: a.agent, label: a.agent, f: a }))}
          />
          <CsatTable
            caption="Per hari (WIB)"
            head="Tanggal"
            rows={r.byDay.map((d) => ({ key: d.day, label: d.day, f: d }))}
          />
        </>
      ))}
    </>
  );
}
