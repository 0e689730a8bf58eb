/** The Secrets Manager client (one module per SDK package: a Lambda bundle loads only those its flow uses). */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ClientBuilder } from '../clients.ts';

export const secrets: ClientBuilder<SecretsManagerClient> = (c, o, instrument) =>
  instrument(new SecretsManagerClient({ region: c.AWS_REGION, credentials: o.credentials }));
