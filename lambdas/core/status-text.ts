/**
 * The participant's status in Indonesian words, shared by the status page and the replies: step
 * names, times in WIB, when to expect an answer, and the link to the status page.
 */
import { type ServiceDay, WIB_SERVICE_DAY } from './sla.ts';
import type { ExpectedAnswer, Step, TimelineStep } from './status.ts';
import { formatWib, serviceHoursText } from './wib.ts';

export const STEP_LABELS: Record<Step, string> = {
  received: 'Diterima',
  waiting_data: 'Menunggu data dari Anda',
  in_progress: 'Sedang ditangani',
  answered: 'Dijawab',
  closed: 'Ditutup',
};

/** What an upcoming step's time means. */
const UPCOMING_AT: Partial<Record<Step, string>> = {
  answered: 'paling lambat',
  closed: 'otomatis bila tidak ada balasan dari Anda sampai',
};

/** "Dijawab: Senin, 11 Maret 2024 pukul 14.05 WIB", or for what is still to come "(belum)". */
export function stepWhen(s: TimelineStep): string {
  if (s.state === 'upcoming') {
    const prefix = UPCOMING_AT[s.step];
    return s.at && prefix ? `${prefix} ${formatWib(s.at)}` : 'belum';
  }
  return s.state === 'current' ? `sejak ${formatWib(s.at ?? '')}` : formatWib(s.at ?? '');
}

/** "sekitar 14 jam layanan lagi" */
function hoursLeft(hours: number): string {
  return hours < 1 ? 'kurang dari 1 jam layanan lagi' : `sekitar ${Math.round(hours)} jam layanan lagi`;
}

/** One or two sentences: when the participant can expect our answer, in service hours. */
export function expectedAnswerText(e: ExpectedAnswer, day: ServiceDay = WIB_SERVICE_DAY): string {
  const hours = `Jam layanan kami ${serviceHoursText(day)} setiap hari.`;
  switch (e.kind) {
    case 'by':
      return `Perkiraan jawaban: paling lambat ${formatWib(e.dueAt)} (${hoursLeft(e.serviceHoursLeft)}). ${hours}`;
    case 'overdue':
      return `Jawaban kami melewati target (${formatWib(e.dueAt)}). Mohon maaf; pengaduan Anda kini kami dahulukan.`;
    case 'after_data':
      return `Setelah data Anda lengkap, kami menjawab paling lambat ${e.serviceHours} jam layanan kemudian. ${hours}`;
    case 'answered':
      return `Pengaduan Anda sudah kami jawab pada ${formatWib(e.at)} melalui email.`;
    case 'closed_unanswered':
      return `Tiket ini kami tutup pada ${formatWib(e.at)} karena kami tidak menerima balasan Anda atas permintaan kami. Bila masalah Anda belum selesai, balas email kami tentang tiket ini untuk melanjutkannya.`;
  }
}

/** The status page of a ticket under the public API's base URL (`https://…/cek/PRK-XXXXXXXX`). */
export function statusPageUrl(baseUrl: string, ticketRef: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/cek/${encodeURIComponent(ticketRef)}`;
}
