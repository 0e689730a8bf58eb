/** The survey mail as the mailer builds it: threaded, one link per rating, marked as sent by a machine. */
import { buildReply } from '#core/reply-message.ts';

const links = [1, 2, 3, 4, 5].map((r) => `https://survei.example/survey?t=tok${r}&x="<r>"`);

describe('the survey mail', () => {
  it('threads to the ticket and lists a link per rating, in order, in text and HTML (escaped there)', () => {
    // Act
    const mail = buildReply(
      {
        kind: 'survey',
        ticketRef: 'PRK-7Q2M4K9D',
        category: 'incentive',
        survey: { links, expiresAt: '2024-06-03T03:00:00.000Z' },
      },
      {
        jobId: 'PRK-7Q2M4K9D:survey',
        from: 'pengaduan@prakerja.example.id',
        to: 'peserta@surel.example',
        inReplyTo: '<balasan@surel.example>',
        references: ['<awal@surel.example>'],
      },
    );

    // Assess
    expect(mail.subject).toBe('[PRK-7Q2M4K9D] Bagaimana penanganan pengaduan Anda?');
    expect(mail.headers).toMatchObject({
      'In-Reply-To': '<balasan@surel.example>',
      References: '<awal@surel.example> <balasan@surel.example>',
      'Auto-Submitted': 'auto-generated',
    });
    expect(mail.messageId).toMatch(/^<PRK-7Q2M4K9D\.survey\.[0-9a-f]{12}@prakerja\.example\.id>$/);
    expect(mail.text).toContain(`- 1 - Sangat tidak puas: ${links[0]}`);
    expect(mail.text).toContain(`- 5 - Sangat puas: ${links[4]}`);
    expect(mail.text).toContain('3 Juni 2024 pukul 10.00 WIB');
    expect(mail.html).toContain('href="https://survei.example/survey?t=tok4&amp;x=&quot;&lt;r&gt;&quot;">4 - Puas</a>');
    expect(mail.html).not.toContain('"<r>"');
  });

  it('is not built without exactly one link per rating', () => {
    expect(() =>
      buildReply(
        {
          kind: 'survey',
          ticketRef: 'PRK-7Q2M4K9D',
          category: 'incentive',
          survey: { links: links.slice(1), expiresAt: 'x' },
        },
        { jobId: 'j', from: 'a@b.example', to: 'c@d.example', inReplyTo: null, references: [] },
      ),
    ).toThrow(/one link per rating/);
  });
});
