/**
 * Local only: a mail sent to the local receiver may carry `X-Local-SES-Verdicts: spf=FAIL,
 * dkim=FAIL, dmarc=FAIL` to choose the verdicts SES would have given it (spam, virus, spf, dkim,
 * dmarc; PASS, FAIL, GRAY or PROCESSING_FAILED; the others stay PASS). The receiver takes the
 * header out before storing the mail, so triage never sees it; SES on AWS knows nothing of it.
 */
import type { Verdicts } from './ses-receiving.ts';

export const LOCAL_VERDICTS_HEADER = 'X-Local-SES-Verdicts';

const NAMES = ['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const;
const STATUSES = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED'] as const;

export class BadLocalVerdicts extends Error {
  override name = 'BadLocalVerdicts';
}

/** `spf=FAIL, dkim=fail` → verdicts; an unknown name or status is an error naming it. */
export function parseLocalVerdicts(value: string): Verdicts {
  const verdicts: Verdicts = {};
  for (const part of value
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, status] = part.split('=').map((s) => s.trim());
    const n = (name ?? '').toLowerCase() as (typeof NAMES)[number];
    const st = (status ?? '').toUpperCase() as (typeof STATUSES)[number];
    if (!NAMES.includes(n)) throw new BadLocalVerdicts(`${LOCAL_VERDICTS_HEADER}: unknown verdict "${name}"`);
    if (!STATUSES.includes(st)) throw new BadLocalVerdicts(`${LOCAL_VERDICTS_HEADER}: unknown status "${status}"`);
    verdicts[n] = st;
  }
  return verdicts;
}

/**
 * The mail without the header (folded lines included), and the verdicts it asked for. Only the
 * header block is looked at; the body is left byte for byte.
 */
export function takeLocalVerdicts(raw: Buffer): { raw: Buffer; verdicts?: Verdicts } {
  const text = raw.toString('latin1'); // one char per byte: offsets stay byte offsets
  const end = /\r?\n\r?\n/.exec(text);
  const headerEnd = end ? end.index + end[0].length : text.length;
  const header = new RegExp(`^${LOCAL_VERDICTS_HEADER}:([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)\\r?\\n`, 'gim');
  const head = text.slice(0, headerEnd);
  let value: string | null = null;
  const kept = head.replace(header, (_, v: string) => {
    value = `${value ? `${value},` : ''}${v.replace(/\r?\n[ \t]/g, ' ')}`;
    return '';
  });
  if (value === null) return { raw };
  return {
    raw: Buffer.concat([Buffer.from(kept, 'latin1'), raw.subarray(headerEnd)]),
    verdicts: parseLocalVerdicts(value),
  };
}
