import type { Issue } from '../validation/parse-or';

/**
 * A job's payload failed its schema before anything reached Redis: a Slack id of a shape the bot
 * does not accept, a response URL that is not one. Not a Redis failure, and not the user's typing
 * (that is checked, with its own messages, before a payload is built): the message names the field.
 */
export class JobPayloadError extends Error {
  constructor(
    readonly job: string,
    /** The dotted path of the first bad field (`replyTo.channelId`). */
    readonly field: string,
    readonly issue: string,
  ) {
    super(`invalid ${job} payload: ${field || 'payload'}: ${issue}`);
    this.name = 'JobPayloadError';
  }

  /** From the first problem the job's schema found. */
  static from(job: string, issue: Issue): JobPayloadError {
    return new JobPayloadError(job, issue.path.join('.'), issue.message);
  }
}
