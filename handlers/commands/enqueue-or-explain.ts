import type { JobsOptions } from 'bullmq';
import { checkJobScope } from '../../src/access/job-targets';
import { emoji, rich } from '../../src/chat/rich-text';
import type { RichText } from '../../src/chat/rich-text';
import type { JobName, JobPayload } from '../../src/queue/job-schemas';
import { JobPayloadError } from '../../src/queue/job-payload-error';
import { errorMessage } from '../../src/errors';
import { beforeAck } from '../ack-deadline';
import type { WebDeps } from '../web-deps';
import { CommandAnswer, privateError, privateText } from './command-reply';

// What a payload field is called for the user (the fields the platform fills in, not what they typed).
const FIELD_NAMES: Record<string, string> = {
  'replyTo.requester': 'user id',
  'replyTo.conversation.space': 'channel id',
  'replyTo.conversation.replyHandle': 'response URL',
  'replyTo.userId': 'user id',
  'replyTo.channelId': 'channel id',
  'replyTo.responseUrl': 'response URL',
};

/**
 * Queues a job and returns the "working on it" answer. Every command that leads to a Google call
 * comes through here: a project or location outside the allow-list is refused now
 * (OutOfScopeError), before anything is queued. When nothing could be queued the answer says so,
 * and why, and counts as an error: a payload the platform filled in with an id of a shape the bot
 * does not accept is named as such; anything else is Redis not answering (producers fail fast,
 * and a hung Redis meets the ack path's deadline), so no request is silently lost.
 */
export async function enqueueOrExplain<N extends JobName>(
  deps: Pick<WebDeps, 'config' | 'logger' | 'queue' | 'scope'>,
  name: N,
  payload: JobPayload<N>,
  working: RichText,
  options?: JobsOptions,
): Promise<CommandAnswer> {
  checkJobScope(deps.scope, name, payload);
  try {
    await beforeAck(deps, deps.queue.enqueue(name, payload, options));
    return privateText(working);
  } catch (err) {
    if (err instanceof JobPayloadError) {
      // The platform's own fields, not secrets: the log says which one, never its value.
      deps.logger.warn(
        { job: name, field: err.field, issue: err.issue },
        'a command with a payload the bot cannot queue',
      );
      const what = FIELD_NAMES[err.field] ?? err.field;
      return privateError(
        rich`${emoji('warning')} The chat platform sent this command with a ${what} the bot does not accept (${err.issue}), so nothing was queued.`,
      );
    }
    deps.logger.error({ err: errorMessage(err), job: name }, 'could not queue a job');
    return privateError(
      rich`${emoji('warning')} The bot's queue is not answering (Redis), so nothing was queued. Please try again in a minute.`,
    );
  }
}
