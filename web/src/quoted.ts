/**
 * Splits a stored message text into what the sender wrote now and the quoted history below it
 * (a reply quoting our acknowledgement, a forwarded chain), so the thread can collapse the quote.
 * The API stores the cleaned text, not the triage segments; this looks for the usual markers:
 * "> " lines, an attribution line ("On ... wrote:", "Pada ... menulis:"), an "Original Message"
 * divider or an Outlook-style "From:/Dari:" header block.
 */
const ATTRIBUTION = /^(?:on\b.+\bwrote:|pada\b.+\bmenulis:|.+\b(?:wrote|menulis)\s*:)\s*$/i;
const DIVIDER = /^-{2,}\s*(?:original message|pesan asli|forwarded message|pesan yang diteruskan)\s*-{2,}\s*$/i;
const HEADER_BLOCK = /^(?:from|dari)\s*:/i;
const HEADER_FOLLOW = /^(?:sent|date|tanggal|dikirim|to|kepada|subject|subjek|perihal)\s*:/i;

export interface SplitText {
  /** The sender's own new text. */
  text: string;
  /** The quoted history, empty when there is none. */
  quoted: string;
}

export function splitQuoted(full: string): SplitText {
  const lines = full.replace(/\r\n?/g, '\n').split('\n');
  let cut = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line.startsWith('>')) {
      cut = i;
      break;
    }
    if (ATTRIBUTION.test(line) || DIVIDER.test(line)) {
      cut = i;
      break;
    }
    if (HEADER_BLOCK.test(line) && HEADER_FOLLOW.test((lines[i + 1] ?? '').trim())) {
      cut = i;
      break;
    }
  }
  // A text that starts with a quote (bottom-posting) keeps everything visible: the answer is below it.
  if (cut <= 0) return { text: full.trim(), quoted: '' };
  const text = lines.slice(0, cut).join('\n').trim();
  const quoted = lines.slice(cut).join('\n').trim();
  return { text, quoted };
}
