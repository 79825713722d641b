import type { WebClient } from '@slack/web-api';
import { createWebClient, type WebClientOptions } from '../web-api/create-web-client';

/**
 * The Web API client the outbox wants: the bot's client, but failing at once on 429, 5xx and
 * network errors instead of retrying inside the call, so that the outbox paces the channel by
 * Retry-After for every replica and retries through BullMQ (the pending message survives a restart).
 */
export function createOutboxWebClient(
  token: string,
  slackApiUrl: string,
  options: Pick<WebClientOptions, 'logger' | 'fetch'> = {},
): WebClient {
  return createWebClient(token, slackApiUrl, { ...options, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}
