import { toSlackMessage } from '../../adapters/slack/block-kit/to-slack-message';
import { usageErrorMessage } from '../render/usage-error-message';
import type { SlackMessage } from './slack-message';

/** A usage error in Block Kit (src/render/usage-error-message.ts builds it). */
export function renderUsageError(message: string, subcommand?: string): SlackMessage {
  return toSlackMessage(usageErrorMessage(message, subcommand));
}
