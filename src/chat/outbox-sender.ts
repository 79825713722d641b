import type { ConversationRef, MessageRef } from './conversation-ref';
import type { MessageDocument } from './message-document';

/** What the outbox does after a failed call to a platform. */
export type SendFailure =
  /** Rate limited: pause the space for the platform's Retry-After, then try again (not counted as an attempt). */
  | { kind: 'rate-limited'; retryAfterMs: number; message: string }
  /** 5xx, network, platform-side or configuration trouble (token, membership): retry with backoff. */
  | { kind: 'transient'; message: string }
  /** The platform refuses this very message (bad blocks, message gone): retrying cannot help. */
  | { kind: 'permanent'; message: string }
  /**
   * The space takes no message from the bot until someone acts (invites the bot, restores the
   * space, fixes the channel map): retrying cannot help, and neither can the next message.
   */
  | { kind: 'undeliverable'; reason: string; message: string };

/**
 * How the alert outbox writes to one platform: one call each, no retries inside (the outbox paces
 * and retries through BullMQ for every replica, so a pending message survives a restart).
 */
export interface OutboxSender {
  readonly platform: string;
  /** The least time between two writes to one space that the platform allows (Slack: ~1 s). */
  readonly perSpaceIntervalMs: number;
  post(to: ConversationRef, message: MessageDocument): Promise<MessageRef>;
  update(ref: MessageRef, message: MessageDocument): Promise<void>;
  /** Answers in the thread of a posted message ("still happening"). */
  replyInThread(ref: MessageRef, message: MessageDocument): Promise<void>;
  /** Sorts an error thrown by one of the calls above into what the outbox does next. */
  classify(err: unknown): SendFailure;
}
