/** The SQS client (one module per SDK package: a Lambda bundle loads only those its flow uses). */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { ClientBuilder } from '../clients.ts';

export const sqs: ClientBuilder<SQSClient> = (c, o, instrument) =>
  instrument(new SQSClient({ region: c.AWS_REGION, endpoint: c.AWS_ENDPOINT_URL_SQS, credentials: o.credentials }));
