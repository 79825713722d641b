import { randomUUID } from 'node:crypto';
import type { chat_v1 } from 'googleapis/build/src/apis/chat';
import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { OutboxSender, SendFailure } from '../../../src/chat/outbox-sender';
import { toChatMessage } from '../cards/to-chat-message';
import { GCHAT } from '../chat-ids';
import { isAlreadyExists } from '../chat-api/chat-api-failure';
import { MESSAGE_CONTENT_MASK, REPLY_OR_NEW_THREAD } from '../chat-api/message-write-options';
import { ChatSendError, sendCall } from './chat-send-error';
import { classifyChatError } from './classify-chat-error';
import { clientMessageId, isClientMessageId } from './client-message-id';

/**
 * The least time between two writes to one space: Chat allows 60 writes (create, patch, delete)
 * per minute per space, shared by every app in it (https://developers.google.com/workspace/chat/limits).
 * 1 s would be the whole quota; 1.1 s (~54 a minute) leaves room for the people's other apps and
 * for the replicas' clocks not quite agreeing.
 */
export const CHAT_PER_SPACE_INTERVAL_MS = 1100;

/**
 * The least time between two message writes of the whole app: 3,000 per minute per project
 * (same page), i.e. one per 20 ms.
 */
export const CHAT_PER_PROJECT_INTERVAL_MS = 20;

/**
 * The alert outbox's writes to Google Chat: one API call each (the client does not retry), so the
 * outbox sees every failure and paces the space for all replicas.
 *
 * A post carries a client-assigned messageId derived from the outbox's key (stable across retries
 * of the same post): a create retried after its answer was lost is refused with ALREADY_EXISTS,
 * and the sender then reads the message the first try created, so an alert is never posted twice.
 * The post's thread key is that same id, and its reference names the message by it
 * (`spaces/S/messages/client-…`), so a "still happening" reply finds the thread from the reference alone.
 */
export class ChatOutboxSender implements OutboxSender {
  readonly platform = GCHAT;
  readonly perSpaceIntervalMs: number;
  /** The pace of the whole app (Chat's per-project write quota), for a pacer across spaces. */
  readonly perPlatformIntervalMs = CHAT_PER_PROJECT_INTERVAL_MS;

  constructor(
    private readonly chat: chat_v1.Chat,
    options: { perSpaceIntervalMs?: number } = {},
  ) {
    this.perSpaceIntervalMs = options.perSpaceIntervalMs ?? CHAT_PER_SPACE_INTERVAL_MS;
  }

  /** `key`: the same for every try of one post (the alert id). Without one the post is not idempotent. */
  async post(to: ConversationRef, message: MessageDocument, key?: string): Promise<MessageRef> {
    const messageId = clientMessageId(key ?? randomUUID());
    const ref = { platform: this.platform, space: to.space, message: `${to.space}/messages/${messageId}` };
    const thread = to.thread ? { name: to.thread } : { threadKey: messageId };
    await this.createOnce(to.space, messageId, { ...toChatMessage(message), thread });
    return ref;
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    await sendCall('patch', () =>
      this.chat.spaces.messages.patch({
        name: ref.message,
        updateMask: MESSAGE_CONTENT_MASK,
        requestBody: { ...toChatMessage(message) },
      }),
    );
  }

  /** `key`: the same for every try of one reply (the alert id and its window). */
  async replyInThread(ref: MessageRef, message: MessageDocument, key?: string): Promise<void> {
    const messageId = clientMessageId(key ?? randomUUID());
    await this.createOnce(ref.space, messageId, { ...toChatMessage(message), thread: await this.threadOf(ref) });
  }

  classify(err: unknown): SendFailure {
    return classifyChatError(err);
  }

  /** Creates the message, or finds that an earlier try did (ALREADY_EXISTS on its messageId). */
  private async createOnce(space: string, messageId: string, requestBody: chat_v1.Schema$Message): Promise<void> {
    try {
      await sendCall('create', () =>
        this.chat.spaces.messages.create({
          parent: space,
          messageId,
          messageReplyOption: REPLY_OR_NEW_THREAD,
          requestBody,
        }),
      );
    } catch (err) {
      if (!(err instanceof ChatSendError && isAlreadyExists(err.failure))) throw err;
      // The id is taken in this space, and only the bot assigns `client-` ids from its keys: make
      // sure the message is there (a read, not a write) rather than trust the refusal blindly.
      await sendCall('get', () => this.chat.spaces.messages.get({ name: `${space}/messages/${messageId}` }));
    }
  }

  /**
   * The thread of a posted message: the key its post was created with (its client id), or, for
   * a message named by Chat's own id, the thread Chat reports for it.
   */
  private async threadOf(ref: MessageRef): Promise<chat_v1.Schema$Thread> {
    const id = ref.message.slice(ref.message.lastIndexOf('/') + 1);
    if (isClientMessageId(id)) return { threadKey: id };
    const found = await sendCall('get', () => this.chat.spaces.messages.get({ name: ref.message }));
    const name = found.data.thread?.name;
    return name ? { name } : { threadKey: id };
  }
}
