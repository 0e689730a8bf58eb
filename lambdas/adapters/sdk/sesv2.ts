/** The SES v2 client (one module per SDK package: a Lambda bundle loads only those its flow uses). */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { ClientBuilder } from '../clients.ts';

export const ses: ClientBuilder<SESv2Client> = (c, o, instrument) =>
  instrument(new SESv2Client({ region: c.AWS_REGION, endpoint: c.AWS_ENDPOINT_URL_SES, credentials: o.credentials }));
