/** The AWS resources a function's adapters use, named as in its environment. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface Resources {
  TABLE_NAME: string;
  /** Days raw mail is kept after receipt; set-aside records of mail expire with it. */
  RAW_MAIL_RETENTION_DAYS?: number;
  INBOUND_QUEUE_URL?: string;
  INBOUND_DLQ_URL?: string;
  OUTBOUND_DLQ_URL?: string;
  OUTBOUND_QUEUE_URL?: string;
  SES_CONFIGURATION_SET?: string;
  /** The Secrets Manager secret holding the NIK hash key. */
  NIK_HASH_KEY_SECRET_ARN?: string;
  /** The survey key's secret in Secrets Manager (deployed). */
  SURVEY_KEY_SECRET?: string;
  /** A fixed survey key instead (the local stack only: it has no Secrets Manager). */
  DEV_SURVEY_KEY?: string;
}
