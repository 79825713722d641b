import { randomUUID } from 'node:crypto';
import type { chat_v1 } from 'googleapis/build/src/apis/chat';
import type { ConversationRef, MessageRef } from '../../../src/chat/conversation-ref';
import type { MessageDocument } from '../../../src/chat/message-document';
import type { Messenger, ReplyOptions } from '../../../src/chat/messenger';
import { type PrincipalId, localIdOf, platformOf } from '../../../src/chat/principal-id';
import { RemoteError } from '../../../src/errors';
import { ReplyLine } from '../../../src/chat/reply-line';
import { toChatMessage } from '../cards/to-chat-message';
import { GCHAT, messageNameSchema, userNameSchema } from '../chat-ids';
import { MESSAGE_CONTENT_MASK, REPLY_OR_NEW_THREAD } from '../chat-api/message-write-options';
import { type ChatRetryPolicy, type RetryClock, realClock, withChatRetries } from './chat-retry';

/** How long the messenger asks Google Chat again, by default. */
export const CHAT_RETRY = {
  /** A command's answer: someone is waiting, and nothing expires on Chat's side (no response_url). */
  reply: { baseMs: 500, maxMs: 15_000, forMs: 10 * 60_000 },
  /** post, update, tellPrivately: called by jobs that are retried themselves. */
  call: { baseMs: 500, maxMs: 15_000, forMs: 60_000 },
} satisfies Record<string, ChatRetryPolicy>;

export interface ChatMessengerOptions {
  chat: chat_v1.Chat;
  /** Orders answers per space and person in this process; closed when the process stops. Default: its own. */
  replies?: ReplyLine;
  retry?: { reply?: ChatRetryPolicy; call?: ChatRetryPolicy };
  clock?: RetryClock;
}

/**
 * The Messenger over Google Chat. Every answer is a message created through the Chat API with app
 * authentication (Chat has no reply handle like Slack's response_url): in the command's thread
 * when it came from one, visible to the person who asked only when private (`privateMessageViewer`,
 * app authentication only: https://developers.google.com/workspace/chat/private-messages). A post is
 * a created message whose full name is the reference; an update patches it. Each create carries a
 * fresh `requestId`, repeated on its retries, so a retry after a lost answer returns the message
 * the first try created instead of posting again. Documents become Chat messages here
 * (toChatMessage), and Chat's refusals NotPostedError, so the core never reads a Chat error.
 */
export class ChatMessenger implements Messenger {
  readonly platform = GCHAT;
  private readonly replies: ReplyLine;
  private readonly clock: RetryClock;
  private readonly replyRetry: ChatRetryPolicy;
  private readonly callRetry: ChatRetryPolicy;

  constructor(private readonly options: ChatMessengerOptions) {
    this.replies = options.replies ?? new ReplyLine();
    this.clock = options.clock ?? realClock;
    this.replyRetry = options.retry?.reply ?? CHAT_RETRY.reply;
    this.callRetry = options.retry?.call ?? CHAT_RETRY.call;
  }

  /**
   * Answers in the conversation, in order per space and person. `replaceOriginal` has no meaning
   * here (a card is replaced by update); the retry budget counts from when the answer was queued.
   */
  async reply(to: ConversationRef, message: MessageDocument, options: ReplyOptions = {}): Promise<void> {
    const viewer = options.visibility === 'private' ? viewerOf(options.requester) : undefined;
    const now = this.clock.now();
    const policy = {
      ...this.replyRetry,
      forMs: Math.max(0, this.replyRetry.forMs - (now - (options.queuedAt ?? now))),
    };
    const key = `${to.space}:${options.requester ?? ''}`;
    await this.replies.send(key, (stopping) =>
      this.create(to, message, viewer, policy, options.signal ? AbortSignal.any([stopping, options.signal]) : stopping),
    );
  }

  async post(to: ConversationRef, message: MessageDocument): Promise<MessageRef> {
    const created = await this.create(to, message, undefined, this.callRetry);
    const name = messageNameSchema.safeParse(created.name);
    if (!name.success) throw new RemoteError('Google Chat posted the message without naming it');
    return { platform: this.platform, space: to.space, message: name.data };
  }

  async update(ref: MessageRef, message: MessageDocument): Promise<void> {
    await withChatRetries(
      () =>
        this.options.chat.spaces.messages.patch({
          name: ref.message,
          updateMask: MESSAGE_CONTENT_MASK,
          requestBody: { ...toChatMessage(message) },
        }),
      this.callRetry,
      this.clock,
    );
  }

  async tellPrivately(to: ConversationRef, user: PrincipalId, message: MessageDocument): Promise<void> {
    await this.create(to, message, viewerOf(user), this.callRetry);
  }

  /** The process is stopping: answers waiting out a Chat outage give up now (their jobs retry elsewhere). */
  close(): void {
    this.replies.close();
  }

  private async create(
    to: ConversationRef,
    message: MessageDocument,
    viewer: chat_v1.Schema$User | undefined,
    policy: ChatRetryPolicy,
    signal?: AbortSignal,
  ): Promise<chat_v1.Schema$Message> {
    const requestId = randomUUID();
    const requestBody: chat_v1.Schema$Message = {
      ...toChatMessage(message),
      ...(to.thread ? { thread: { name: to.thread } } : {}),
      ...(viewer ? { privateMessageViewer: viewer } : {}),
    };
    const created = await withChatRetries(
      () =>
        this.options.chat.spaces.messages.create({
          parent: to.space,
          requestId,
          ...(to.thread ? { messageReplyOption: REPLY_OR_NEW_THREAD } : {}),
          requestBody,
        }),
      policy,
      this.clock,
      signal,
    );
    return created.data;
  }
}

/**
 * The one person who may see a private message: a Chat user (`users/…`). Without one a private
 * answer cannot be private, and is not sent to everyone instead.
 */
function viewerOf(user: PrincipalId | undefined): chat_v1.Schema$User {
  const name = user && platformOf(user) === GCHAT ? userNameSchema.safeParse(localIdOf(user)) : undefined;
  if (!name?.success) throw new RemoteError('a private Google Chat answer needs the Chat user it is for');
  return { name: name.data };
}
