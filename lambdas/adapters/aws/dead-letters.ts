/** The work queues' dead-letter queues over SQS, for the flows that dead-letter at once or let ops redrive. */
import type { AwsClients } from '../clients.ts';
import { SqsDeadLetters } from '../sqs-dead-letters.ts';
import type { Resources } from './resources.ts';

export function deadLetters(r: Resources, clients: Pick<AwsClients, 'sqs'>) {
  return () =>
    new SqsDeadLetters(clients.sqs, {
      inbound: { queue: r.INBOUND_QUEUE_URL, dlq: r.INBOUND_DLQ_URL },
      outbound: { queue: r.OUTBOUND_QUEUE_URL, dlq: r.OUTBOUND_DLQ_URL },
    });
}
