/** The survey pages' ports over AWS (a module per flow: a Lambda bundle imports only its flow's SDK packages). */
import type { SurveyPorts } from '#ports';
import type { AwsClients } from '../clients.ts';
import { DynamoRequestQuota } from '../dynamodb/request-quota.ts';
import { DynamoSurveyStore } from '../dynamodb/surveys.ts';
import { keyRing } from './keys.ts';
import type { Resources } from './resources.ts';

export function awsSurveyPorts(r: Resources, clients: Pick<AwsClients, 'dynamo' | 'secrets'>): SurveyPorts {
  return {
    surveyStore: () => new DynamoSurveyStore(clients.dynamo, r.TABLE_NAME),
    keyRing: keyRing(r, clients),
    requestQuota: () => new DynamoRequestQuota(clients.dynamo, r.TABLE_NAME),
  };
}
