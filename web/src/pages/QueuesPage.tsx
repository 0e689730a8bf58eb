/** The agent's queues: per category what is ready, claimed, waiting and overdue; "get next". */
import { useCallback, useState } from 'react';
import { ApiError, type QueueStats } from '../api.ts';
import { useConsole } from '../context.ts';
import { CATEGORY_LABEL, duration } from '../format.ts';
import { Banner, Loading, useKeys, usePolling } from '../ui.tsx';

const REFRESH_MS = 15_000;

export function QueuesTable(props: { queues: readonly QueueStats[]; caption: string }) {
  return (
    <table className="queues">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Kategori</th>
          <th scope="col" className="num">
            Siap
          </th>
          <th scope="col" className="num">
            Dikerjakan
          </th>
          <th scope="col" className="num">
            Menunggu peserta
          </th>
          <th scope="col" className="num">
            Lewat tenggat
          </th>
          <th scope="col" className="num">
            Tertua menunggu
          </th>
        </tr>
      </thead>
      <tbody>
        {props.queues.map((q) => (
          <tr key={q.category} className={q.overdue > 0 ? 'has-overdue' : undefined}>
            <th scope="row">{CATEGORY_LABEL[q.category]}</th>
            <td className="num">{q.ready}</td>
            <td className="num">{q.claimed}</td>
            <td className="num">{q.waitingParticipant}</td>
            <td className="num">{q.overdue > 0 ? <span className="badge badge-overdue">{q.overdue}</span> : 0}</td>
            <td className="num">{q.oldestReadyAgeSeconds === null ? '—' : duration(q.oldestReadyAgeSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function useQueues(): { queues: QueueStats[] | null; error: string | null; updatedAt: Date | null } {
  const { api } = useConsole();
  const [queues, setQueues] = useState<QueueStats[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const load = useCallback(() => {
    api
      .queues()
      .then((q) => {
        setQueues(q);
        setError(null);
        setUpdatedAt(new Date());
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : 'tidak dapat memuat antrian'));
  }, [api]);
  usePolling(load, REFRESH_MS, [load]);
  return { queues, error, updatedAt };
}

export function QueuesPage() {
  const { me, getNext, nextBusy } = useConsole();
  const { queues, error, updatedAt } = useQueues();
  useKeys({ n: () => void getNext() });
  const ready = queues?.reduce((n, q) => n + q.ready, 0) ?? 0;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Antrian</h1>
        <button
          type="button"
          className="primary big"
          onClick={() => void getNext()}
          disabled={nextBusy}
          aria-keyshortcuts="n"
        >
          Ambil tiket berikutnya
        </button>
        <span className="muted">
          <kbd>n</kbd> dari mana saja di halaman ini
        </span>
      </div>
      <p className="muted">
        {me.supervisor ? 'Semua antrian (supervisor).' : 'Antrian Anda.'} Tiket diambil berurutan: lewat tenggat dulu,
        lalu prioritas, lalu yang paling lama menunggu.
      </p>
      {error ? <Banner kind="error">Antrian tidak dapat dimuat: {error}</Banner> : null}
      {queues ? (
        <>
          <QueuesTable queues={queues} caption={`${ready} tiket siap dikerjakan`} />
          <p className="muted small">
            Diperbarui otomatis tiap 15 detik
            {updatedAt ? ` · terakhir ${updatedAt.toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' })} WIB` : ''}
          </p>
        </>
      ) : error ? null : (
        <Loading what="antrian" />
      )}
    </div>
  );
}
