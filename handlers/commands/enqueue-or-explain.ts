import type { JobsOptions } from 'bullmq';
import { checkJobScope } from '../../src/access/job-targets';
import type { JobName, JobPayload } from '../../src/queue/job-schemas';
import { errorMessage } from '../../src/errors';
import { withTimeout } from '../../src/with-timeout';
import type { WebDeps } from '../web-deps';
import { CommandReply, ephemeral } from './subcommand';

/** Slack wants the ack within 3 s: give Redis at most this long. */
const ENQUEUE_TIMEOUT_MS = 1500;

/**
 * Queues a job and returns the "working on it" reply; if Redis does not answer (producers fail
 * fast), the reply says nothing was queued, so no request is silently lost. Every slash command
 * that leads to a Google call comes through here: a project or location outside the allow-list is
 * refused now (OutOfScopeError), before anything is queued.
 */
export async function enqueueOrExplain<N extends JobName>(
  deps: WebDeps,
  name: N,
  payload: JobPayload<N>,
  working: string,
  options?: JobsOptions,
): Promise<CommandReply> {
  checkJobScope(deps.scope, name, payload);
  try {
    await withTimeout(deps.queue.enqueue(name, payload, options), ENQUEUE_TIMEOUT_MS);
    return ephemeral(working);
  } catch (err) {
    deps.logger.error({ err: errorMessage(err), job: name }, 'could not queue a job');
    return ephemeral(
      ':warning: The job queue is not answering (Redis is unavailable), so nothing was queued. Please try again in a minute.',
    );
  }
}
