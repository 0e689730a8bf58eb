// The stopword package ships no types. Its ESM build is imported directly so a bundler keeps only
// the lists used here (the CommonJS entry holds all 62 languages in one object).
declare module 'stopword/dist/stopword.esm.mjs' {
  /** Indonesian stop words. */
  export const ind: readonly string[];
  /** English stop words. */
  export const eng: readonly string[];
}
