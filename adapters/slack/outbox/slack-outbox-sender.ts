import type { WebClient } from '@slack/web-api';
import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { OutboxSender, SendFailure } from '../../../src/chat/outbox-sender';
import { toSlackMessage } from '../block-kit/to-slack-message';
import { classifySlackError } from './classify-slack-error';

/** Slack allows about one message a second per channel. */
const SLACK_PER_CHANNEL_INTERVAL_MS = 1000;

/**
 * The alert outbox's writes to Slack: one Web API call each, through a client that neither
 * retries nor waits out a 429 (createOutboxWebClient), so that the outbox sees every failure and
 * paces the channel for all replicas. A space is a channel id; a message is its ts.
 */
export class SlackOutboxSender implements OutboxSender {
  readonly platform = 'slack';
  readonly perSpaceIntervalMs: number;

  constructor(
    private readonly client: WebClient,
    options: { perSpaceIntervalMs?: number } = {},
  ) {
    this.perSpaceIntervalMs = options.perSpaceIntervalMs ?? SLACK_PER_CHANNEL_INTERVAL_MS;
  }

  async post(to: ConversationRef, message: MessageDocument, _key?: string): Promise<MessageRef> {
    const { text, blocks } = toSlackMessage(message);
    const answer = await this.client.chat.postMessage({
      channel: to.space,
      ...(to.thread ? { thread_ts: to.thread } : {}),
      text,
      blocks,
    });
    // Slack answers the channel's id (the map may one day name it otherwise). An answer without a
    // ts gives an empty reference: the outbox then stops rather than post the alert twice.
    return {
      platform: this.platform,
      space: typeof answer.channel === 'string' && answer.channel !== '' ? answer.channel : to.space,
      message: typeof answer.ts === 'string' ? answer.ts : '',
    };
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    const { text, blocks } = toSlackMessage(message);
    await this.client.chat.update({ channel: ref.space, ts: ref.message, text, blocks });
  }

  async replyInThread(ref: MessageRef, message: MessageDocument, _key?: string): Promise<void> {
    const { text, blocks } = toSlackMessage(message);
    await this.client.chat.postMessage({ channel: ref.space, thread_ts: ref.message, text, blocks });
  }

  classify(err: unknown): SendFailure {
    return classifySlackError(err);
  }
}
