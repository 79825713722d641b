import type { BotConfig } from '../../../src/config';
import type { SlackChatClient } from './slack-chat-client';
import { SlackMessenger } from './slack-messenger';

/** Shorter backoff of command replies than production's (tests). */
export interface ReplyRetry {
  baseMs: number;
  maxMs: number;
}

/**
 * The worker's Slack messenger: the bot's Web API client, and replies posted with the metered
 * fetch to Slack's response URLs (or the configured test prefix), in order per channel and user.
 */
export function slackWorkerMessenger(
  config: Pick<BotConfig, 'SLACK_RESPONSE_URL_PREFIX'>,
  web: SlackChatClient,
  fetch: typeof globalThis.fetch,
  replyRetry?: ReplyRetry,
): SlackMessenger {
  return new SlackMessenger({
    web,
    responseUrl: {
      fetch,
      allowedPrefix: config.SLACK_RESPONSE_URL_PREFIX,
      ...(replyRetry ? { retryBaseMs: replyRetry.baseMs, retryMaxMs: replyRetry.maxMs } : {}),
    },
  });
}
