/**
 * The participant's fields with where each came from (the evidence triage recorded per message),
 * the NIK only masked, and corrections of the card number and phone.
 */
import { type FormEvent, useState } from 'react';
import type { Evidence, FieldCorrection, FieldName, Ticket, TicketMessage } from '../api.ts';
import { formatPhone, groupCard, mask, wib } from '../format.ts';

const FIELDS: { key: FieldName; label: string; correctable?: 'cardNumber' | 'phone' }[] = [
  { key: 'name', label: 'Nama' },
  { key: 'cardNumber', label: 'Nomor Kartu Prakerja', correctable: 'cardNumber' },
  { key: 'phone', label: 'Nomor HP', correctable: 'phone' },
  { key: 'email', label: 'Email' },
  { key: 'nik', label: 'NIK' },
];

const SOURCE: Record<Evidence['source'], string> = {
  subject: 'subjek',
  new: 'isi pesan',
  forwarded: 'pesan yang diteruskan',
  quoted: 'kutipan pesan lama',
  header: 'header email',
  sender: 'alamat pengirim',
};

function display(t: Ticket, key: FieldName): string | null {
  const f = t.fields;
  switch (key) {
    case 'cardNumber':
      return f.cardNumber ? groupCard(f.cardNumber) : null;
    case 'phone':
      return f.phone ? formatPhone(f.phone) : null;
    case 'nik':
      // Only ever masked: the ticket carries the NIK in full, the console shows it masked.
      return f.nik ? mask.nik(f.nik) : null;
    default:
      return f[key] ?? null;
  }
}

export function evidenceFor(messages: readonly TicketMessage[], key: FieldName) {
  const out: { at: string; e: Evidence }[] = [];
  for (const m of messages) for (const e of m.evidence ?? []) if (e.field === key) out.push({ at: m.receivedAt, e });
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

export function validCorrection(field: 'cardNumber' | 'phone', value: string): string | null {
  const v = value.replace(/[\s.-]/g, '');
  if (field === 'cardNumber') return /^\d{16}$/.test(v) ? v : null;
  if (/^(?:\+62|62|0)8\d{7,11}$/.test(v)) return v.replace(/^(?:\+62|62|0)/, '+62');
  return null;
}

export function ParticipantPanel(props: {
  ticket: Ticket;
  messages: readonly TicketMessage[];
  canCorrect: boolean;
  onCorrect: (change: FieldCorrection) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState<'cardNumber' | 'phone' | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const t = props.ticket;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const v = validCorrection(editing, value);
    if (!v) {
      setError(editing === 'cardNumber' ? 'Nomor kartu harus 16 angka.' : 'Nomor HP seluler Indonesia, mis. 0812…');
      return;
    }
    if (await props.onCorrect({ [editing]: v })) setEditing(null);
  };

  return (
    <dl className="fields">
      {FIELDS.map((f) => {
        const v = display(t, f.key);
        const ev = evidenceFor(props.messages, f.key);
        const missing = t.missing.some((m) => m === f.key);
        return (
          <div key={f.key} className="field-row">
            <dt>{f.label}</dt>
            <dd>
              {v ? (
                <span className="value" data-field={f.key}>
                  {v}
                </span>
              ) : (
                <span className={missing ? 'badge badge-warn' : 'muted'}>{missing ? 'belum ada' : '—'}</span>
              )}
              {f.correctable && props.canCorrect && editing !== f.correctable ? (
                <button
                  type="button"
                  className="link small"
                  aria-label={`Ubah ${f.label}`}
                  onClick={() => {
                    setEditing(f.correctable ?? null);
                    setValue(f.correctable === 'cardNumber' ? (t.fields.cardNumber ?? '') : (t.fields.phone ?? ''));
                    setError(null);
                  }}
                >
                  Ubah
                </button>
              ) : null}
              {editing && editing === f.correctable ? (
                <form className="inline-form" onSubmit={submit}>
                  <label>
                    <span className="sr-only">{f.label} yang benar</span>
                    <input
                      value={value}
                      onChange={(e) => setValue(e.target.value)}
                      inputMode="numeric"
                      // biome-ignore lint/a11y/noAutofocus: opened by the agent's click on "Ubah"
                      autoFocus
                    />
                  </label>
                  <button type="submit">Simpan</button>
                  <button type="button" onClick={() => setEditing(null)}>
                    Batal
                  </button>
                  {error ? (
                    <span role="alert" className="warn-text">
                      {error}
                    </span>
                  ) : null}
                </form>
              ) : null}
              {ev.length ? (
                <ul className="evidence">
                  {ev.slice(0, 3).map(({ at, e }) => (
                    <li key={`${at}-${e.source}-${e.detail}`}>
                      dari {SOURCE[e.source] ?? e.source}
                      {e.detail ? (
                        <>
                          : <q>{e.detail}</q>
                        </>
                      ) : null}{' '}
                      <span className="muted">({wib(at)})</span>
                    </li>
                  ))}
                </ul>
              ) : v ? (
                <div className="evidence muted small">tanpa bukti di pesan (dari tiket sebelumnya atau petugas)</div>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
