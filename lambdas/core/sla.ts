/**
 * Service levels: a target time to first agent action per category, counted in service hours
 * (08:00-20:00 WIB, UTC+7, every day). Pure date arithmetic on ISO strings; no clock here.
 */
import type { Category } from './types.ts';

export type SlaHours = Record<Category, number>;

export interface ServiceDay {
  /** Hours east of UTC (WIB = 7). */
  utcOffsetHours: number;
  startHour: number;
  endHour: number;
}

export const WIB_SERVICE_DAY: ServiceDay = { utcOffsetHours: 7, startHour: 8, endHour: 20 };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The instant `hours` service hours after `startIso` (a start outside service hours counts from the next opening). */
export function addServiceHours(startIso: string, hours: number, day: ServiceDay = WIB_SERVICE_DAY): string {
  const offset = day.utcOffsetHours * HOUR;
  let local = Date.parse(startIso) + offset; // epoch ms shifted so UTC fields read as local time
  let remaining = hours * HOUR;
  for (;;) {
    const midnight = Math.floor(local / DAY) * DAY;
    const open = midnight + day.startHour * HOUR;
    const close = midnight + day.endHour * HOUR;
    if (local < open) local = open;
    if (local >= close) {
      local = open + DAY;
      continue;
    }
    if (local + remaining <= close) return new Date(local + remaining - offset).toISOString();
    remaining -= close - local;
    local = open + DAY;
  }
}

/**
 * The latest instant from which `hours` service hours have run by `endIso` (the inverse of
 * addServiceHours): `serviceHoursBetween(t, endIso) >= hours` exactly when `t` is at or before it.
 */
export function subtractServiceHours(endIso: string, hours: number, day: ServiceDay = WIB_SERVICE_DAY): string {
  if (hours <= 0) return endIso;
  const offset = day.utcOffsetHours * HOUR;
  let local = Date.parse(endIso) + offset;
  let remaining = hours * HOUR;
  for (;;) {
    const midnight = Math.floor(local / DAY) * DAY;
    const open = midnight + day.startHour * HOUR;
    const close = midnight + day.endHour * HOUR;
    if (local > close) local = close;
    if (local <= open) {
      local = close - DAY;
      continue;
    }
    if (local - remaining >= open) return new Date(local - remaining - offset).toISOString();
    remaining -= local - open;
    local = close - DAY;
  }
}

/** Service hours in one service day (08:00-20:00: 12). */
export const serviceDayHours = (day: ServiceDay = WIB_SERVICE_DAY): number => day.endHour - day.startHour;

export function dueAt(category: Category, readyAt: string, sla: SlaHours, day: ServiceDay = WIB_SERVICE_DAY): string {
  return addServiceHours(readyAt, sla[category], day);
}

/** Service hours between two instants (0 when `toIso` is not after `fromIso`): the time the clock runs in between. */
export function serviceHoursBetween(fromIso: string, toIso: string, day: ServiceDay = WIB_SERVICE_DAY): number {
  const offset = day.utcOffsetHours * HOUR;
  const from = Date.parse(fromIso) + offset;
  const to = Date.parse(toIso) + offset;
  let total = 0;
  for (let midnight = Math.floor(from / DAY) * DAY; midnight < to; midnight += DAY) {
    const open = Math.max(from, midnight + day.startHour * HOUR);
    const close = Math.min(to, midnight + day.endHour * HOUR);
    if (close > open) total += close - open;
  }
  return total / HOUR;
}
