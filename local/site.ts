import { DEV_SURVEY_KEY } from '#adapters/fixed-keys.ts';

/** The complaint address of the local stack and the CLI (on AWS it is the `recipient` CDK context value). */
export const COMPLAINT_ADDRESS = 'pengaduan@prakerja.example.id';

/**
 * The local stack's secret keys (the NIK hash, the survey links): fixed, public, for `npm start`
 * and tests only. On AWS each key is a Secrets Manager secret the storage stack generates.
 */
export const LOCAL_ONLY_KEYS = {
  nik: 'local-only-nik-hash-key-never-use-this-anywhere-else',
  survey: DEV_SURVEY_KEY,
} as const;
