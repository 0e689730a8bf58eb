/** Canned responses: everyone reads them; supervisors add, edit and delete them. */
import { type FormEvent, useState } from 'react';
import { ApiError, type CannedResponse } from '../api.ts';
import { useConsole } from '../context.ts';
import { wib } from '../format.ts';
import { PLACEHOLDERS } from '../placeholders.ts';
import { Banner, Loading } from '../ui.tsx';

export function CannedPage() {
  const { api, me, canned, cannedError, reloadCanned, notify } = useConsole();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mayEdit = me.supervisor;

  const open = (c: CannedResponse | 'new') => {
    setEditing(c);
    setTitle(c === 'new' ? '' : c.title);
    setBody(c === 'new' ? '' : c.body);
    setError(null);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim() || !body.trim()) return setError('Judul dan isi wajib diisi.');
    try {
      if (editing === 'new') await api.createCanned({ title: title.trim(), body });
      else if (editing) await api.updateCanned(editing.id, { title: title.trim(), body });
      setEditing(null);
      notify('Template disimpan.');
      reloadCanned();
    } catch (err) {
      setError(err instanceof ApiError ? `Gagal menyimpan: ${err.message}` : 'Gagal menyimpan.');
    }
  };

  const remove = async (c: CannedResponse) => {
    if (!window.confirm(`Hapus template "${c.title}"?`)) return;
    try {
      await api.deleteCanned(c.id);
      notify('Template dihapus.');
      reloadCanned();
    } catch (err) {
      setError(err instanceof ApiError ? `Gagal menghapus: ${err.message}` : 'Gagal menghapus.');
    }
  };

  return (
    <div className="page">
      <h1>Template balasan</h1>
      <p className="muted">
        Di kotak Balasan, ketik <kbd>/</kbd> untuk mencari dan menyisipkan template. Penanda yang diisi otomatis:{' '}
        {Object.entries(PLACEHOLDERS).map(([k, v]) => (
          <span key={k}>
            <code>{`{${k}}`}</code> {v.label};{' '}
          </span>
        ))}
      </p>
      {cannedError ? <Banner kind="error">Template tidak dapat dimuat: {cannedError}</Banner> : null}
      {error ? <Banner kind="error">{error}</Banner> : null}
      {mayEdit && editing === null ? (
        <button type="button" className="primary" onClick={() => open('new')}>
          Tambah template
        </button>
      ) : null}
      {editing !== null ? (
        <form onSubmit={save} className="card stack">
          <h2>{editing === 'new' ? 'Template baru' : 'Ubah template'}</h2>
          <label className="field">
            <span>Judul</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field">
            <span>Isi</span>
            <textarea rows={8} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit" className="primary">
              Simpan
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Batal
            </button>
          </div>
        </form>
      ) : null}
      {canned ? (
        <ul className="canned-list">
          {canned.length === 0 ? <li className="muted">Belum ada template.</li> : null}
          {canned.map((c) => (
            <li key={c.id} className="card">
              <h2>{c.title}</h2>
              <div className="msg-text">{c.body}</div>
              <p className="muted small">
                Diubah {c.updatedBy ? `oleh ${c.updatedBy} ` : ''}· {wib(c.updatedAt)}
              </p>
              {mayEdit ? (
                <div className="actions">
                  <button type="button" onClick={() => open(c)} aria-label={`Ubah ${c.title}`}>
                    Ubah
                  </button>
                  <button type="button" onClick={() => void remove(c)} aria-label={`Hapus ${c.title}`}>
                    Hapus
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Loading what="template" />
      )}
    </div>
  );
}
