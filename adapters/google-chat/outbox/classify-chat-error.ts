import type { SendFailure } from '../../../src/chat/outbox-sender';
import { errorMessage } from '../../../src/errors';
import { type ChatApiFailure, chatApiFailure, isRateLimited, isRetryable } from '../chat-api/chat-api-failure';
import { type ChatCallKind, ChatSendError } from './chat-send-error';

/**
 * How long a space pauses after a 429 that names no Retry-After. Chat's quotas are counted per
 * 60-second window and its usage-limits page only asks for exponential backoff
 * (https://developers.google.com/workspace/chat/limits); the outbox does not count rate-limited
 * tries as attempts, so a fixed pause is its backoff: a sixth of the window, short enough that an
 * alert is not held long, long enough not to spend the space's quota on refusals.
 */
export const DEFAULT_RATE_LIMIT_BACKOFF_MS = 10_000;

/**
 * Sorts a failed outbox write into what the outbox does next. Google's error model
 * (https://cloud.google.com/apis/design/errors#handling_errors) and the Chat API's answers:
 * - 429 / RESOURCE_EXHAUSTED: rate limited, for its Retry-After or DEFAULT_RATE_LIMIT_BACKOFF_MS;
 * - no answer, 5xx (INTERNAL, UNAVAILABLE, DEADLINE_EXCEEDED), 408, 401 UNAUTHENTICATED (a token
 *   that expired or a credentials outage, fixed outside the message): transient, retried;
 * - 403 PERMISSION_DENIED (the app is not in the space, was removed, or may not post there) and 404
 *   NOT_FOUND of the space (a create, or a read in the space): undeliverable until someone adds
 *   the app or fixes the route; the reason is Google's status name;
 * - 404 of the message on a patch (deleted), 400 INVALID_ARGUMENT / FAILED_PRECONDITION (a bad
 *   card, too big), 409 and any other 4xx: permanent, this message cannot pass.
 */
export function classifyChatError(err: unknown): SendFailure {
  const call: ChatCallKind | undefined = err instanceof ChatSendError ? err.call : undefined;
  const failure: ChatApiFailure = err instanceof ChatSendError ? err.failure : chatApiFailure(err);
  const message = err instanceof ChatSendError ? err.message : errorMessage(err);
  if (isRateLimited(failure)) {
    return { kind: 'rate-limited', retryAfterMs: failure.retryAfterMs ?? DEFAULT_RATE_LIMIT_BACKOFF_MS, message };
  }
  if (isRetryable(failure) || failure.httpStatus === 401 || failure.status === 'UNAVAILABLE') {
    return { kind: 'transient', message };
  }
  if (failure.httpStatus === 403 || failure.status === 'PERMISSION_DENIED') {
    return { kind: 'undeliverable', reason: 'PERMISSION_DENIED', message };
  }
  if ((failure.httpStatus === 404 || failure.status === 'NOT_FOUND') && call !== 'patch') {
    return { kind: 'undeliverable', reason: 'NOT_FOUND', message };
  }
  return { kind: 'permanent', message };
}
