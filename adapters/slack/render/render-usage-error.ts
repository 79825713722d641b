import { toSlackMessage } from '../block-kit/to-slack-message';
import { usageErrorMessage } from '../../../src/render/usage-error-message';
import type { SlackMessage } from '../block-kit/slack-message';

/** A usage error in Block Kit (src/render/usage-error-message.ts builds it). */
export function renderUsageError(message: string, subcommand?: string): SlackMessage {
  return toSlackMessage(usageErrorMessage(message, subcommand));
}
