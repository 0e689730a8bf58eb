/**
 * MinHash signatures of a complaint's word shingles, and LSH band keys, to group near-identical
 * complaints (the same text pasted or lightly edited by many participants) inside an incident.
 *
 * Each shingle is hashed once with MurmurHash3 (the `murmurhash` package); the 64 "permutations"
 * are that hash xor-ed with a per-row constant and passed through MurmurHash3's 32-bit finaliser,
 * a bijection that mixes every bit. Written here because no maintained JavaScript MinHash package
 * exists (the `minhash` package is a 0.0.x without types), and hashing each shingle 64 times with
 * the library would encode the string 64 times.
 */
import murmurhash from 'murmurhash';

export const SIGNATURE_ROWS = 64;
/** 16 bands of 4 rows: two texts share a band key with probability ~0.64 at Jaccard 0.5, ~0.98 at 0.7. */
export const BANDS = 16;
const ROWS_PER_BAND = SIGNATURE_ROWS / BANDS;

function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const ROW_SALT = Array.from({ length: SIGNATURE_ROWS }, (_, i) => fmix32(0x9e3779b9 * (i + 1)));

/** 64 minimum hash values; texts without shingles get the all-max signature (similar to nothing). */
export function minHash(shingles: readonly string[]): number[] {
  const signature = new Array<number>(SIGNATURE_ROWS).fill(0xffffffff);
  for (const shingle of shingles) {
    const h = murmurhash.v3(shingle);
    for (let i = 0; i < SIGNATURE_ROWS; i++) {
      const v = fmix32(h ^ (ROW_SALT[i] as number));
      if (v < (signature[i] as number)) signature[i] = v;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of the two shingle sets: the share of rows where the minima agree. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  let empty = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0xffffffff) empty++;
    if (a[i] === b[i]) same++;
  }
  return empty === a.length ? 0 : same / a.length;
}

/** One key per band; near-identical texts share at least one key with high probability. */
export function bandKeys(signature: readonly number[]): string[] {
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band;
    for (let r = 0; r < ROWS_PER_BAND; r++) h = fmix32(h ^ (signature[band * ROWS_PER_BAND + r] as number));
    keys.push(`${band}:${h.toString(36)}`);
  }
  return keys;
}
