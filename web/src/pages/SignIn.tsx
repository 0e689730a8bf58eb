/** Sign-in: the local stack's development sign-in, or the button to Cognito managed login. */
import { type FormEvent, useId, useState } from 'react';
import { ApiError, CATEGORIES, type Category, localSignIn } from '../api.ts';
import { CATEGORY_LABEL } from '../format.ts';
import { Banner } from '../ui.tsx';

const REMEMBER = 'prk.signin';

interface Remembered {
  agent: string;
  queues: Category[];
  supervisor: boolean;
}

function remembered(): Remembered {
  try {
    const r = JSON.parse(localStorage.getItem(REMEMBER) ?? 'null') as Remembered | null;
    if (r && typeof r.agent === 'string' && Array.isArray(r.queues)) return r;
  } catch {
    // ignore a damaged entry
  }
  return { agent: '', queues: [...CATEGORIES], supervisor: false };
}

export function LocalSignIn(props: { baseUrl: string; notice?: string; onToken: (token: string) => void }) {
  const initial = remembered();
  const [agent, setAgent] = useState(initial.agent);
  const [queues, setQueues] = useState<Category[]>(initial.queues);
  const [supervisor, setSupervisor] = useState(initial.supervisor);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = agent.trim();
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
      setError('Nama petugas: 1–64 huruf, angka, titik, garis bawah atau tanda hubung, tanpa spasi.');
      return;
    }
    if (queues.length === 0 && !supervisor) {
      setError('Pilih minimal satu antrian, atau masuk sebagai supervisor.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const token = await localSignIn(props.baseUrl, { agent: name, queues, supervisor });
      localStorage.setItem(REMEMBER, JSON.stringify({ agent: name, queues, supervisor }));
      props.onToken(token);
    } catch (err) {
      setError(err instanceof ApiError ? `Gagal masuk: ${err.message}` : 'Gagal masuk.');
      setBusy(false);
    }
  };

  const toggle = (c: Category) => setQueues((q) => (q.includes(c) ? q.filter((x) => x !== c) : [...q, c]));

  return (
    <main className="signin">
      <h1>Konsol Pengaduan Prakerja</h1>
      <p className="muted">Masuk lokal (pengembangan): token dibuat oleh server lokal, tanpa kata sandi.</p>
      {props.notice ? <Banner kind="info">{props.notice}</Banner> : null}
      {error ? <Banner kind="error">{error}</Banner> : null}
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span>Nama petugas</span>
          <input
            name="agent"
            autoComplete="username"
            value={agent}
            onChange={(e) => setAgent(e.target.value)}
            required
            aria-describedby={hintId}
          />
        </label>
        <small id={hintId} className="muted">
          Contoh: ani.w (tanpa spasi)
        </small>
        <fieldset className="checks">
          <legend>Antrian</legend>
          {CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" checked={queues.includes(c)} onChange={() => toggle(c)} /> {CATEGORY_LABEL[c]}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" checked={supervisor} onChange={(e) => setSupervisor(e.target.checked)} /> Supervisor
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Masuk
        </button>
      </form>
    </main>
  );
}

export function CognitoSignIn(props: { notice?: string; onSignIn: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <main className="signin">
      <h1>Konsol Pengaduan Prakerja</h1>
      {props.notice ? <Banner kind="info">{props.notice}</Banner> : null}
      <p>Masuk dengan akun petugas Anda (kata sandi dan kode autentikator).</p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void props.onSignIn().catch(() => setBusy(false));
        }}
      >
        Masuk
      </button>
    </main>
  );
}
