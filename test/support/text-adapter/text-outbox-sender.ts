/**
 * The alert outbox's sender for the text platform: posts, updates and thread replies go into the
 * same transcript as the messenger's (one chat), with no pacing to speak of. Every failure is
 * transient: the transcript never refuses, so one would be a bug worth retrying loudly.
 */
import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { OutboxSender, SendFailure } from '../../../src/chat/outbox-sender';
import { errorMessage } from '../../../src/errors';
import type { TextMessenger } from './text-messenger';

export class TextOutboxSender implements OutboxSender {
  readonly platform = 'text';
  readonly perSpaceIntervalMs = 10;

  constructor(private readonly chat: TextMessenger) {}

  // The transcript has no client-assigned ids: the keys are ignored.
  post(to: ConversationRef, message: MessageDocument, _key?: string): Promise<MessageRef> {
    return this.chat.post(to, message);
  }

  update(ref: MessageRef, message: MessageDocument): Promise<void> {
    return this.chat.update(ref, message);
  }

  async replyInThread(ref: MessageRef, message: MessageDocument, _key?: string): Promise<void> {
    await this.chat.post({ platform: ref.platform, space: ref.space, thread: ref.message }, message);
  }

  classify(err: unknown): SendFailure {
    return { kind: 'transient', message: errorMessage(err) };
  }
}
