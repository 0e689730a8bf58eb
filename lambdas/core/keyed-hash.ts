/**
 * A keyed hash (HMAC-SHA256, hex) of a value: equal values match, and without the key nobody can
 * test guesses against it (an unkeyed hash of a 16-digit number is reversed by trying them all).
 * Pure: the key comes in (the KeyRing port reads it once per cold start).
 */
import { createHmac } from 'node:crypto';

export const keyedHash = (value: string, key: Uint8Array): string =>
  createHmac('sha256', key).update(value).digest('hex');
