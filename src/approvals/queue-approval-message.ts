import type { JobQueue } from '../queue/job-queue';

/**
 * Queues an update of a request's message to its current state (the `approval-message` job, on
 * the `replies` queue), so neither a click's listener nor the change waits for Slack. One update
 * waits at a time (more while one waits add nothing: it reads the newest state when it runs), and
 * one more is kept while one runs, so a step made mid-update still shows.
 */
export async function queueApprovalMessage(queue: Pick<JobQueue, 'enqueue'>, requestId: string): Promise<void> {
  await queue.enqueue(
    'approval-message',
    { requestId },
    {
      deduplication: { id: `approval-message-${requestId}`, keepLastIfActive: true },
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600 },
    },
  );
}
