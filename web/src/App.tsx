/** The signed-in console: header and navigation, pages by route, play mode, shortcuts and help. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Api, ApiError, type CannedResponse, type Me, type Ticket } from './api.ts';
import { Console, type ConsoleContext } from './context.ts';
import { CannedPage } from './pages/CannedPage.tsx';
import { QueuesPage } from './pages/QueuesPage.tsx';
import { SupervisorPage } from './pages/SupervisorPage.tsx';
import { Workspace } from './pages/Workspace.tsx';
import { go, href, useRoute } from './route.ts';
import { Dialog, useKeys } from './ui.tsx';

export const SHORTCUTS: [string, string][] = [
  ['n', 'Ambil tiket berikutnya'],
  ['r', 'Ke kotak Balasan'],
  ['Ctrl + Enter', 'Kirim & selesaikan (di kotak Balasan)'],
  ['/', 'Cari template balasan (di kotak Balasan, di awal baris atau setelah spasi)'],
  ['c', 'Ke catatan internal'],
  ['p', 'Perpanjang waktu tiket'],
  ['l', 'Lepaskan tiket (dengan alasan)'],
  ['a', 'Ke halaman antrian'],
  ['Esc', 'Keluar dari kotak teks / tutup dialog'],
  ['?', 'Daftar pintasan ini'],
];

export function App(props: { api: Api; me: Me; onSignOut: () => void }) {
  const { api, me } = props;
  const route = useRoute();
  const [notice, setNotice] = useState('');
  const [nextBusy, setNextBusy] = useState(false);
  const [claimed, setClaimed] = useState<Ticket | null>(null);
  const [canned, setCanned] = useState<readonly CannedResponse[] | null>(null);
  const [cannedError, setCannedError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const notify = useCallback((text: string) => {
    setNotice(text);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(''), 8000);
  }, []);

  const reloadCanned = useCallback(() => {
    api
      .cannedResponses()
      .then((items) => {
        setCanned(items);
        setCannedError(null);
      })
      .catch((err) => {
        setCanned((c) => c ?? []);
        setCannedError(err instanceof ApiError ? err.message : 'tidak dapat dimuat');
      });
  }, [api]);
  useEffect(reloadCanned, [reloadCanned]);

  const getNext = useCallback(async () => {
    if (nextBusy) return;
    setNextBusy(true);
    // User Timing marks: bench/console.ts measures "get next" to a rendered ticket with them.
    performance.mark('prk:next');
    try {
      const ticket = await api.next();
      if (ticket) {
        setClaimed(ticket);
        go(href.ticket(ticket.ref));
      } else {
        go(href.queues);
        notify('Tidak ada tiket siap di antrian Anda.');
      }
    } catch (err) {
      notify(err instanceof ApiError ? `Gagal mengambil tiket: ${err.message}` : 'Gagal mengambil tiket.');
    } finally {
      setNextBusy(false);
    }
  }, [api, nextBusy, notify]);

  useKeys({
    '?': () => setHelp(true),
    a: () => go(href.queues),
  });

  const ctx: ConsoleContext = useMemo(
    () => ({
      api,
      me,
      notify,
      getNext,
      nextBusy,
      claimed,
      canned,
      cannedError,
      reloadCanned,
      openHelp: () => setHelp(true),
    }),
    [api, me, notify, getNext, nextBusy, claimed, canned, cannedError, reloadCanned],
  );

  const current = route.page;
  const nav = (to: string, label: string, page: string) => (
    <a href={to} aria-current={current === page ? 'page' : undefined}>
      {label}
    </a>
  );

  return (
    <Console.Provider value={ctx}>
      <button type="button" className="skip" onClick={() => document.getElementById('konten')?.focus()}>
        Langsung ke isi
      </button>
      <header className="topbar">
        <span className="brand">Pengaduan Prakerja</span>
        <nav aria-label="Menu utama">
          {nav(href.queues, 'Antrian', 'queues')}
          {me.supervisor ? nav(href.supervisor, 'Supervisor', 'supervisor') : null}
          {nav(href.canned, 'Template balasan', 'canned')}
        </nav>
        <span className="who">
          {me.agent}
          {me.supervisor ? ' (supervisor)' : ''}
        </span>
        <button type="button" className="link" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          Pintasan <kbd>?</kbd>
        </button>
        <button type="button" className="link" onClick={props.onSignOut}>
          Keluar
        </button>
      </header>
      <div className="notice" role="status" aria-live="polite">
        {notice}
      </div>
      <main id="konten" className="content" tabIndex={-1}>
        {route.page === 'queues' ? <QueuesPage /> : null}
        {route.page === 'ticket' ? <Workspace key={route.ref} ticketRef={route.ref} /> : null}
        {route.page === 'supervisor' ? <SupervisorPage /> : null}
        {route.page === 'canned' ? <CannedPage /> : null}
      </main>
      <Dialog open={help} title="Pintasan keyboard" onClose={() => setHelp(false)}>
        <table className="keys">
          <thead>
            <tr>
              <th scope="col">Tombol</th>
              <th scope="col">Fungsi</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Pintasan satu huruf berlaku saat kursor tidak berada di kotak teks.</p>
        <form method="dialog">
          <button type="submit">Tutup</button>
        </form>
      </Dialog>
    </Console.Provider>
  );
}
