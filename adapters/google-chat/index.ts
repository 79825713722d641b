/**
 * The Google Chat adapter's face to the composition root (src/app): what the bot's roles need to
 * wire Google Chat in, and nothing else. The core never imports any of adapters/google-chat
 * (test/architecture/chat-seam.test.ts).
 */
export { googleChatRoutes, type GoogleChatWebOptions } from './app/google-chat-web';
export { GOOGLE_CHAT_EVENTS_PATH } from './app/chat-events-route';
export { ChatApproverDirectory } from './approvers/chat-approver-directory';
export { chatApiFromConfig, chatWorkerMessenger, type ChatReplyRetry } from './messenger/chat-worker-messenger';
export { ChatOutboxSender } from './outbox/chat-outbox-sender';
export { startGoogleChatSubscriber, type GoogleChatSubscriberOptions } from './app/google-chat-subscriber';
