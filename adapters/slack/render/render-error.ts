import { toSlackMessage } from '../block-kit/to-slack-message';
import { jobErrorMessage } from '../../../src/render/error-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** A job that failed for good, in Block Kit (src/render/error-message.ts builds it). */
export function renderJobError(message: string): SlackMessage {
  return toSlackMessage(jobErrorMessage(message));
}
