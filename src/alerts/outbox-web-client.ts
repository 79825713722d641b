import { LogLevel, WebClient } from '@slack/web-api';
import { LogSink, toSlackLogger } from '../slack/to-slack-logger';

/**
 * The Web API client the outbox wants: it fails at once on 429, 5xx and network errors instead of
 * retrying inside the call, so that the outbox paces the channel by Retry-After for every replica
 * and retries through BullMQ (the pending message survives a restart). `fetch` may be a metered
 * fetch (BotMetrics.slackFetch) that counts Slack's errors and 429s.
 */
export function createOutboxWebClient(
  token: string,
  slackApiUrl: string,
  logger?: LogSink,
  fetch?: typeof globalThis.fetch,
): WebClient {
  return new WebClient(token, {
    slackApiUrl,
    ...(fetch ? { fetch } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Method names only: an absolute URL must never receive the bot token.
    allowAbsoluteUrls: false,
    timeout: 15_000,
    ...(logger ? { logger: toSlackLogger(logger) } : { logLevel: LogLevel.WARN }),
  });
}
