/**
 * Finds which of many regular expressions match a text, in about one pass.
 *
 * The classifier has dozens of rules, each an alternation of Indonesian and English terms. Running
 * each (or all of them joined into one alternation) over the mail costs the regex engine one try
 * of every alternative at every word. But every rule opens its matches at the start of a word (`\b`
 * then a letter), and the first letters of a word rule out nearly all of them: "belum" can only
 * start the rules that can open with `bel`. So the scanner walks the text once and, at each word
 * start, tests sticky only the rules whose possible openings ("insentif" → `ins`) fit the word.
 *
 * The openings ("cues") are derived from each pattern's own source, so they cannot drift from it:
 * a pattern this reader does not fully understand (flags, a lookaround, a back-reference, a branch
 * that may start mid-word) is simply run on its own.
 *
 * Kept rather than running each rule on its own because without it the core falls below its
 * throughput target against bare mailparser (`npm run bench`). Why by hand: engines that do this natively (RE2 sets, Hyperscan) are not available to a Lambda
 * in plain Node; JS regex parsers (regjsparser) give the syntax tree but not this analysis, which
 * is the part that matters and is short.
 */

/** Longest opening a cue records: three letters separate most Indonesian words cheaply. */
const CUE_LENGTH = 3;
const MAX_CUES = 400;

type Node =
  | { t: 'alt'; options: Node[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'chars'; set: string[] } // one character out of a small known set
  | { t: 'any' } // one character out of many (\w, \d, \s, [^…], .)
  | { t: 'empty' } // zero-width: \b, $, ^
  | { t: 'repeat'; node: Node }; // one copy or more ({0,n}, ?, * become alt(empty, repeat))

class Unsupported extends Error {}

const CLASS_LIMIT = 6;
const CONTROL: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };

function parse(source: string): Node {
  let i = 0;
  const peek = () => source[i];

  function alternation(): Node {
    const options = [sequence()];
    while (peek() === '|') {
      i++;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (i < source.length && peek() !== '|' && peek() !== ')') items.push(quantified(atom()));
    return { t: 'seq', items };
  }

  function quantified(node: Node): Node {
    const c = peek();
    let min: number | null = null;
    if (c === '?' || c === '*') min = 0;
    else if (c === '+') min = 1;
    else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i));
      if (!m) throw new Unsupported('brace');
      i += m[0].length - 1;
      min = Number(m[1]);
    }
    if (min === null) return node;
    i++;
    if (peek() === '?') i++; // lazy: same language
    const repeat: Node = { t: 'repeat', node };
    return min === 0 ? { t: 'alt', options: [{ t: 'seq', items: [] }, repeat] } : repeat;
  }

  function atom(): Node {
    const c = source[i++];
    if (c === '(') {
      if (source.startsWith('?:', i)) i += 2;
      else if (peek() === '?') throw new Unsupported('lookaround or named group');
      const inner = alternation();
      if (source[i++] !== ')') throw new Unsupported('unbalanced');
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '.') return { t: 'any' };
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === '\\') return escapeSequence();
    if (c === undefined) throw new Unsupported('end');
    return { t: 'chars', set: [c] };
  }

  function escapeSequence(): Node {
    const c = source[i++];
    if (c === 'b') return { t: 'empty' };
    if (c === 'w' || c === 'd' || c === 's' || c === 'W' || c === 'D' || c === 'S') return { t: 'any' };
    if (c === undefined || /[0-9a-zA-Z]/.test(c)) {
      const control = c === undefined ? undefined : CONTROL[c];
      if (control === undefined) throw new Unsupported(`\\${c}`); // back-references, \B, \p{…}, \u…
      return { t: 'chars', set: [control] };
    }
    return { t: 'chars', set: [c] }; // an escaped literal: \. \- \/ …
  }

  function charClass(): Node {
    const set: string[] = [];
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i++;
    }
    while (i < source.length && peek() !== ']') {
      let c = source[i++] as string;
      if (c === '\\') {
        const e = source[i++] as string;
        if (/[0-9a-zA-Z]/.test(e)) {
          const control = CONTROL[e];
          if (control === undefined) return skipClass(); // \w, \d, \s, \p{…}: many characters
          c = control;
        } else c = e;
      }
      if (peek() === '-' && source[i + 1] !== ']') {
        const to = source[i + 1] as string;
        i += 2;
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) set.push(String.fromCharCode(code));
      } else set.push(c);
    }
    i++;
    return negated || set.length > CLASS_LIMIT ? { t: 'any' } : { t: 'chars', set };
  }

  function skipClass(): Node {
    while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    i++;
    return { t: 'any' };
  }

  const tree = alternation();
  if (i !== source.length) throw new Unsupported('trailing');
  return tree;
}

/**
 * Extends each of `prefixes` by what `node` can match, up to CUE_LENGTH characters. Returns the
 * openings still growing (the caller extends them by what follows); openings that reached
 * CUE_LENGTH, or stop where the pattern stops being literal (any text may follow), go to `done`.
 */
function openings(node: Node, prefixes: string[], done: Set<string>): string[] {
  switch (node.t) {
    case 'empty':
      return prefixes;
    case 'any':
      for (const p of prefixes) done.add(p);
      return [];
    case 'chars': {
      const out: string[] = [];
      for (const p of prefixes) {
        for (const c of node.set) {
          const q = p + c;
          if (q.length >= CUE_LENGTH) done.add(q);
          else out.push(q);
        }
      }
      return out;
    }
    case 'seq': {
      let open = prefixes;
      for (const item of node.items) {
        if (open.length === 0) break;
        open = openings(item, open, done);
      }
      return open;
    }
    case 'alt': {
      const out = new Set<string>();
      for (const option of node.options) for (const p of openings(option, prefixes, done)) out.add(p);
      return [...out];
    }
    case 'repeat': {
      // One copy or more: the first copy's openings, then anything.
      const open = openings(node.node, prefixes, done);
      for (const p of open) done.add(p);
      return [];
    }
  }
}

