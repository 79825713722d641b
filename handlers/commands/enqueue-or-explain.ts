import type { JobsOptions } from 'bullmq';
import { checkJobScope } from '../../src/access/job-targets';
import type { JobName, JobPayload } from '../../src/queue/job-schemas';
import { JobPayloadError } from '../../src/queue/job-payload-error';
import { errorMessage } from '../../src/errors';
import { beforeAck } from '../ack-deadline';
import type { WebDeps } from '../web-deps';
import { CommandReply, ephemeral } from './subcommand';

// What a payload field is called for the user (the fields Slack fills in, not what they typed).
const FIELD_NAMES: Record<string, string> = {
  'replyTo.userId': 'user id',
  'replyTo.channelId': 'channel id',
  'replyTo.responseUrl': 'response URL',
};

/**
<<<<<<< HEAD
 * Queues a job and returns the "working on it" reply; if Redis does not answer (producers fail
 * fast), the reply says nothing was queued, so no request is silently lost. Every slash command
 * that leads to a Google call comes through here: a project or location outside the allow-list is
 * refused now (OutOfScopeError), before anything is queued.
=======
 * Queues a job and returns the "working on it" reply. When nothing could be queued the reply says
 * so, and why, and counts as an error: a payload Slack filled in with an id of a shape the bot
 * does not accept is named as such; anything else is Redis not answering (producers fail fast,
 * and a hung Redis meets the ack path's deadline).
>>>>>>> queues
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
    await beforeAck(deps, deps.queue.enqueue(name, payload, options));
    return ephemeral(working);
  } catch (err) {
    if (err instanceof JobPayloadError) {
      // Slack's own fields, not secrets: the log says which one, never its value.
      deps.logger.warn(
        { job: name, field: err.field, issue: err.issue },
        'a command with a payload the bot cannot queue',
      );
      const what = FIELD_NAMES[err.field] ?? err.field;
      return {
        ...ephemeral(
          `:warning: Slack sent this command with a ${what} the bot does not accept (${err.issue}), so nothing was queued.`,
        ),
        outcome: 'error',
      };
    }
    deps.logger.error({ err: errorMessage(err), job: name }, 'could not queue a job');
    return {
      ...ephemeral(
        ":warning: The bot's queue is not answering (Redis), so nothing was queued. Please try again in a minute.",
      ),
      outcome: 'error',
    };
  }
}
