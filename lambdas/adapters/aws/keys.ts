/**
 * The function's secret keys (a module of its own: it loads the Secrets Manager client): each
 * purpose from the secret its function is configured with (NIK_HASH_KEY_SECRET_ARN,
 * SURVEY_KEY_SECRET), or, on the local stack, the fixed development survey key (DEV_SURVEY_KEY).
 */
import type { KeyRing } from '#ports';
import type { AwsClients } from '../clients.ts';
import { FixedKeyRing } from '../fixed-keys.ts';
import { SecretsKeyRing } from '../secrets-key-ring.ts';
import type { Resources } from './resources.ts';

export function keyRing(r: Resources, clients: Pick<AwsClients, 'secrets'>): () => KeyRing {
  let built: KeyRing | undefined;
  return () =>
    (built ??= r.DEV_SURVEY_KEY
      ? new FixedKeyRing({ survey: r.DEV_SURVEY_KEY })
      : new SecretsKeyRing(clients.secrets, { nik: r.NIK_HASH_KEY_SECRET_ARN, survey: r.SURVEY_KEY_SECRET }));
}
