/** The survey key: Secrets Manager when deployed, a fixed key on the local stack (a module of its own: it loads the Secrets Manager client). */
import type { KeyStore } from '#ports';
import type { AwsClients } from '../clients.ts';
import { FixedKeys } from '../fixed-keys.ts';
import { SecretsManagerKeys } from '../secrets-keys.ts';
import type { Resources } from './resources.ts';

export function keys(r: Resources, clients: Pick<AwsClients, 'secrets'>) {
  let built: KeyStore | undefined;
  return () => {
    if (r.SURVEY_KEY_SECRET) built ??= new SecretsManagerKeys({ survey: r.SURVEY_KEY_SECRET }, clients.secrets);
    else if (r.DEV_SURVEY_KEY) built ??= new FixedKeys({ survey: r.DEV_SURVEY_KEY });
    else throw new Error('SURVEY_KEY_SECRET is not configured for this function');
    return built;
  };
}
