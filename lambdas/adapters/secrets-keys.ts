/**
 * KeyStore over Secrets Manager, read with Powertools Parameters: a secret string per purpose
 * (created by the storage stack), fetched once and cached for five minutes per function instance.
 */

import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KeyPurpose, KeyStore } from '#ports';

const CACHE_SECONDS = 300;

export class SecretsManagerKeys implements KeyStore {
  private readonly provider: SecretsProvider;

  constructor(
    private readonly secretIds: Partial<Record<KeyPurpose, string>>,
    client: SecretsManagerClient,
  ) {
    this.provider = new SecretsProvider({ awsSdkV3Client: client });
  }

  async key(purpose: KeyPurpose): Promise<Uint8Array> {
    const id = this.secretIds[purpose];
    if (!id) throw new Error(`no secret is configured for the ${purpose} key`);
    const value = await this.provider.get(id, { maxAge: CACHE_SECONDS });
    if (typeof value === 'string' && value.length >= 32) return new TextEncoder().encode(value);
    if (value instanceof Uint8Array && value.length >= 32) return value;
    throw new Error(`the ${purpose} key secret is missing or shorter than 32 characters`);
  }
}
