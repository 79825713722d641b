import { createChatApi } from '../chat-api/create-chat-api';
import type { ChatRetryPolicy } from './chat-retry';
import { CHAT_RETRY, ChatMessenger } from './chat-messenger';

/** The config the Chat API client is built from (names as in src/config.ts). */
export interface ChatApiConfig {
  /** Base URL of the Chat API (default https://chat.googleapis.com/). */
  CHAT_API_ENDPOINT: string;
  GOOGLE_OAUTH_ACCESS_TOKEN?: string | undefined;
  IMAGESTREAM_HTTP_TIMEOUT_MS: number;
}

/** Shorter backoff of the messenger's retries than production's (tests). */
export interface ChatReplyRetry {
  baseMs: number;
  maxMs: number;
}

/** The Chat API client from config: app authentication, one attempt per call, the bot's HTTP timeout. */
export function chatApiFromConfig(config: ChatApiConfig, fetch?: typeof globalThis.fetch) {
  return createChatApi({
    endpoint: config.CHAT_API_ENDPOINT,
    ...(config.GOOGLE_OAUTH_ACCESS_TOKEN !== undefined ? { accessToken: config.GOOGLE_OAUTH_ACCESS_TOKEN } : {}),
    timeoutMs: config.IMAGESTREAM_HTTP_TIMEOUT_MS,
    ...(fetch ? { fetch } : {}),
  });
}

/**
 * The worker's Google Chat messenger: answers, posts and updates through the Chat API, answers in
 * order per space and person; close() when the process stops ends waits on a Chat outage.
 */
export function chatWorkerMessenger(
  config: ChatApiConfig,
  options: { fetch?: typeof globalThis.fetch; replyRetry?: ChatReplyRetry } = {},
): ChatMessenger {
  const shorten = (policy: ChatRetryPolicy): ChatRetryPolicy =>
    options.replyRetry ? { ...policy, baseMs: options.replyRetry.baseMs, maxMs: options.replyRetry.maxMs } : policy;
  return new ChatMessenger({
    chat: chatApiFromConfig(config, options.fetch),
    retry: { reply: shorten(CHAT_RETRY.reply), call: shorten(CHAT_RETRY.call) },
  });
}
