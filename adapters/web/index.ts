/**
 * The web chat: the playground's chat platform (`web`), plugged into the bot by code
 * (src/app/platform-plugin.ts), never by config, so `npm start` never serves it. One channel
 * (`playground`), users chosen on the page (`alice` asks, `bob` approves), messages in memory.
 */
import type { PlatformPlugin } from '../../src/app/platform-plugin';
import { playgroundRoutes } from './app/playground-routes';
import { WebApproverDirectory } from './approvers/web-approver-directory';
import { WebMessenger } from './messenger/web-messenger';
import { WebOutboxSender } from './outbox/web-outbox-sender';
import { WebConversation } from './state/web-conversation';
import { isWebMessageId } from './state/web-message-id';
import { PLAYGROUND, PLAYGROUND_SPACE, WEB } from './web-ids';

export { WebApproverDirectory } from './approvers/web-approver-directory';
export { WebMessenger } from './messenger/web-messenger';
export { WebOutboxSender } from './outbox/web-outbox-sender';
export {
  type NewWebMessage,
  WebConversation,
  type WebConversationOptions,
  type WebListener,
  WebMessageNotFound,
} from './state/web-conversation';
export { isWebMessageId } from './state/web-message-id';
export { PLAYGROUND, PLAYGROUND_SPACE, WEB, webPrincipal, webUserSchema } from './web-ids';
export { type WebMessage, visibleToUser } from './web-message';

export interface WebChatOptions {
  /** The outbox's least time between two alert writes to the channel (default 250 ms). */
  perSpaceIntervalMs?: number;
  now?: () => number;
  /** How many messages the channel keeps (default 500). */
  maxMessages?: number;
  /** Who approves (default bob). */
  approvers?: string[];
}

/** The plugin for startBot's `plugins`, and the conversation it serves (the simulator and tests read it). */
export interface WebChat {
  plugin: PlatformPlugin;
  state: WebConversation;
}

export function createWebChat(options: WebChatOptions = {}): WebChat {
  const state = new WebConversation({
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxMessages !== undefined ? { maxMessages: options.maxMessages } : {}),
  });
  const plugin: PlatformPlugin = {
    platform: WEB,
    directory: new WebApproverDirectory(options.approvers),
    messenger: new WebMessenger(state),
    outboxSender: new WebOutboxSender(state, options.perSpaceIntervalMs),
    routes: (deps) => playgroundRoutes(state, deps),
    // Every alert also goes to the playground's channel.
    alertRoutes: () => [{ ...PLAYGROUND }],
    messageIdFits: (ref) => ref.platform === WEB && ref.space === PLAYGROUND_SPACE && isWebMessageId(ref.message),
  };
  return { plugin, state };
}
