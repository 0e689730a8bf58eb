/**
 * Masks personal data (Indonesia's PDP law) for logs and evidence: enough to recognise, not to use.
 * `5301********0982`, `+62812****5521`, `bu***@example.com`, NIK `3301************`.
 * Logs carry ticket references and these masked values, never the free text of a mail.
 */
function keep(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail);
}

const nik = (v: string) => keep(v, 4, 0);

/** Every occurrence of the value in a text, however it is grouped (`3301 2345-6789...`), masked like `nik`. */
function nikIn(text: string, value: string | null): string {
  if (!value) return text;
  const digits = value.split('').map((c) => c.replace(/[^0-9A-Za-z]/, '\\$&'));
  const grouped = new RegExp(digits.join('[ .-]?'), 'g');
  return text.replace(grouped, nik(value));
}

export const mask = {
  card: (v: string) => keep(v, 4, 4),
  phone: (v: string) => keep(v, 6, 4),
  nik,
  /**
   * The NIK as a ticket keeps and shows it (`3374********0001`): region and serial, enough for an
   * agent to compare with what a participant says, not the birth date that makes it usable.
   */
  nikShown: (v: string) => keep(v, 4, 4),
  nikIn,
  /** Every occurrence of each value in a text masked (see nikIn). */
  niksIn: (text: string, values: readonly string[]): string => values.reduce(nikIn, text),
  email: (v: string) => {
    const at = v.indexOf('@');
    if (at < 0) return keep(v, 1, 0);
    return `${keep(v.slice(0, at), 2, 0)}${v.slice(at)}`;
  },
};
