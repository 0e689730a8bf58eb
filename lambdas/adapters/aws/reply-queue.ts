/** The outbound reply queue over SQS, for the flows that queue replies (a module of its own: it loads the SQS client). */
import type { AwsClients } from '../clients.ts';
import { SqsReplyQueue } from '../sqs-reply-queue.ts';
import type { Resources } from './resources.ts';

export function replyQueue(r: Resources, clients: Pick<AwsClients, 'sqs'>) {
  return () => {
    if (!r.OUTBOUND_QUEUE_URL) throw new Error('OUTBOUND_QUEUE_URL is not configured for this function');
    return new SqsReplyQueue(clients.sqs, r.OUTBOUND_QUEUE_URL);
  };
}
