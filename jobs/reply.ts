import { UnrecoverableError } from 'bullmq';
import { ReplyStoppedError } from '../src/chat/messenger-errors';
import { messengerFor } from '../src/chat/messengers';
import { errorMessage } from '../src/errors';
import type { JobData } from '../src/queue/job-schemas';
import type { JobRunner } from './worker-deps';

/**
 * A command's answer, handed over by the job that made it: given to the messenger of its
 * conversation's platform, which retries through an outage for as long as the platform's reply
 * handle lives (counted from when the reply was queued). Only a stopping process lets another
 * worker try again; any other failure (the platform refused it, the handle expired, the time ran
 * out) is final.
 */
export const runReply: JobRunner<JobData<'reply'>, 'messengers'> = async (
  { replyTo, message, visibility, replaceOriginal },
  deps,
  job,
) => {
  try {
    await messengerFor(deps.messengers, replyTo.conversation.platform).reply(replyTo.conversation, message, {
      ...(visibility ? { visibility } : {}),
      ...(replaceOriginal !== undefined ? { replaceOriginal } : {}),
      requester: replyTo.requester,
      queuedAt: job.timestamp,
    });
  } catch (err) {
    if (err instanceof ReplyStoppedError) throw err;
    throw new UnrecoverableError(errorMessage(err));
  }
};
