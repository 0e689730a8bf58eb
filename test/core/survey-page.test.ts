/** The survey pages as rendered: everything escaped, the link's rating chosen, no script, a clear page per failure. */
import {
  escapeHtml,
  renderSurveyForm,
  renderSurveyProblem,
  renderSurveyThanks,
  SURVEY_PAGE_CSP,
  type SurveyProblem,
} from '#core/pages/survey-page.ts';

const HOSTILE = `"><script>alert('x')</script><img src=x onerror=alert(1)>&amp;`;
const FORM = {
  ref: 'PRK-7Q2M4K9D',
  token: 'aaa.bbb.ccc',
  rating: 2 as const,
  recorded: null,
  expiresAt: '2024-06-03T03:00:00.000Z',
};

const checked = (html: string) =>
  [...html.matchAll(/<input type="radio" name="rating" value="(\d)" checked/g)].map((m) => m[1]);

describe('survey pages', () => {
  it('escape every character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('show the form with the link’s rating chosen, the token carried back, and nothing executable', () => {
    // Act
    const html = renderSurveyForm(FORM);

    // Assess
    expect(checked(html)).toEqual(['2']);
    expect(html).toContain('<input type="hidden" name="t" value="aaa.bbb.ccc">');
    expect(html).toContain('<form method="post" action="survey"');
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('3 Juni 2024 pukul 10.00 WIB');
    expect(html).not.toMatch(/<script|javascript:|\son\w+=/i);
  });

  it('escape a hostile comment, token and reference wherever they appear', () => {
    // Prepare
    const hostile = { ...FORM, ref: HOSTILE, token: HOSTILE, recorded: { rating: 5 as const, comment: HOSTILE } };

    // Act
    const pages = [renderSurveyForm(hostile), renderSurveyThanks(hostile)];

    // Assess
    for (const html of pages) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).toContain('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
      expect(html).toContain('&amp;amp;');
    }
  });

  it('say what was recorded before and keep its comment to edit', () => {
    const html = renderSurveyForm({ ...FORM, recorded: { rating: 5, comment: 'Cepat & ramah' } });
    expect(html).toContain('Anda sudah memberi nilai 5 (Sangat puas)');
    expect(html).toContain('>Cepat &amp; ramah</textarea>');
    expect(checked(html)).toEqual(['2']);
  });

  it('thank for the rating recorded and offer to change it, that rating chosen', () => {
    const html = renderSurveyThanks({ ...FORM, rating: 2, recorded: { rating: 4, comment: null } });
    expect(html).toContain('Nilai 4 (Puas) untuk pengaduan PRK-7Q2M4K9D sudah kami catat.');
    expect(checked(html)).toEqual(['4']);
  });

  it.each<[SurveyProblem, number, string]>([
    ['malformed', 400, 'Tautan tidak lengkap'],
    ['forged', 403, 'Tautan tidak sah'],
    ['expired', 410, 'Masa penilaian sudah berakhir'],
    ['unknown', 404, 'Survei tidak ditemukan'],
    ['bad-form', 400, 'Formulir belum lengkap'],
    ['too-many', 429, 'Terlalu banyak permintaan'],
  ])('answer a %s request with %i and a page saying so', (problem, status, title) => {
    const p = renderSurveyProblem(problem);
    expect(p.status).toBe(status);
    expect(p.html).toContain(`<h1>${title}</h1>`);
    expect(p.html).not.toContain('<form');
  });

  it('allow the page’s one inline style by its hash, and no script or outside source', () => {
    expect(SURVEY_PAGE_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; form-action 'self'/);
    expect(SURVEY_PAGE_CSP).not.toMatch(/script-src|unsafe/);
  });
});
