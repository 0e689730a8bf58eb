/**
 * The status page renderer: everything put into the page is escaped, the page runs no script and
 * its only style sheet is the one its Content-Security-Policy allows by hash, and the status view
 * shows the reference, what is missing and how to send it, the expected answer and the timeline.
 */
import { createHash } from 'node:crypto';
import {
  escapeHtml,
  html,
  renderBadLink,
  renderStatusForm,
  renderStatusView,
  STATUS_PAGE_CSP,
  type StatusPageView,
} from '#core/pages/status-page.ts';
import { participantStatus } from '#core/status.ts';

const HOSTILE = `PRK-<script>alert("x")</script>' onmouseover='x' &amp;`;

const waitingView: StatusPageView = {
  ref: 'PRK-7Q2M9KXA',
  category: 'incentive',
  missing: ['cardNumber', 'phone'],
  status: participantStatus(
    {
      status: 'waiting_participant',
      createdAt: '2024-03-11T02:00:00.000Z',
      updatedAt: '2024-03-11T02:00:00.000Z',
      readyAt: null,
      dueAt: null,
      resolvedAt: null,
    },
    '2024-03-11T03:00:00.000Z',
    24,
  ),
};

const styleOf = (page: string) => /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';

describe('html', () => {
  it('escapes the five characters that matter in element text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes every interpolated value, in lists too, and inserts markup from another html call once', () => {
    // Act
    const inner = html`<b>${'<i>'}</b>`;
    const out = html`<p title="${'"quoted"'}">${inner}${['<', '&']}${null}${undefined}${3}</p>`;

    // Assess
    expect(out.value).toBe('<p title="&quot;quoted&quot;"><b>&lt;i&gt;</b>&lt;&amp;3</p>');
  });
});

describe('status page', () => {
  it('escapes a hostile reference wherever it appears', () => {
    // Act
    const pages = [
      renderStatusForm(HOSTILE),
      renderStatusForm(HOSTILE, 'not_found'),
      renderStatusView({ ...waitingView, ref: HOSTILE }),
    ];

    // Assess
    for (const page of pages) {
      expect(page).not.toContain('<script');
      expect(page).not.toContain("' onmouseover='x'");
      expect(page).toContain(
        'PRK-&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &amp;amp;',
      );
    }
  });

  it('runs no script, sets no inline style attribute, and its style sheet is the one the policy allows by hash', () => {
    for (const page of [renderStatusForm('PRK-7Q2M9KXA'), renderStatusView(waitingView), renderBadLink()]) {
      // Assess
      expect(page).toMatch(/^<!DOCTYPE html><html lang="id">/);
      expect(page).not.toMatch(/<script|\son\w+=|\sstyle=|javascript:/i);
      const hash = createHash('sha256').update(styleOf(page)).digest('base64');
      expect(STATUS_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    }
    expect(STATUS_PAGE_CSP).toContain("default-src 'none'");
    expect(STATUS_PAGE_CSP).not.toContain('script-src');
  });

  it('asks for the email or phone and shows nothing about the ticket but its reference', () => {
    // Act
    const form = renderStatusForm('PRK-7Q2M9KXA');

    // Assess
    expect(form).toContain('<label for="kontak">Email atau nomor HP yang Anda pakai saat mengadu</label>');
    expect(form).toContain('<form method="post">');
    expect(form).toContain('PRK-7Q2M9KXA');
    expect(form).not.toMatch(/Insentif|Diterima|role="alert"/);
  });

  it('marks the field invalid when the contact was left empty or is not an email or phone', () => {
    for (const notice of ['no_contact', 'bad_contact'] as const) {
      const form = renderStatusForm('PRK-7Q2M9KXA', notice);
      expect(form).toContain('aria-invalid="true"');
      expect(form).toContain('aria-describedby="kontak-bantuan kontak-galat"');
      expect(form).toContain('role="alert" id="kontak-galat"');
    }
  });

  it('says not found without saying whether the reference exists', () => {
    // Act
    const notFound = renderStatusForm('PRK-7Q2M9KXA', 'not_found');

    // Assess
    expect(notFound).toContain(
      'Kami tidak menemukan pengaduan dengan nomor tiket ini dan email atau nomor HP tersebut.',
    );
    expect(notFound).not.toContain('aria-invalid="true"');
  });

  it('shows the reference, category, what is missing with how to send it, the expected answer and the timeline', () => {
    // Act
    const page = renderStatusView(waitingView);

    // Assess
    expect(page).toContain('<strong>PRK-7Q2M9KXA</strong>');
    expect(page).toContain('Kategori: Insentif &amp; pembayaran');
    expect(page).toContain('Saat ini: <strong>Menunggu data dari Anda</strong>');
    expect(page).toContain('Yang masih kami perlukan dari Anda');
    expect(page).toContain('Nomor Kartu Prakerja (16 digit');
    expect(page).toContain('contoh: 08xx-xxxx-xxxx');
    expect(page).toContain('balas email dari kami tentang pengaduan ini tanpa mengubah subjeknya');
    expect(page).toContain('Setelah data Anda lengkap, kami menjawab paling lambat 24 jam layanan kemudian.');
    const steps = [...page.matchAll(/<li class="(\w+)"[^>]*>.*?<span class="step">([^<]+)/g)].map(
      (m) => `${m[2]?.trim()}:${m[1]}`,
    );
    expect(steps).toEqual([
      'Diterima:done',
      'Menunggu data dari Anda:current',
      'Sedang ditangani:upcoming',
      'Dijawab:upcoming',
      'Ditutup:upcoming',
    ]);
    expect(page).toContain('<li class="current" aria-current="step">');
    expect(page).toContain('<time datetime="2024-03-11T02:00:00.000Z">Senin, 11 Maret 2024 pukul 09.00 WIB</time>');
  });

  it('leaves out the missing-data section once the data is complete', () => {
    expect(renderStatusView({ ...waitingView, missing: [] })).not.toContain('Yang masih kami perlukan');
  });
});
