/** Loads hand-written fixture mails (shapes a composer cannot make: iso-8859-1 QP, delivery reports). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.join(import.meta.dirname, '..', 'fixtures', 'mail');

export function fixtureMail(name: string): Buffer {
  return readFileSync(path.join(DIR, name));
}
