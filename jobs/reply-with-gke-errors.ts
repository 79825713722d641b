import { UnrecoverableError } from 'bullmq';
import { NotPostedError } from '../src/chat/messenger-errors';
import { RemoteError, UsageError, errorMessage } from '../src/errors';
import { GkeError } from '../src/gke/gke-error';
import type { ReplyTarget } from '../src/queue/job-schemas';
import { jobErrorMessage } from '../src/render/error-message';
import type { WorkerDeps } from './worker-deps';

/**
 * Runs a read-only job and turns its failures into a reply the user can act on:
 * - bad input (a pool that does not exist), permanent GKE errors (403, 404) and the chat
 *   platform's final refusals (the bot is not in the channel) are answered at once and not retried
 *   (UnrecoverableError);
 * - transient ones (429, 5xx) are thrown again so BullMQ retries with backoff; on the last attempt
 *   the user is told.
 */
export async function replyWithGkeErrors(
  deps: Pick<WorkerDeps, 'reply'>,
  replyTo: ReplyTarget,
  work: () => Promise<void>,
  job?: { attemptsMade: number; opts: { attempts?: number } },
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const permanent =
      err instanceof UsageError ||
      (err instanceof GkeError && !err.retryable) ||
      // The platform said no (not in the channel, a malformed message): asking again gives the same answer.
      (err instanceof NotPostedError && err.final) ||
      // A remote "no" (permission, not found) is not transient either.
      (err instanceof RemoteError && err.status !== undefined && [400, 401, 403, 404].includes(err.status));
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (permanent || lastAttempt) {
      await deps.reply(replyTo, jobErrorMessage(errorMessage(err)), { visibility: 'private' });
      throw new UnrecoverableError(errorMessage(err));
    }
    throw err;
  }
}
