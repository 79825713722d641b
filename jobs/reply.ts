import { UnrecoverableError } from 'bullmq';
import { errorMessage } from '../src/errors';
import type { JobPayload } from '../src/queue/job-schemas';
import { REPLY_RETRY_MS, ReplyStoppedError } from '../src/slack/post-to-response-url';
import type { JobRunner } from './worker-deps';

/**
 * A command's answer, handed over by the job that made it: posted to the response_url, retrying
 * through a Slack outage for what is left of the URL's life (counted from when the reply was
 * queued). Only a stopping process lets another worker try again; any other failure (Slack refused
 * it, the URL expired, the time ran out) is final.
 */
export const runReply: JobRunner<JobPayload<'reply'>> = async ({ replyTo, message, ...options }, deps, job) => {
  const retryForMs = Math.max(0, REPLY_RETRY_MS - (Date.now() - job.timestamp));
  try {
    await deps.deliverReply(replyTo, message, { ...options, retryForMs });
  } catch (err) {
    if (err instanceof ReplyStoppedError) throw err;
    throw new UnrecoverableError(errorMessage(err));
  }
};
