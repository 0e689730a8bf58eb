/** Indonesian labels, WIB times and masks for display. Pure: the clock is passed in where needed. */
import type { AuditAction, Category, Priority, SentReply, TicketStatus } from './api.ts';

export const CATEGORY_LABEL: Record<Category, string> = {
  incentive: 'Insentif',
  certificate: 'Sertifikat',
  training: 'Pelatihan',
  account: 'Akun',
  registration: 'Pendaftaran',
  fraud: 'Penipuan',
  general: 'Umum',
};

export const STATUS_LABEL: Record<TicketStatus, string> = {
  waiting_participant: 'Menunggu peserta',
  ready: 'Siap',
  claimed: 'Sedang dikerjakan',
  resolved: 'Selesai',
  closed: 'Ditutup',
};

/** An agent action in the ticket's history (the audit trail's `action`). */
export const ACTION_LABEL: Record<AuditAction, string> = {
  claim: 'Mengambil tiket',
  extend: 'Memperpanjang waktu pengerjaan',
  release: 'Melepas tiket',
  resolve: 'Menyelesaikan tiket',
  reassign: 'Memindahkan ke antrean lain',
  note: 'Menulis catatan internal',
  ask: 'Meminta data ke peserta',
  correct_fields: 'Mengoreksi data peserta',
};

/** The label of an action, or the action as recorded when a newer API records one this console does not know. */
export const actionLabel = (action: string): string =>
  Object.hasOwn(ACTION_LABEL, action) ? ACTION_LABEL[action as AuditAction] : action;

/** What became of a reply job: only `sent` reached the participant. */
export const REPLY_STATUS: Record<SentReply['status'], string> = {
  sending: 'Balasan sedang dikirim',
  sent: 'Balasan terkirim',
  failed: 'Balasan gagal dikirim',
  skipped: 'Balasan tidak dikirim',
};

/** What became of a reply, in words: what happened, and its subject (sent) or why not (failed, skipped). */
export function replyOutcome(r: Pick<SentReply, 'status' | 'subject' | 'reason'>): {
  action: string;
  detail: string | null;
} {
  const delivered = r.status === 'sent' || r.status === 'sending';
  return { action: REPLY_STATUS[r.status], detail: delivered ? r.subject : r.reason };
}

/** When a reply went out, or (not sent) when it was queued. */
export const replyTime = (r: SentReply): string => r.sentAt ?? r.at;

export const PRIORITY_LABEL: Record<Priority, string> = {
  urgent: 'Mendesak',
  high: 'Tinggi',
  normal: 'Normal',
  low: 'Rendah',
};

const WIB = 'Asia/Jakarta';
const dateTime = new Intl.DateTimeFormat('id-ID', {
  timeZone: WIB,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const timeOnly = new Intl.DateTimeFormat('id-ID', {
  timeZone: WIB,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Sen 11 Mar 14.05 WIB" (Indonesian conventions: dot between hours and minutes). */
export function wib(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${dateTime
    .format(d)
    .replace(/\s+pukul\s+/, ' ')
    .replace(/,/g, '')} WIB`;
}

export function wibTime(iso: string): string {
  return `${timeOnly.format(new Date(iso))} WIB`;
}

/** "2 j 05 mnt", "14 mnt", "45 dtk": an age or a remaining time, to the minute above an hour. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} dtk`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} mnt`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} j ${String(m % 60).padStart(2, '0')} mnt`;
  return `${Math.floor(h / 24)} hari ${h % 24} j`;
}

/** "14:05" for a countdown (minutes:seconds), "-0:12" once past. */
export function countdown(ms: number): string {
  const neg = ms < 0;
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${neg ? '-' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function keep(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail);
}

/** The same masks as the API's (lambdas/core/mask.ts): enough to recognise, not to use. */
export const mask = {
  card: (v: string) => keep(v, 4, 4),
  phone: (v: string) => keep(v, 6, 4),
  nik: (v: string) => keep(v, 4, 0),
};

/** 16 digits in groups of four, as printed on the card. */
export function groupCard(card: string): string {
  return card.replace(/(.{4})(?=.)/g, '$1 ');
}

/** "+62 857-2210-6634": an E.164 Indonesian number in the usual groups; anything else as is. */
export function formatPhone(phone: string): string {
  const m = /^\+62(\d{3})(\d{3,4})(\d{3,5})$/.exec(phone);
  return m ? `+62 ${m[1]}-${m[2]}-${m[3]}` : phone;
}
