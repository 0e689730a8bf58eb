/** The surge store over DynamoDB, for the flows that read or feed the detector. */
import type { SurgeStoreSettings } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoSurgeStore } from '../dynamodb/surge-store.ts';
import type { Resources } from './resources.ts';

export function surgeStore(r: Resources, clients: Pick<AwsClients, 'dynamo'>) {
  return (settings: SurgeStoreSettings) => new DynamoSurgeStore(clients.dynamo, r.TABLE_NAME, settings);
}