/** Whether every match of the pattern starts at a word start (`\b` before a word character). */
function startsAtWordStart(node: Node): boolean {
  const first = node.t === 'seq' ? node.items : [node];
  if (node.t === 'alt') return node.options.every(startsAtWordStart);
  const [head, next] = first;
  if (!head) return false;
  if (head.t === 'alt' && first.length === 1) return head.options.every(startsAtWordStart);
  if (head.t !== 'empty') return false;
  // `\b(?:a|b)` or `\bword`: what follows must open with a word character in every branch.
  const rest: Node = { t: 'seq', items: first.slice(1) };
  const probe = new Set<string>();
  const open = openings(rest, [''], probe);
  const all = [...open, ...probe];
  return next !== undefined && all.length > 0 && all.every((p) => /^\w/.test(p));
}

export interface PatternShape {
  /** Every match starts at a word start: the pattern can join the hoisted scan. */
  wordStart: boolean;
  /** Strings of 1-3 characters, one of which opens every match; null when unknown or too many. */
  cues: string[] | null;
}

export function analysePattern(pattern: RegExp): PatternShape {
  // i, u, s, m, v change what a literal or `\b` means; g and y only how the caller runs it.
  if (pattern.flags.replace(/[gyd]/g, '') !== '') return { wordStart: false, cues: null };
  let tree: Node;
  try {
    tree = parse(pattern.source);
  } catch (err) {
    if (err instanceof Unsupported) return { wordStart: false, cues: null };
    throw err;
  }
  if (!startsAtWordStart(tree)) return { wordStart: false, cues: null };
  const done = new Set<string>();
  for (const p of openings(tree, [''], done)) done.add(p);
  // A cue beyond ASCII would share its key with every other such character (see unit()).
  const usable =
    !done.has('') && done.size <= MAX_CUES && [...done].every((cue) => [...cue].every((ch) => ch.charCodeAt(0) < 127));
  return { wordStart: true, cues: usable ? [...done].sort() : null };
}

// Openings are looked up as small integers, 8 bits a character (code + 1, everything beyond
// ASCII folded into one value): no string slices, no string hashing, no heap numbers.
function unit(c: number): number {
  return Math.min(c, 127) + 1;
}

function cueKey(cue: string): number {
  let key = 0;
  for (let i = 0; i < cue.length; i++) key = (key << 8) | unit(cue.charCodeAt(i));
  return key;
}

const NONE: readonly number[] = [];

/** `\b` without the `u` flag: a word character is an ASCII letter, digit or underscore. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

export class RuleScanner {
  private readonly sticky: RegExp[];
  /** Patterns that may open with a given 1-3 character opening (by key). */
  private readonly byOpening = new Map<number, number[]>();
  /** Word-start patterns without usable cues: tried at every word start. */
  private readonly anyOpening: number[] = [];
  /** Patterns that may match mid-word: each runs on its own. */
  private readonly alone: number[] = [];

  constructor(private readonly patterns: readonly RegExp[]) {
    this.sticky = patterns.map((p) => new RegExp(p.source, `${p.flags.replace(/[gy]/g, '')}y`));
    patterns.forEach((pattern, index) => {
      const shape = analysePattern(pattern);
      if (!shape.wordStart) this.alone.push(index);
      else if (shape.cues === null) this.anyOpening.push(index);
      else
        for (const cue of shape.cues) {
          const key = cueKey(cue);
          const list = this.byOpening.get(key);
          if (list) list.push(index);
          else this.byOpening.set(key, [index]);
        }
    });
  }

  /** How many patterns it scans for. */
  get size(): number {
    return this.patterns.length;
  }

  /** found[i] = 1 for every pattern i that matches somewhere in `text`. */
  scan(text: string, found: Uint8Array = new Uint8Array(this.patterns.length)): Uint8Array {
    // One walk over the characters. At each word start, only the patterns that can open with the
    // word's first letters are tried, sticky: a plain loop and a map lookup per word, where a
    // joined regex would try every alternative of every pattern at every word.
    const n = text.length;
    let inWord = false;
    for (let at = 0; at < n; at++) {
      const c = text.charCodeAt(at);
      const word = isWordChar(c);
      if (word && !inWord) {
        if (this.anyOpening.length) this.tryAt(text, at, this.anyOpening, found);
        const k1 = unit(c);
        this.tryAt(text, at, this.byOpening.get(k1) ?? NONE, found);
        if (at + 1 < n) {
          const k2 = (k1 << 8) | unit(text.charCodeAt(at + 1));
          this.tryAt(text, at, this.byOpening.get(k2) ?? NONE, found);
          if (at + 2 < n)
            this.tryAt(text, at, this.byOpening.get((k2 << 8) | unit(text.charCodeAt(at + 2))) ?? NONE, found);
        }
      }
      inWord = word;
    }
    for (const index of this.alone) if (!found[index] && this.patterns[index]?.test(text)) found[index] = 1;
    return found;
  }

  private tryAt(text: string, at: number, candidates: readonly number[], found: Uint8Array): void {
    for (const index of candidates) {
      if (found[index]) continue;
      const re = this.sticky[index] as RegExp;
      re.lastIndex = at;
      if (re.test(text)) found[index] = 1;
    }
  }
}
