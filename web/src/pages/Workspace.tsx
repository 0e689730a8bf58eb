/**
 * The ticket workspace: read the participant's mail and fields, answer, resolve, and go straight
 * on to the next ticket (play mode). Everything typed is kept per ticket in the browser, so an
 * API error (lease lost, ticket changed by someone else) loses nothing.
 */
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, CATEGORIES, type Category, type FieldCorrection, type TicketDetail } from '../api.ts';
import { ParticipantPanel } from '../components/ParticipantPanel.tsx';
import { ReplyBox } from '../components/ReplyBox.tsx';
import { Thread } from '../components/Thread.tsx';
import { History, RelatedTickets, ServiceLevel } from '../components/TicketSide.tsx';
import { useConsole } from '../context.ts';
import { clearDraft, loadDraft, saveDraft } from '../drafts.ts';
import { CATEGORY_LABEL, PRIORITY_LABEL, STATUS_LABEL, wib, wibTime } from '../format.ts';
import { unfilledPlaceholders } from '../placeholders.ts';
import { go, href } from '../route.ts';
import { Banner, Dialog, Loading, useKeys } from '../ui.tsx';

const RELEASE_REASONS = [
  'Butuh keahlian atau akses lain',
  'Menunggu informasi dari tim lain',
  'Jam kerja saya selesai',
  'Lainnya',
];

type BannerState = { kind: 'error' | 'warning' | 'info'; text: string; reload?: boolean } | null;

