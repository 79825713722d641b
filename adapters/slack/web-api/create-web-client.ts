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

/** How a Web API client is built; every field has the bot's default. */
export interface WebClientOptions {
  /** The app's pino logger; without one, only warnings and errors, on the console. */
  logger?: LogSink;
  /** Default SLACK_RETRY_CONFIG. */
  retryConfig?: RetryOptions;
  /** A metered fetch (BotMetrics.slackFetch) that counts Slack's errors and 429s. */
  fetch?: typeof globalThis.fetch;
  /** Default false: the client honours a 429's Retry-After itself instead of failing. */
  rejectRateLimitedCalls?: boolean;
}

/**
 * The bot's Web API client (chat.postMessage, chat.update, chat.postEphemeral, usergroups.users.list).
 * By default it honours 429 Retry-After itself instead of failing, so no message is dropped under
 * rate limiting.
 */
export function createWebClient(token: string, slackApiUrl: string, options: WebClientOptions = {}): WebClient {
  const { logger, fetch } = options;
  return new WebClient(token, {
    slackApiUrl,
    ...(fetch ? { fetch } : {}),
    retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
    rejectRateLimitedCalls: options.rejectRateLimitedCalls ?? false,
    // Method names only: an absolute URL must never receive the bot token.
    allowAbsoluteUrls: false,
    timeout: 15_000,
    ...(logger ? { logger: toSlackLogger(logger) } : { logLevel: LogLevel.WARN }),
  });
}
