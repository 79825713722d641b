import type { ConversationRef, MessageRef } from './conversation-ref';
import type { MessageDocument } from './message-document';
import type { PrincipalId } from './principal-id';

/** Who sees a command's answer: only the person who asked, or everyone in the conversation. */
export type ReplyVisibility = 'private' | 'public';

export interface ReplyOptions {
  visibility?: ReplyVisibility;
  /** Replace the message the answer is about (a button's message) instead of adding one. */
  replaceOriginal?: boolean;
  /** The process is stopping: give up waiting for the platform (the job is retried elsewhere). */
  signal?: AbortSignal;
  /** Who asked: a platform keeps the answers to one person in one conversation in order. */
  requester?: PrincipalId;
  /**
   * When the answer was first handed over (epoch ms): a platform whose reply handle expires
   * (Slack's response_url, 30 minutes) retries only for what is left of its life. Default now.
   */
  queuedAt?: number;
}

/**
 * How the core talks in a conversation, whatever the platform. Jobs reach it through the
 * registry of adapters (src/chat/messengers.ts) by the platform named in their payload.
 */
export interface Messenger {
  /** The platform this messenger serves (`slack`); the prefix of its principal ids. */
  readonly platform: string;
  /**
   * Answers a command or a click in its conversation (Slack: its response_url; Google Chat: a
   * message in the space's thread). Throws a retryable error while the platform is down.
   */
  reply(to: ConversationRef, message: MessageDocument, options?: ReplyOptions): Promise<void>;
  /** Posts a message that will be updated later (an approval request); returns where it lives. */
  post(to: ConversationRef, message: MessageDocument): Promise<MessageRef>;
  /** Replaces a posted message's content. */
  update(ref: MessageRef, message: MessageDocument): Promise<void>;
  /** Shows a message to one person only, in the conversation (a refusal of a click). */
  tellPrivately(to: ConversationRef, user: PrincipalId, message: MessageDocument): Promise<void>;
}
