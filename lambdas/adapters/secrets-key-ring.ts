/**
 * KeyRing over Secrets Manager, through Powertools Parameters (its SecretsProvider on the SDK
 * client given, so the client is timed like the others). Each key is read once per cold start:
 * the promise is kept (Powertools' own cache expires after seconds), and a failed read is not
 * kept, so the next call tries again.
 */

import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KeyPurpose, KeyRing } from '#ports';

/** Shorter keys are refused: an HMAC key should be at least as long as its hash's output. */
const MIN_KEY_LENGTH = 32;

export class SecretsKeyRing implements KeyRing {
  private readonly provider: SecretsProvider;
  private readonly read = new Map<KeyPurpose, Promise<Uint8Array>>();

  /** `secrets`: the secret (ARN or name) holding each purpose's key. */
  constructor(
    client: SecretsManagerClient,
    private readonly secrets: Partial<Record<KeyPurpose, string>>,
  ) {
    this.provider = new SecretsProvider({ awsSdkV3Client: client });
  }

  key(purpose: KeyPurpose): Promise<Uint8Array> {
    let key = this.read.get(purpose);
    if (!key) {
      key = this.fetch(purpose);
      this.read.set(purpose, key);
      key.catch(() => this.read.delete(purpose));
    }
    return key;
  }

  private async fetch(purpose: KeyPurpose): Promise<Uint8Array> {
    const id = this.secrets[purpose];
    if (!id) throw new Error(`no secret is configured for the ${purpose} key`);
    const value = await this.provider.get(id);
    if (typeof value === 'string' && value.length >= MIN_KEY_LENGTH) return new TextEncoder().encode(value);
    if (value instanceof Uint8Array && value.length >= MIN_KEY_LENGTH) return value;
    throw new Error(`the ${purpose} key secret is not a usable key`);
  }
}
