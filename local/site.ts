/** The complaint address of the local stack and the CLI (on AWS it is the `recipient` CDK context value). */
export const COMPLAINT_ADDRESS = 'pengaduan@prakerja.example.id';

/**
 * The local stack's HMAC keys (the NIK hash; the CSAT links later): fixed, public, for `npm start`
 * and tests only. On AWS each key is a Secrets Manager secret the storage stack generates.
 */
export const LOCAL_ONLY_KEYS = {
  nik: 'local-only-nik-hash-key-never-use-this-anywhere-else',
  csat: 'local-only-csat-link-key-never-use-this-anywhere-else',
} as const;
