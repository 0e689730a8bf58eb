/**
 * Chat spelling: how the same Indonesian sentence reads typed on a phone. Each listed word is
 * swapped for one of its short forms some of the time, so one template yields many spellings.
 */
import type { Random } from './random.ts';

const SHORT_FORMS: Record<string, readonly string[]> = {
  saya: ['sy', 'aku', 'sya'],
  sudah: ['udh', 'sdh', 'udah', 'dah'],
  udah: ['udh', 'dah'],
  belum: ['blm', 'blom', 'belom'],
  tidak: ['tdk', 'ga', 'gak', 'nggak', 'gk'],
  ga: ['gk', 'gak', 'g'],
  yang: ['yg'],
  tolong: ['tlg', 'tolongin'],
  gimana: ['gmn', 'gmana'],
  dengan: ['dgn', 'dg'],
  karena: ['krn', 'karna'],
  nomor: ['no', 'nmr', 'nomer'],
  untuk: ['utk', 'buat'],
  sampai: ['sampe'],
  kenapa: ['knp', 'napa'],
  juga: ['jg'],
  bisa: ['bs'],
  sama: ['sm'],
  banget: ['bgt'],
  dari: ['dr'],
  kalau: ['kalo', 'klo'],
  kalo: ['klo'],
  lagi: ['lg'],
  tapi: ['tp', 'tpi'],
  sekarang: ['skrg'],
  kemarin: ['kmrn', 'kemaren'],
  terus: ['trs', 'trus'],
  padahal: ['pdhl'],
  terima: ['trima'],
  masih: ['msh'],
  aja: ['aj'],
  dong: ['dng'],
  min: ['mimin', 'admin'],
};

const EMOJI = ['🙏', '🙏🏻', '😭', '😢', '🙏🙏', '😔'];
const ENGLISH_BITS = ['pls', 'please', 'urgent', 'asap', 'thx', 'btw', 'help'];

export function chatSpelling(rng: Random, sentence: string, rate = 0.55): string {
  let out = sentence.replace(/[A-Za-z]+/g, (word) => {
    const forms = SHORT_FORMS[word.toLowerCase()];
    if (!forms || !rng.chance(rate)) return word;
    return rng.pick(forms);
  });
  if (rng.chance(0.3)) out = out.replace(/[.!]$/, '');
  if (rng.chance(0.15)) out = out.replace(/\?$/, '??');
  if (rng.chance(0.1)) out = out.replace(/(\w)(\s|$)/, '$1$1$1$2');
  if (rng.chance(0.12)) out += ` ${rng.pick(EMOJI)}`;
  if (rng.chance(0.08)) out += ` ${rng.pick(ENGLISH_BITS)}`;
  if (rng.chance(0.4)) out = out.charAt(0).toLowerCase() + out.slice(1);
  return out;
}
