/**
 * The reply box ("Balasan"): placeholders the ticket cannot fill are highlighted in place (a
 * backdrop behind the transparent textarea draws the marks) and listed below it; "/" at the start
 * of a line or after a space opens the canned-response search; Ctrl+Enter sends and resolves.
 */
import { type KeyboardEvent, type RefObject, useId, useRef, useState } from 'react';
import type { CannedResponse, Ticket } from '../api.ts';
import { fillPlaceholders, placeholderRuns, searchCanned, unfilledPlaceholders } from '../placeholders.ts';
import { Dialog } from '../ui.tsx';

interface Props {
  value: string;
  onChange: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onSubmit: () => void;
  ticket: Ticket;
  agent: string;
  canned: readonly CannedResponse[] | null;
  disabled?: boolean;
}

export function ReplyBox(p: Props) {
  const [picker, setPicker] = useState<{ start: number; end: number } | null>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const id = useId();
  const unfilled = unfilledPlaceholders(p.value);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const t = e.currentTarget;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      p.onSubmit();
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      t.blur();
      return;
    }
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const before = t.value.slice(0, t.selectionStart);
      if (before === '' || /\s$/.test(before)) {
        e.preventDefault();
        setPicker({ start: t.selectionStart, end: t.selectionEnd });
      }
    }
  };

  const insert = (c: CannedResponse) => {
    const range = picker ?? { start: p.value.length, end: p.value.length };
    const text = fillPlaceholders(c.body, { ticket: p.ticket, agent: p.agent });
    const next = p.value.slice(0, range.start) + text + p.value.slice(range.end);
    p.onChange(next);
    setPicker(null);
    const caret = range.start + text.length;
    // After the dialog has closed and handed focus back to the textarea.
    setTimeout(() => {
      const t = p.textareaRef.current;
      if (!t) return;
      t.focus();
      t.setSelectionRange(caret, caret);
    }, 0);
  };

  return (
    <div className="reply">
      <label htmlFor={`${id}-text`} className="field-label">
        Balasan
      </label>
      <div className="hl-wrap">
        <div className="hl-backdrop" ref={backdrop} aria-hidden="true">
          {placeholderRuns(p.value).map((r, i) =>
            // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity but their place
            r.placeholder ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>,
          )}
          {'\n'}
        </div>
        <textarea
          id={`${id}-text`}
          ref={p.textareaRef}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          rows={8}
          spellCheck
          disabled={p.disabled}
          aria-describedby={`${id}-help${unfilled.length ? ` ${id}-unfilled` : ''}`}
          aria-keyshortcuts="r"
        />
      </div>
      <p id={`${id}-help`} className="muted small">
        Ketik <kbd>/</kbd> untuk template · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> kirim &amp; selesaikan · teks tersimpan
        otomatis sebagai draf
      </p>
      {unfilled.length ? (
        <p id={`${id}-unfilled`} className="warn-text">
          Belum terisi (ganti sebelum mengirim):{' '}
          {unfilled.map((u) => (
            <mark key={u}>{u}</mark>
          ))}
        </p>
      ) : null}
      <Dialog open={picker !== null} title="Template balasan" onClose={() => setPicker(null)}>
        <CannedPicker canned={p.canned} onChoose={insert} />
      </Dialog>
    </div>
  );
}

function CannedPicker(props: { canned: readonly CannedResponse[] | null; onChoose: (c: CannedResponse) => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const items = props.canned ? searchCanned(props.canned, query) : [];
  const current = Math.min(active, Math.max(0, items.length - 1));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = items[current];
      if (chosen) props.onChoose(chosen);
    }
  };

  if (!props.canned) return <p className="loading">Memuat template…</p>;
  return (
    <div className="picker">
      <label htmlFor={`${id}-q`} className="field-label">
        Cari template
      </label>
      <input
        id={`${id}-q`}
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={items[current] ? `${id}-opt-${current}` : undefined}
        aria-autocomplete="list"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        // biome-ignore lint/a11y/noAutofocus: the picker opens on "/" to be typed into at once
        autoFocus
      />
      <div id={`${id}-list`} role="listbox" aria-label="Template" className="options">
        {items.map((c, i) => (
          <div
            key={c.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === current}
            tabIndex={-1}
            className={i === current ? 'active' : undefined}
            onClick={() => props.onChoose(c)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                props.onChoose(c);
              }
            }}
            onMouseMove={() => setActive(i)}
          >
            <strong>{c.title}</strong>
            <span className="muted small">{c.body.replace(/\s+/g, ' ').slice(0, 90)}…</span>
          </div>
        ))}
      </div>
      {items.length === 0 ? (
        <p className="muted">
          {props.canned.length === 0
            ? 'Belum ada template: supervisor menambahkannya di halaman Template balasan.'
            : 'Tidak ada template yang cocok.'}
        </p>
      ) : null}
      <p className="muted small">
        <kbd>↑</kbd> <kbd>↓</kbd> pilih · <kbd>Enter</kbd> sisipkan · <kbd>Esc</kbd> batal
      </p>
    </div>
  );
}
