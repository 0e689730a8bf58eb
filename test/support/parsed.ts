/** A ParsedMail built directly from text, for tests of the modules after parsing. */
import { segmentText } from '#core/text.ts';
import type { ParsedMail } from '#core/types.ts';

export function parsedMail(text: string, over: Partial<ParsedMail> = {}): ParsedMail {
  return {
    messageId: '<m1@mail.example.com>',
    inReplyTo: null,
    references: [],
    from: { address: 'budi.santoso@example.com', name: 'Budi Santoso' },
    to: [{ address: 'pengaduan@prakerja.example.id', name: '' }],
    subject: 'pengaduan',
    date: '2024-03-11T00:14:22.000Z',
    headers: { from: 'Budi Santoso <budi.santoso@example.com>', 'return-path': '<budi.santoso@example.com>' },
    dkimDomains: [],
    contentType: 'text/plain',
    text,
    segments: segmentText(text),
    attachments: [],
    warnings: [],
    ...over,
  };
}
