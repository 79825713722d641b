import type { Redis } from 'ioredis';
import type { BotConfig } from '../../../src/config';
import { handleChatEvent } from '../events/handle-chat-event';
import { chatApiFromConfig } from '../messenger/chat-worker-messenger';
import { ChatEventSubscriber } from '../pubsub/chat-event-subscriber';
import { postAnswer } from '../pubsub/post-answer';
import { type GoogleChatWebConfig, type GoogleChatWebOptions, chatWebDeps } from './google-chat-web';

export interface GoogleChatSubscriberOptions extends GoogleChatWebOptions {
  config: GoogleChatWebConfig &
    Pick<
      BotConfig,
      | 'GOOGLE_CHAT_SUBSCRIPTION'
      | 'GOOGLE_CLOUD_PROJECT'
      | 'IMAGESTREAM_REDIS_PREFIX'
      | 'CHAT_API_ENDPOINT'
      | 'GOOGLE_OAUTH_ACCESS_TOKEN'
      | 'IMAGESTREAM_HTTP_TIMEOUT_MS'
    >;
  /** A fail-fast connection (the producer): a claim must not wait in a queue while Redis is down. */
  redis: Redis;
  /** Shorter waits for tests: before a nack, and the first reopen of a lost stream. */
  timing?: { nackDelayMs?: number; restartBaseMs?: number };
}

/**
 * Google Chat over Pub/Sub (GOOGLE_CHAT_SUBSCRIPTION): pulls the events Chat publishes, runs each
 * exactly once through the same handling as the HTTP route, and posts what the HTTP route would
 * have answered through the Chat API. Started, or undefined when no subscription is configured.
 */
export async function startGoogleChatSubscriber(
  options: GoogleChatSubscriberOptions,
): Promise<ChatEventSubscriber | undefined> {
  const { config, logger } = options;
  if (config.GOOGLE_CHAT_SUBSCRIPTION === undefined) return undefined;
  const deps = chatWebDeps(options);
  const chat = chatApiFromConfig(config);
  const subscriber = new ChatEventSubscriber({
    subscription: config.GOOGLE_CHAT_SUBSCRIPTION,
    // Built from options, so stop() closes it (PUBSUB_EMULATOR_HOST points it at an emulator).
    pubsub: config.GOOGLE_CLOUD_PROJECT ? { projectId: config.GOOGLE_CLOUD_PROJECT } : {},
    redis: options.redis,
    keyPrefix: `${config.IMAGESTREAM_REDIS_PREFIX}:`,
    logger,
    ...options.timing,
    handle: async (event, meta) => {
      const answer = await handleChatEvent(event, deps);
      if (answer) await postAnswer(chat, event, answer, { messageId: meta.messageId, logger });
    },
  });
  await subscriber.start();
  logger.info({ subscription: config.GOOGLE_CHAT_SUBSCRIPTION }, 'google chat event subscriber started');
  return subscriber;
}
