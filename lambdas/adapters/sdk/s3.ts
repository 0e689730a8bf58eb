/** The S3 client (one module per SDK package: a Lambda bundle loads only those its flow uses). */
import { S3Client } from '@aws-sdk/client-s3';
import type { ClientBuilder } from '../clients.ts';

// fauxqs (local S3) serves path-style URLs only
export const s3: ClientBuilder<S3Client> = (c, o, instrument) =>
  instrument(
    new S3Client({
      region: c.AWS_REGION,
      endpoint: c.AWS_ENDPOINT_URL_S3,
      forcePathStyle: Boolean(c.AWS_ENDPOINT_URL_S3),
      credentials: o.credentials,
    }),
  );
