/** KeyStore with fixed keys: the CLI, the use-case tests and the local stack (never deployed). */
import type { KeyPurpose, KeyStore } from '#ports';

/** The development key of the in-memory adapters and the local stack: not a secret, never deployed. */
export const DEV_SURVEY_KEY = 'local-development-survey-key-not-a-secret';

export class FixedKeys implements KeyStore {
  constructor(private readonly keys: Record<KeyPurpose, string>) {}

  async key(purpose: KeyPurpose): Promise<Uint8Array> {
    return new TextEncoder().encode(this.keys[purpose]);
  }
}
