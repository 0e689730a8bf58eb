/** Small shared pieces: banners, the "not yet available" state, modal dialogs, timers. */
import { type ReactNode, useEffect, useRef, useState } from 'react';

export function Banner(props: { kind: 'error' | 'warning' | 'info'; children: ReactNode; actions?: ReactNode }) {
  return (
    <div className={`banner banner-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <div className="banner-text">{props.children}</div>
      {props.actions ? <div className="banner-actions">{props.actions}</div> : null}
    </div>
  );
}

/** What a page shows where the backend endpoint it needs is not built yet. */
export function Unavailable(props: { what: string }) {
  return <p className="unavailable">{props.what}: belum tersedia.</p>;
}

export function Loading(props: { what?: string }) {
  return (
    <p className="loading" aria-busy="true">
      Memuat{props.what ? ` ${props.what}` : ''}…
    </p>
  );
}

/**
 * A native modal <dialog>: focus moves in and is trapped by the browser, Esc closes it, and
 * focus goes back to where it was.
 */
export function Dialog(props: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!props.open && d.open) {
      d.close();
    }
  }, [props.open]);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onClose = () => {
      props.onClose();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
    d.addEventListener('close', onClose);
    return () => d.removeEventListener('close', onClose);
  }, [props.onClose]);
  const titleId = `dlg-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog">
      <h2 id={titleId}>{props.title}</h2>
      {props.open ? props.children : null}
    </dialog>
  );
}

/** The current time, ticking every `ms`. */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Runs `fn` now and every `ms` while the page is visible. */
export function usePolling(fn: () => void, ms: number, deps: readonly unknown[]): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    saved.current();
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') saved.current();
    }, ms);
    return () => clearInterval(t);
  }, [ms, ...deps]);
}

/** True when the key event comes from a place where typing means text (then single-key shortcuts are off). */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/**
 * Single-key shortcuts (no modifier: none of them is a browser shortcut), active while no text
 * field has focus and no modal dialog is open.
 */
export function useKeys(keys: Record<string, (() => void) | undefined>, enabled = true): void {
  const saved = useRef(keys);
  saved.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e)) return;
      if (document.querySelector('dialog[open]')) return;
      const fn = saved.current[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
