/** The configuration the functions get from CDK, as the use-case tests wire them on adapters in memory. */
import { SLA_HOURS, WAITING } from '#lib/settings.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';

export const AGENT_API_CONFIG = {
  LEASE_SECONDS: 900,
  SURVEY_DELAY_MINUTES: 60,
  STATUS_REQUESTS_PER_MINUTE: 60,
  COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS],
  SLA_HOURS,
};
export const TRIAGE_CONFIG = { COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS], SLA_HOURS };
export const MAILER_CONFIG = {
  FROM_ADDRESS: 'pengaduan@prakerja.example.id',
  MAX_AUTO_REPLIES_PER_DAY: 3,
  MAX_SENDS_PER_SECOND: 1000,
  STATUS_BASE_URL: 'https://status.prakerja.example.id',
};
export const SWEEPER_CONFIG = {
  SLA_HOURS,
  SURVEY_BASE_URL: 'http://127.0.0.1:3000',
  WAITING_REMIND_AFTER_SERVICE_DAYS: WAITING.remindAfterServiceDays,
  WAITING_CLOSE_AFTER_SERVICE_DAYS: WAITING.closeAfterServiceDays,
  TICKET_RETENTION_DAYS: 365,
};
