/**
 * A KeyRing with keys given in code: the use-case tests, the CLI, and the local stack (with its
 * local-only development keys, local/site.ts). Never deployed: on AWS the keys are secrets.
 */
import type { HmacKeyPurpose, KeyRing } from '#ports';

export class FixedKeyRing implements KeyRing {
  constructor(private readonly keys: Readonly<Record<HmacKeyPurpose, string>>) {}

  async hmacKey(purpose: HmacKeyPurpose): Promise<Uint8Array> {
    return new TextEncoder().encode(this.keys[purpose]);
  }
}
