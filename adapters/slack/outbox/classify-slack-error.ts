import { ErrorCode } from '@slack/web-api';
import type { SendFailure } from '../../../src/chat/outbox-sender';
import { errorMessage } from '../../../src/errors';

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

/**
 * Sorts an error thrown by a WebClient call (or anything else) into what the outbox does next:
 * 429 is rate limited (Retry-After), a channel the bot cannot post in is undeliverable (the reason
 * is Slack's error), other errors about the message are permanent, and the rest (5xx, network,
 * token, Slack-side trouble) transient, retried until fixed.
 */
export function classifySlackError(err: unknown): SendFailure {
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
    if (isUndeliverable(e.data.error)) return { kind: 'undeliverable', reason: e.data.error, message };
    return { kind: PERMANENT.has(e.data.error) ? 'permanent' : 'transient', message };
  }
  return { kind: 'transient', message };
}
