/**
 * A KeyRing with keys given in code: the use-case tests, the CLI, and the local stack (with its
 * local-only development keys). Never deployed: on AWS each key is a Secrets Manager secret.
 */
import type { KeyPurpose, KeyRing } from '#ports';

/** The survey key of the in-memory adapters and the local stack: not a secret, never deployed. */
export const DEV_SURVEY_KEY = 'local-development-survey-key-not-a-secret';

export class FixedKeyRing implements KeyRing {
  constructor(private readonly keys: Readonly<Partial<Record<KeyPurpose, string>>>) {}

  async key(purpose: KeyPurpose): Promise<Uint8Array> {
    const key = this.keys[purpose];
    if (key === undefined) throw new Error(`no ${purpose} key is configured`);
    return new TextEncoder().encode(key);
  }
}
