import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { OutboxSender, SendFailure } from '../../../src/chat/outbox-sender';
import { errorMessage } from '../../../src/errors';
import type { WebConversation } from '../state/web-conversation';
import { WEB } from '../web-ids';

/**
 * The alert outbox's writes to the web chat. The key makes a retried post or thread reply land once
 * (the conversation returns the message its key already posted). The pace is the playground's
 * choice, short so a storm is seen growing, not a platform's limit.
 */
export class WebOutboxSender implements OutboxSender {
  readonly platform = WEB;

  constructor(
    private readonly chat: WebConversation,
    readonly perSpaceIntervalMs = 250,
  ) {}

  async post(to: ConversationRef, message: MessageDocument, key: string): Promise<MessageRef> {
    const posted = this.chat.post({
      space: to.space,
      ...(to.thread ? { thread: to.thread } : {}),
      document: message,
      key,
    });
    return { platform: WEB, space: posted.space, message: posted.id };
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    this.chat.update(ref.space, ref.message, message);
  }

  /** "Still happening": a reply in the alert's thread (the thread is the root message's id). */
  async replyInThread(ref: MessageRef, message: MessageDocument, key: string): Promise<void> {
    this.chat.post({ space: ref.space, thread: ref.message, document: message, key });
  }

  // Nothing here depends on a remote party: whatever failed is worth retrying (and showing loudly).
  classify(err: unknown): SendFailure {
    return { kind: 'transient', message: errorMessage(err) };
  }
}
