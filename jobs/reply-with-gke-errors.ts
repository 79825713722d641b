import { UnrecoverableError } from 'bullmq';
import { RemoteError, UsageError, errorMessage } from '../src/errors';
import { GkeError } from '../src/gke/gke-error';
import { renderJobError } from '../src/slack/render-error';
import { ReplyTo } from '../src/queue/job-schemas';
import { WorkerDeps } from './worker-deps';

/**
 * Runs a read-only job and turns its failures into a reply the user can act on:
 * - bad input (a pool that does not exist), permanent GKE errors (403, 404) and Slack refusals
 *   (the bot is not in the channel) are answered at once and not retried (UnrecoverableError);
 * - transient ones (429, 5xx) are thrown again so BullMQ retries with backoff; on the last attempt
 *   the user is told.
 */
export async function replyWithGkeErrors(
  deps: WorkerDeps,
  replyTo: ReplyTo,
  work: () => Promise<void>,
  job?: { attemptsMade: number; opts: { attempts?: number } },
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const permanent =
      err instanceof UsageError ||
      (err instanceof GkeError && !err.retryable) ||
      // Slack said no (not_in_channel, invalid_blocks...): asking again gives the same answer.
      (err as { code?: unknown }).code === 'slack_webapi_platform_error' ||
      // A remote "no" (permission, not found) is not transient either.
      (err instanceof RemoteError && err.status !== undefined && [400, 401, 403, 404].includes(err.status));
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || lastAttempt) {
      await deps.reply(replyTo, renderJobError(errorMessage(err)), { responseType: 'ephemeral' });
      throw new UnrecoverableError(errorMessage(err));
    }
    throw err;
  }
}
