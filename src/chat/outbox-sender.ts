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
 *
 * `key` names one post or thread reply, the same on every retry of it (the alert id for a post;
 * the alert id and the window for a "still happening" reply), and different for any other: a
 * call can reach the platform and its answer be lost (a timeout, a crash), and the outbox then
 * sends it again. A platform that takes a client-assigned id (Google Chat's `messageId` on
 * spaces.messages.create: "unique within a space", `client-` + up to 63 lowercase letters, digits
 * and hyphens, see developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create)
 * derives it from the key (a hash: the key is opaque, of any case, up to 200 characters of
 * `[A-Za-z0-9_.:-]`), so the retried create lands once. A platform without one ignores it.
 */
export interface OutboxSender {
  readonly platform: string;
  /** The least time between two writes to one space that the platform allows (Slack: ~1 s). */
  readonly perSpaceIntervalMs: number;
  /**
   * The least time between two writes to any space of the platform, across every replica, when
   * the platform limits a whole project (Google Chat: 3,000 message writes per minute, 20 ms).
   * Absent: no such limit.
   */
  readonly perPlatformIntervalMs?: number;
  post(to: ConversationRef, message: MessageDocument, key: string): Promise<MessageRef>;
  update(ref: MessageRef, message: MessageDocument): Promise<void>;
  /** Answers in the thread of a posted message ("still happening"). */
  replyInThread(ref: MessageRef, message: MessageDocument, key: string): Promise<void>;
  /** Sorts an error thrown by one of the calls above into what the outbox does next. */
  classify(err: unknown): SendFailure;
}