export function Workspace(props: { ticketRef: string }) {
  const ref = props.ticketRef;
  const { api, me, notify, getNext, claimed, canned } = useConsole();
  // Per agent and ticket: agents sharing a browser never see each other's drafts.
  const draftKey = `${me.agent}/${ref}`;
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [banner, setBanner] = useState<BannerState>(null);
  const [reply, setReply] = useState(() => loadDraft(localStorage, draftKey)?.reply ?? '');
  const [note, setNote] = useState(() => loadDraft(localStorage, draftKey)?.note ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [releaseOpen, setReleaseOpen] = useState(false);
  const [moveTo, setMoveTo] = useState<Category | ''>('');
  const [moveReason, setMoveReason] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const restoredDraft = useRef(Boolean(loadDraft(localStorage, draftKey)?.reply));

  useEffect(() => saveDraft(localStorage, draftKey, { reply, note }, new Date()), [draftKey, reply, note]);

  const load = useCallback(async () => {
    try {
      setDetail(await api.ticket(ref));
      setLoadError(null);
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError('Server', String(err), 0));
    }
  }, [api, ref]);

  useEffect(() => {
    void load();
    heading.current?.focus();
  }, [load]);

  useEffect(() => {
    if (detail) requestAnimationFrame(() => performance.mark('prk:ticket-rendered'));
  }, [detail]);

  const ticket = detail?.ticket ?? (claimed?.ref === ref ? claimed : null);
  const held = ticket?.status === 'claimed' && ticket.claimedBy === me.agent;
  const mayAct = Boolean(ticket && ticket.status === 'claimed' && (held || me.supervisor));
  const mayMove = Boolean(
    ticket &&
      ['ready', 'waiting_participant', 'claimed'].includes(ticket.status) &&
      (held || me.supervisor || ticket.status !== 'claimed'),
  );

  /** Shows an API failure as a banner; the text typed stays where it is (and in the draft). */
  const fail = (err: unknown, what: string) => {
    if (!(err instanceof ApiError)) return setBanner({ kind: 'error', text: `${what} gagal.` });
    switch (err.kind) {
      case 'Conflict':
        return setBanner({
          kind: 'error',
          reload: true,
          text: `${what} ditolak: tiket ini sudah tidak Anda pegang (waktu habis atau diambil/diubah petugas lain). Teks Anda tetap tersimpan sebagai draf.`,
        });
      case 'NotAvailable':
        return setBanner({ kind: 'info', text: `${what}: belum tersedia di server. Teks Anda tetap tersimpan.` });
      case 'Network':
        return setBanner({
          kind: 'error',
          text: `${what} gagal: tidak terhubung ke server. Teks Anda tersimpan; coba lagi.`,
        });
      case 'BadRequest':
        return setBanner({ kind: 'error', text: `${what} ditolak: ${err.message}` });
      case 'Forbidden':
        return setBanner({ kind: 'error', text: `${what}: Anda tidak berhak atas antrian tiket ini.` });
      default:
        return setBanner({ kind: 'error', text: `${what} gagal: ${err.message}` });
    }
  };

  const run = async (name: string, what: string, fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(name);
    setBanner(null);
    try {
      await fn();
    } catch (err) {
      fail(err, what);
    } finally {
      setBusy(null);
    }
  };

  const replyReady = (): string | null => {
    const text = reply.trim();
    if (!text) {
      setBanner({ kind: 'error', text: 'Balasan masih kosong.' });
      replyBox.current?.focus();
      return null;
    }
    const unfilled = unfilledPlaceholders(text);
    if (unfilled.length) {
      setBanner({ kind: 'error', text: `Isi dulu bagian yang ditandai: ${unfilled.join(', ')}.` });
      replyBox.current?.focus();
      return null;
    }
    return text;
  };

  const sendAndResolve = () => {
    if (!mayAct) return;
    const text = replyReady();
    if (!text) return;
    void run('resolve', 'Kirim & selesaikan', async () => {
      await api.resolve(ref, text);
      clearDraft(localStorage, draftKey, 'reply');
      setReply('');
      const done = `Balasan terkirim; ${ref} selesai.`;
      notify(done);
      await getNext(done);
    });
  };

  const ask = () => {
    if (!mayAct) return;
    const text = replyReady();
    if (!text) return;
    void run('ask', 'Tanya peserta', async () => {
      await api.ask(ref, text);
      clearDraft(localStorage, draftKey, 'reply');
      setReply('');
      const done = `Pertanyaan terkirim; ${ref} menunggu jawaban peserta.`;
      notify(done);
      await getNext(done);
    });
  };

  const extend = () =>
    void run('extend', 'Perpanjang', async () => {
      const t = await api.extend(ref);
      setDetail((d) => (d ? { ...d, ticket: { ...d.ticket, ...t } } : d));
      notify(`Waktu diperpanjang sampai ${t.leaseExpiresAt ? wibTime(t.leaseExpiresAt) : '—'}.`);
    });

  const release = (reason: string) =>
    void run('release', 'Lepaskan', async () => {
      await api.release(ref, reason);
      setReleaseOpen(false);
      notify(`${ref} dilepaskan kembali ke antrian.`);
      go(href.queues);
    });

  const addNote = (e: FormEvent) => {
    e.preventDefault();
    const text = note.trim();
    if (!text) return;
    void run('note', 'Simpan catatan', async () => {
      await api.note(ref, text);
      clearDraft(localStorage, draftKey, 'note');
      setNote('');
      notify('Catatan disimpan.');
      await load();
    });
  };

  const move = (e: FormEvent) => {
    e.preventDefault();
    if (!moveTo) return setBanner({ kind: 'error', text: 'Pilih kategori tujuan.' });
    if (!moveReason.trim()) return setBanner({ kind: 'error', text: 'Tulis alasan pemindahan.' });
    void run('move', 'Pindahkan', async () => {
      await api.reassign(ref, moveTo, moveReason.trim());
      notify(`${ref} dipindahkan ke ${CATEGORY_LABEL[moveTo]}.`);
      setMoveTo('');
      setMoveReason('');
      if (held) go(href.queues);
      else await load();
    });
  };

  const correct = async (change: FieldCorrection): Promise<boolean> => {
    let ok = false;
    await run('correct', 'Koreksi data', async () => {
      const t = await api.correctFields(ref, change);
      if (t) setDetail((d) => (d ? { ...d, ticket: { ...d.ticket, ...t } } : d));
      else await load();
      notify('Data peserta diperbarui.');
      ok = true;
    });
    return ok;
  };

  useKeys({
    r: () => replyBox.current?.focus(),
    c: () => noteBox.current?.focus(),
    p: mayAct ? extend : undefined,
    l: mayAct ? () => setReleaseOpen(true) : undefined,
    n: held ? undefined : () => void getNext(),
  });

  if (loadError && !detail) {
    return (
      <div className="page">
        <h1 ref={heading} tabIndex={-1}>
          {ref}
        </h1>
        <Banner kind="error">
          {loadError.kind === 'NotFound'
            ? 'Tiket tidak ditemukan.'
            : loadError.kind === 'Forbidden'
              ? 'Anda tidak berhak membuka antrian tiket ini.'
              : `Tiket tidak dapat dimuat: ${loadError.message}`}
        </Banner>
        <a href={href.queues}>Kembali ke antrian</a>
      </div>
    );
  }

  const t = ticket;
  const otherAddresses = detail
    ? [...new Set(detail.messages.map((m) => m.from?.toLowerCase()).filter((f): f is string => Boolean(f)))].filter(
        (f) => t?.replyTo && f !== t.replyTo.toLowerCase(),
      )
    : [];
  const failedChecks = detail ? detail.messages.some((m) => (m.flags ?? []).some((f) => f.endsWith('-fail'))) : false;

  return (
    <div className="workspace">
      <div className="ws-main">
        <div className="ws-head">
          <h1 ref={heading} tabIndex={-1}>
            {ref}
          </h1>
          {t ? (
            <>
              <span className="badge">{CATEGORY_LABEL[t.category]}</span>
              <span className={`badge prio-${t.priority}`}>Prioritas {PRIORITY_LABEL[t.priority]}</span>
              <span className="badge">{STATUS_LABEL[t.status]}</span>
              {t.overdue ? <span className="badge badge-overdue">Lewat tenggat</span> : null}
            </>
          ) : null}
        </div>
        {banner ? (
          <Banner
            kind={banner.kind}
            actions={
              banner.reload ? (
                <>
                  <button type="button" onClick={() => void load().then(() => setBanner(null))}>
                    Muat ulang tiket
                  </button>
                  <a href={href.queues}>Ke antrian</a>
                </>
              ) : (
                <button type="button" className="link" onClick={() => setBanner(null)}>
                  Tutup
                </button>
              )
            }
          >
            {banner.text}
          </Banner>
        ) : null}
        {restoredDraft.current && reply ? <p className="muted small">Draf balasan Anda dipulihkan.</p> : null}
        {t?.senderVerified === false ? (
          <Banner kind="warning">
            Pengirim belum terverifikasi: jangan ubah data peserta dan jangan kirim data pribadi sebelum dipastikan.
          </Banner>
        ) : null}
        {otherAddresses.length ? (
          <Banner kind="warning">
            Ada pesan dari alamat lain: {otherAddresses.join(', ')}. Pastikan itu peserta yang sama.
          </Banner>
        ) : null}
        {failedChecks ? (
          <Banner kind="warning">Pemeriksaan pengirim (SPF/DKIM/DMARC) gagal pada pesan yang ditandai.</Banner>
        ) : null}
        {t && !held && t.status === 'claimed' ? (
          <p className="muted">
            Tiket ini sedang dipegang {t.claimedBy}.{' '}
            {mayAct
              ? 'Sebagai supervisor Anda dapat membalas, melepas atau memindahkannya.'
              : 'Anda hanya dapat membaca, mencatat dan memindahkan.'}
          </p>
        ) : null}
        {t && t.status !== 'claimed' ? (
          <p className="muted">
            Tiket ini tidak sedang dikerjakan ({STATUS_LABEL[t.status]}): hanya dapat dibaca, dicatat dan dipindahkan.
          </p>
        ) : null}

        <section aria-labelledby="thread-h" className="card">
          <h2 id="thread-h">Percakapan</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
          <section className="thread-scroll" tabIndex={0} aria-label="Isi percakapan">
            {detail ? <Thread messages={detail.messages} replies={detail.replies} /> : <Loading what="pesan" />}
          </section>
        </section>

        {t ? (
          <section aria-labelledby="reply-h" className="card">
            <h2 id="reply-h">Jawab peserta</h2>
            <ReplyBox
              value={reply}
              onChange={setReply}
              textareaRef={replyBox}
              onSubmit={sendAndResolve}
              ticket={t}
              agent={me.agent}
              canned={canned}
            />
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={sendAndResolve}
                disabled={!mayAct || busy !== null}
                aria-keyshortcuts="Control+Enter"
              >
                Kirim &amp; selesaikan
              </button>
              <button type="button" onClick={ask} disabled={!mayAct || busy !== null}>
                Tanya peserta
              </button>
              <button
                type="button"
                onClick={() => setReleaseOpen(true)}
                disabled={!mayAct || busy !== null}
                aria-keyshortcuts="l"
              >
                Lepaskan
              </button>
              <span className="muted small">Tanya peserta: kirim teks Balasan, tiket menunggu jawaban.</span>
            </div>
          </section>
        ) : null}
      </div>

      <aside className="ws-side" aria-label="Rincian tiket">
        {detail && t ? (
          <>
            <section aria-labelledby="sla-h" className="card">
              <h2 id="sla-h">Tenggat &amp; waktu</h2>
              <ServiceLevel detail={detail} mayAct={mayAct} busy={busy !== null} onExtend={extend} />
            </section>
            <section aria-labelledby="fields-h" className="card">
              <h2 id="fields-h">Data peserta</h2>
              <ParticipantPanel
                ticket={t}
                messages={detail.messages}
                canCorrect={mayAct && t.senderVerified !== false}
                onCorrect={correct}
              />
            </section>
            <section aria-labelledby="related-h" className="card">
              <h2 id="related-h">Tiket lain peserta ini</h2>
              <RelatedTickets detail={detail} />
            </section>
            <section aria-labelledby="note-h" className="card">
              <h2 id="note-h">Catatan internal</h2>
              {detail.notes.length ? (
                <ul className="notes">
                  {detail.notes.map((n) => (
                    <li key={n.id}>
                      <span className="muted small">
                        {n.author} · {wib(n.at)}
                      </span>
                      <div className="msg-text">{n.text}</div>
                    </li>
                  ))}
                </ul>
              ) : null}
              <form onSubmit={addNote} className="stack">
                <label className="field">
                  <span>Catatan baru (tidak dikirim ke peserta)</span>
                  <textarea
                    ref={noteBox}
                    rows={2}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') e.currentTarget.blur();
                    }}
                    aria-keyshortcuts="c"
                  />
                </label>
                <button type="submit" disabled={busy !== null || !note.trim()}>
                  Simpan catatan
                </button>
              </form>
            </section>
            {mayMove ? (
              <section aria-labelledby="move-h" className="card">
                <h2 id="move-h">Pindahkan ke antrian lain</h2>
                <form onSubmit={move} className="stack">
                  <label className="field">
                    <span>Kategori tujuan</span>
                    <select value={moveTo} onChange={(e) => setMoveTo(e.target.value as Category | '')}>
                      <option value="">— pilih —</option>
                      {CATEGORIES.filter((c) => c !== t.category).map((c) => (
                        <option key={c} value={c}>
                          {CATEGORY_LABEL[c]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="field">
                    <span>Alasan pemindahan</span>
                    <input value={moveReason} onChange={(e) => setMoveReason(e.target.value)} />
                  </label>
                  <button type="submit" disabled={busy !== null}>
                    Pindahkan
                  </button>
                </form>
              </section>
            ) : null}
            <section aria-labelledby="history-h" className="card">
              <h2 id="history-h">Riwayat</h2>
              <History detail={detail} />
            </section>
          </>
        ) : null}
      </aside>

      <Dialog open={releaseOpen} title="Lepaskan tiket" onClose={() => setReleaseOpen(false)}>
        <ReleaseForm busy={busy !== null} onRelease={release} onCancel={() => setReleaseOpen(false)} />
      </Dialog>
    </div>
  );
}

function ReleaseForm(props: { busy: boolean; onRelease: (reason: string) => void; onCancel: () => void }) {
  const [choice, setChoice] = useState(RELEASE_REASONS[0] ?? '');
  const [more, setMore] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const reason = more.trim() ? `${choice}: ${more.trim()}` : choice;
    props.onRelease(reason);
  };
  return (
    <form onSubmit={submit} className="stack">
      <p>Tiket kembali ke depan antriannya untuk petugas lain. Draf Anda tetap tersimpan di peramban ini.</p>
      <fieldset className="checks">
        <legend>Alasan</legend>
        {RELEASE_REASONS.map((r) => (
          <label key={r}>
            <input type="radio" name="release-reason" checked={choice === r} onChange={() => setChoice(r)} /> {r}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Keterangan</span>
        <input value={more} onChange={(e) => setMore(e.target.value)} required={choice === 'Lainnya'} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy}>
          Lepaskan tiket
        </button>
        <button type="button" onClick={props.onCancel}>
          Batal
        </button>
      </div>
    </form>
  );
}
