/**
 * Start-up: read /config.json, sign in (local token issuer or Cognito managed login), ask the API
 * who is signed in (GET /me), then show the console.
 */
import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { type Api, ApiError, createApi, type Me } from './api.ts';
import type { CognitoSession } from './auth-cognito.ts';
import { type ConsoleConfig, parseConfig } from './config.ts';
import { pruneDrafts } from './drafts.ts';
import { CognitoSignIn, LocalSignIn } from './pages/SignIn.tsx';
import './styles.css';

const LOCAL_TOKEN = 'prk.token';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'signin'; notice?: string }
  | { kind: 'ready'; api: Api; me: Me };

function Root() {
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [cognito, setCognito] = useState<CognitoSession | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  const signedOut = useCallback((notice?: string) => {
    sessionStorage.removeItem(LOCAL_TOKEN);
    setPhase({ kind: 'signin', notice });
  }, []);

  const start = useCallback(
    async (cfg: ConsoleConfig, token: () => Promise<string | null>) => {
      const api = createApi({
        baseUrl: cfg.apiUrl,
        token,
        onUnauthorized: () => signedOut('Sesi Anda berakhir. Silakan masuk lagi.'),
      });
      let me: Me;
      try {
        me = await api.me();
      } catch (err) {
        if (err instanceof ApiError && err.kind === 'Unauthorized')
          return signedOut('Token tidak dikenali. Silakan masuk lagi.');
        throw err;
      }
      document.documentElement.dataset.agent = me.agent;
      setPhase({ kind: 'ready', api, me });
    },
    [signedOut],
  );

  useEffect(() => {
    pruneDrafts(localStorage, new Date());
    (async () => {
      const res = await fetch('/config.json', { cache: 'no-store' });
      if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
      const cfg = parseConfig(await res.json());
      setConfig(cfg);
      if (cfg.mode === 'local') {
        const token = sessionStorage.getItem(LOCAL_TOKEN);
        if (!token) return setPhase({ kind: 'signin' });
        return start(cfg, async () => sessionStorage.getItem(LOCAL_TOKEN));
      }
      const { cognitoSession } = await import('./auth-cognito.ts');
      const session = cognitoSession(cfg, window.location);
      setCognito(session);
      if (!(await session.restore())) return setPhase({ kind: 'signin' });
      return start(cfg, () => session.token());
    })().catch((err: Error) => setPhase({ kind: 'failed', message: err.message }));
  }, [start]);

  const signOut = useMemo(
    () => () => {
      sessionStorage.removeItem(LOCAL_TOKEN);
      if (cognito) void cognito.signOut();
      else setPhase({ kind: 'signin', notice: 'Anda sudah keluar.' });
    },
    [cognito],
  );

  if (phase.kind === 'loading') return <p className="loading">Memuat konsol…</p>;
  if (phase.kind === 'failed')
    return (
      <main className="signin">
        <h1>Konsol tidak dapat dimuat</h1>
        <p role="alert">{phase.message}</p>
      </main>
    );
  if (phase.kind === 'signin' || !config) {
    if (config?.mode === 'cognito' && cognito)
      return (
        <CognitoSignIn notice={phase.kind === 'signin' ? phase.notice : undefined} onSignIn={() => cognito.signIn()} />
      );
    return (
      <LocalSignIn
        baseUrl={config?.apiUrl ?? ''}
        notice={phase.kind === 'signin' ? phase.notice : undefined}
        onToken={(token) => {
          sessionStorage.setItem(LOCAL_TOKEN, token);
          if (config)
            void start(config, async () => sessionStorage.getItem(LOCAL_TOKEN)).catch((err: Error) =>
              setPhase({ kind: 'failed', message: err.message }),
            );
        }}
      />
    );
  }
  return <App api={phase.api} me={phase.me} onSignOut={signOut} />;
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
