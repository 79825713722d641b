import { ErrorCode } from '@slack/web-api';
import { errorMessage } from '../errors';

/** What the outbox does after a failed Slack call. */
export type OutboxFailure =
  /** 429: pause the channel for Slack's Retry-After, then try again (not counted as an attempt). */
  | { kind: 'rate-limited'; retryAfterMs: number; message: string }
  /** 5xx, network, Slack-side or configuration trouble (token, membership): retry with backoff, for ever. */
  | { kind: 'transient'; message: string }
  /** Slack refuses this very message (bad blocks, message gone): retrying cannot help. */
  | { kind: 'permanent'; message: string }
  /**
   * The channel cannot take messages from the bot until someone acts (invites the bot, restores
   * the channel, fixes the channel map): retrying cannot help, and neither can the next message.
   */
  | { kind: 'undeliverable'; error: UndeliverableError; message: string };

/** Slack's errors that mean a channel takes no message from the bot, whatever the message. */
export const UNDELIVERABLE_ERRORS = ['not_in_channel', 'channel_not_found', 'is_archived'] as const;
export type UndeliverableError = (typeof UNDELIVERABLE_ERRORS)[number];

/** True when Slack's error means the channel takes no message from the bot. */
export function isUndeliverable(error: string): error is UndeliverableError {
  return (UNDELIVERABLE_ERRORS as readonly string[]).includes(error);
}

// Platform errors about the message itself. Anything else but the channel's (invalid_auth,
// internal_error...) is fixed outside the message, so the job waits for the fix.
const PERMANENT = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_arguments',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'thread_not_found',
  'cannot_reply_to_message',
]);

/** Sorts an error thrown by a WebClient call (or anything else) into what the outbox does next. */
export function classifySlackError(err: unknown): OutboxFailure {
  const message = errorMessage(err);
  const e = err as { code?: unknown; retryAfter?: unknown; statusCode?: unknown; data?: { error?: unknown } };
  if (e && e.code === ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
    return { kind: 'rate-limited', retryAfterMs: Math.max(0, seconds) * 1000, message };
  }
  if (e && e.code === ErrorCode.HTTPError && typeof e.statusCode === 'number') {
    // A 4xx other than 429 means the request itself is wrong (Slack answers API errors with 200).
    const permanent = e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 408;
    return { kind: permanent ? 'permanent' : 'transient', message };
  }
  if (e && e.code === ErrorCode.PlatformError && typeof e.data?.error === 'string') {
    if (isUndeliverable(e.data.error)) return { kind: 'undeliverable', error: e.data.error, message };
    return { kind: PERMANENT.has(e.data.error) ? 'permanent' : 'transient', message };
  }
  return { kind: 'transient', message };
}
