/** Loads sample events from events/ (shared with docs and the local stack). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.join(import.meta.dirname, '..', '..', 'events');

export function loadEvent<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as T;
}
