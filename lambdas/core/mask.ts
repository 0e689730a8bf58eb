/**
 * Masks personal data (Indonesia's PDP law) for logs and evidence: enough to recognise, not to use.
 * `5301********0982`, `+62812****5521`, `bu***@example.com`, NIK `3301************`.
 */
function keep(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail);
}

export const mask = {
  card: (v: string) => keep(v, 4, 4),
  phone: (v: string) => keep(v, 6, 4),
  nik: (v: string) => keep(v, 4, 0),
  email: (v: string) => {
    const at = v.indexOf('@');
    if (at < 0) return keep(v, 1, 0);
    return `${keep(v.slice(0, at), 2, 0)}${v.slice(at)}`;
  },
  name: (v: string) =>
    v
      .split(/\s+/)
      .map((w) => keep(w, 1, 0))
      .join(' '),
};

const SIXTEEN_DIGITS = /(?<!\d)\d(?:[ .-]?\d){15}(?!\d)/g;
const PHONE_LIKE = /(?<![\d])(?:\+62|62|0)8\d(?:[ .-]?\d){6,11}(?!\d)/g;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

/** Masks every card/NIK-shaped number, Indonesian mobile and email address in free text. */
export function maskText(text: string): string {
  return text
    .replace(SIXTEEN_DIGITS, (s) => mask.card(s.replace(/\D/g, '')))
    .replace(PHONE_LIKE, (s) => mask.phone(s.replace(/[^\d+]/g, '')))
    .replace(EMAIL, (s) => mask.email(s));
}
