/** The DynamoDB document client (one module per SDK package: a Lambda bundle loads only those its flow uses). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientBuilder } from '../clients.ts';

export const dynamo: ClientBuilder<DynamoDBDocumentClient> = (c, o, instrument) =>
  DynamoDBDocumentClient.from(
    instrument(
      new DynamoDBClient({ region: c.AWS_REGION, endpoint: c.AWS_ENDPOINT_URL_DYNAMODB, credentials: o.credentials }),
    ),
    { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } },
  );
