import { LogLevel, WebClient, type RetryOptions } from '@slack/web-api';
import { LogSink, toSlackLogger } from './to-slack-logger';

/**
 * Retries of one Web API call: 8 more attempts over about a minute (0.25 s doubling, capped at
 * 30 s). On a 429 the client first waits the Retry-After Slack names (pausing its whole queue),
 * then retries under this policy; 5xx and network failures retry too. Calls answered `ok: false`
 * are not retried: they are the caller's to handle.
 */
export const SLACK_RETRY_CONFIG: RetryOptions = {
  retries: 8,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 30_000,
  randomize: true,
};

/**
 * The bot's Web API client (chat.postMessage, chat.update, chat.postEphemeral, usergroups.users.list).
 * `rejectRateLimitedCalls: false` makes the client honour 429 Retry-After itself instead of failing,
 * so no message is dropped under rate limiting. `logger` may be the app's pino logger; `fetch`, a
 * metered fetch (BotMetrics.slackFetch) that counts Slack's errors and 429s.
 */
export function createWebClient(
  token: string,
  slackApiUrl: string,
  logger?: LogSink,
  retryConfig: RetryOptions = SLACK_RETRY_CONFIG,
  fetch?: typeof globalThis.fetch,
): WebClient {
  return new WebClient(token, {
    slackApiUrl,
    ...(fetch ? { fetch } : {}),
    retryConfig,
    rejectRateLimitedCalls: false,
    // Method names only: an absolute URL must never receive the bot token.
    allowAbsoluteUrls: false,
    timeout: 15_000,
    // Without a logger, only warnings and errors, on the console.
    ...(logger ? { logger: toSlackLogger(logger) } : { logLevel: LogLevel.WARN }),
  });
}
