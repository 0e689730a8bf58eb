/** The step after a change that wrote a reply into its ticket's outbox (agent replies, waiting mails). */
import type { Outbox, ReplyJob, ReplyQueue } from '#ports';

/**
 * Queues a reply already in its ticket's outbox and confirms it there. False when the queue
 * refused it: it stays pending, and the sweeper queues it again once it is old enough.
 */
export async function queueFromOutbox(
  d: { replies: ReplyQueue; outbox: Outbox },
  ref: string,
  job: ReplyJob,
): Promise<boolean> {
  const failed = await d.replies.enqueue([job]);
  if (failed.length > 0) return false;
  await d.outbox.confirm(ref, job.jobId);
  return true;
}
