/**
 * Times as participants read them: Indonesian words, Western Indonesian Time (WIB), e.g.
 * "Senin, 11 Maret 2024 pukul 14.05 WIB". Built from Intl's parts (the platform's ICU data) in a
 * fixed order, so the sentence does not change with the ICU version's idea of a full pattern.
 */
import type { ServiceDay } from './sla.ts';

// Made on first use: building it loads ICU's Indonesian and time zone data, a noticeable part of a
// cold start, and most invocations never format a time.
let parts: Intl.DateTimeFormat | undefined;
const format = () =>
  (parts ??= new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));

/** "Senin, 11 Maret 2024 pukul 14.05 WIB" for an ISO instant. */
export function formatWib(iso: string): string {
  const p = Object.fromEntries(
    format()
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} pukul ${p.hour}.${p.minute} WIB`;
}

const clock = (hour: number) => `${String(hour).padStart(2, '0')}.00`;

/** "08.00–20.00 WIB" */
export function serviceHoursText(day: ServiceDay): string {
  return `${clock(day.startHour)}–${clock(day.endHour)} WIB`;
}
