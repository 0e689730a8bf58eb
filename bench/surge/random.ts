/**
 * Seeded randomness for the generated streams (pure-rand's xoroshiro128+), and a small template
 * expander: `{a|b|}` picks one alternative (empty allowed), `{$slot}` asks the caller, braces nest.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export class Random {
  private readonly rng;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.rng);
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= w;
      if (r < 0) return item;
    }
    return (entries.at(-1) as readonly [T, number])[0];
  }

  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

const INNERMOST = /\{([^{}]*)\}/;

/** Expands a template: innermost braces first, so alternatives may hold slots and other choices. */
export function expand(template: string, rng: Random, slot: (name: string) => string): string {
  let text = template;
  for (let m = INNERMOST.exec(text); m; m = INNERMOST.exec(text)) {
    const inside = m[1] as string;
    const value = inside.startsWith('$') ? slot(inside.slice(1)) : rng.pick(inside.split('|'));
    text = text.slice(0, m.index) + value + text.slice(m.index + m[0].length);
  }
  return text.replace(/ {2,}/g, ' ').replace(/ ([,.?!])/g, '$1');
}
