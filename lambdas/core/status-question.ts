/**
 * A follow-up that only asks where a complaint stands ("sudah sampai mana?", "gimana kabarnya
 * laporan saya", "kok belum dibalas?", "any update?"). Such a mail is answered with the ticket's
 * status instead of an acknowledgement (see `replyDecision` in intake.ts).
 *
 * Read from what the participant writes now (the subject without our own words, and their new
 * text; never quoted history): a status phrase, no data (card number, phone, NIK: a mail that
 * brings data is a follow-up with content), and few words, since a longer mail says more than
 * "where is it?" and gets the ordinary reply. Phrases are written as structures (a question word,
 * a few words, a progress word), in Indonesian formal and chat spelling and in English.
 */
import { cleanSubject, normaliseForRules } from './classify.ts';
import type { Fields } from './types.ts';

const PROGRESS_WORD = String.raw`(?:kabar|perkembangan|progres|progress|kelanjutan|lanjutan|tindak\s*lanjut|update)\w*`;
/** Our answering: "not yet answered" is about us, whatever the complaint is. */
const REPLY_VERB = '(?:dibalas|dibales|dijawab|direspon|direspons|ditanggapi|ditindaklanjuti)';
/** Our handling, asked about with "kapan" or "apakah sudah" (stated, "belum diproses" may be the complaint itself). */
const HANDLING_VERB = `(?:${REPLY_VERB}|diproses|ditangani|diselesaikan|dicek|dibaca)`;
const ANSWER_NOUN = String.raw`(?:balasan|jawaban|respon|respons|tanggapan|kabar)\w*`;
const NOT_YET = '(?:belum|blm|blom|blum|ga|gak|nggak|ngga|tidak|tdk)';
const ASKING = '(?:gimana|bagaimana|gmn|gmna|bgmn|bgm|gimna|gemana)';
const COMPLAINT = String.raw`(?:laporan|pengaduan|aduan|keluhan|tiket|komplain|complain)\w*`;
const ANY_WORD = String.raw`(?:\S+\s+)`;

const STATUS_PHRASES: readonly RegExp[] = [
  // sudah sampai mana, udah sampe mana
  /\b(?:sampai|sampe|smpe|smp)\s+(?:mana|mn)\b/,
  // gimana kabarnya, bagaimana perkembangan laporan saya
  new RegExp(String.raw`\b${ASKING}\s+${ANY_WORD}?${PROGRESS_WORD}`),
  // laporan saya gimana?
  new RegExp(String.raw`\b${COMPLAINT}\s+${ANY_WORD}{0,2}${ASKING}\b`),
  // ada kabar?, ada update terbaru?
  new RegExp(String.raw`\b(?:ada|adakah)\s+${ANY_WORD}?(?:kabar|update|perkembangan|progres|progress|kelanjutan)\w*`),
  // info perkembangannya, kabar terbaru, update status
  new RegExp(
    String.raw`\b(?:info|informasi|kabar|update)\w*\s+${ANY_WORD}?(?:perkembangan|kelanjutan|lanjutan|progres|progress|status|terbaru|terkini)`,
  ),
  // kapan dibalas, kapan laporan saya diproses
  new RegExp(String.raw`\b(?:kapan|kpn)\s+${ANY_WORD}{0,3}?${HANDLING_VERB}\b`),
  // kok belum dibalas, kenapa laporan saya belum diproses, belum ada balasan
  new RegExp(String.raw`\b${NOT_YET}\s+(?:ada\s+|juga\s+)?(?:${REPLY_VERB}\b|${ANSWER_NOUN})`),
  // apakah sudah diproses, apa laporan saya masih ditangani
  new RegExp(String.raw`\b(?:apakah|apa)\s+${ANY_WORD}{0,3}?(?:sudah|udah|udh|sdh|masih)\s+${HANDLING_VERB}\b`),
  // status pengaduan saya, cek status laporan
  new RegExp(String.raw`\bstatus\s+${ANY_WORD}?${COMPLAINT}`),
  // any update(s)?, any news on my complaint
  /\bany\s+(?:\S+\s+)?(?:update|updates|news|progress|feedback)\b/,
  // what's the status, what is the progress
  /\b(?:what'?s|what\s+is|whats)\s+the\s+(?:status|progress)\b/,
  // status of my complaint
  /\bstatus\s+of\s+(?:my|the)\s+(?:complaint|ticket|report|case|request)\b/,
  // still waiting for a reply, haven't heard back
  /\bwaiting\s+for\s+(?:a\s+|an\s+|your\s+)?(?:reply|response|answer|update)\b/,
  /\bhaven'?t\s+(?:heard|received)\s+(?:back|a\s+(?:reply|response|answer))\b/,
  // following up on my complaint
  /\bfollow(?:ing)?[\s-]up\s+on\b/,
];

/** More words than this in the subject and new text say more than "where does my complaint stand?". */
export const STATUS_QUESTION_MAX_WORDS = 40;

export interface StatusQuestionInput {
  subject: string;
  /** What the participant wrote now: their new text, not quoted or forwarded mail. */
  body: string;
  fields: Pick<Fields, 'cardNumber' | 'phone' | 'nik'>;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/** Whether the mail only asks where the participant's complaint stands. */
export function asksOnlyForStatus({ subject, body, fields }: StatusQuestionInput): boolean {
  if (fields.cardNumber || fields.phone || fields.nik) return false;
  const text = normaliseForRules(`${cleanSubject(subject)}\n${body}`);
  if (words(text) > STATUS_QUESTION_MAX_WORDS) return false;
  return STATUS_PHRASES.some((p) => p.test(text));
}
