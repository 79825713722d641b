import type { JobName } from './job-schemas';

/**
 * The BullMQ queues jobs are split over, each with Workers of its own concurrency, so one kind of
 * work cannot take every slot from another:
 * - `changes`: approved changes (`apply`): they reach GKE within seconds whatever else is queued;
 * - `replies`: chat replies and approval message updates, which may wait out a Slack outage for
 *   many minutes without holding a read's or a change's slot;
 * - `jobs`: everything else: the reads (status, check, verify, errors, the Home) and the jobs that
 *   prepare an approval request.
 */
export const QUEUE_NAMES = ['jobs', 'changes', 'replies'] as const;

export type QueueName = (typeof QUEUE_NAMES)[number];

const ROUTES: Partial<Record<JobName, QueueName>> = {
  apply: 'changes',
  reply: 'replies',
  'approval-message': 'replies',
  // Only updates a message: it waits on Slack, like a reply.
  expire: 'replies',
};

/** The queue a job goes through. */
export function queueOf(name: JobName): QueueName {
  return ROUTES[name] ?? 'jobs';
}
