/**
 * The Slack adapter's face to the composition root (src/app): everything the bot's roles need to
 * wire Slack in, and nothing else. The rest of adapters/slack is the adapter's own business; the
 * core never imports any of it (test/architecture/chat-seam.test.ts).
 */
export { startSlackWeb } from './app/start-slack-web';
export { SlackApproverDirectory } from './approvers/slack-approver-directory';
export { slackHomeJob, type SlackHomeDeps } from './home/home-job';
export { channelMembers } from './home/channel-members';
export { HomeRefresher } from './home/home-refresher';
export { HomeViewers } from './home/home-viewers';
export { sharedClusterLists } from './home/shared-cluster-lists';
export { slackWorkerMessenger } from './messenger/slack-worker-messenger';
export { createOutboxWebClient } from './outbox/outbox-web-client';
export { SlackOutboxSender } from './outbox/slack-outbox-sender';
export { undeliverableChannels } from './outbox/undeliverable-channels';
export { createWebClient } from './web-api/create-web-client';
export type { SlackWebClient } from './web-api/slack-web-client';
