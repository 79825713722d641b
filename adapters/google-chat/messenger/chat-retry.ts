import { NotPostedError, ReplyStoppedError } from '../../../src/chat/messenger-errors';
import { RemoteError } from '../../../src/errors';
import {
  type ChatApiFailure,
  chatApiFailure,
  isRateLimited,
  isRetryable,
  wasAnswered,
} from '../chat-api/chat-api-failure';

/** How long and how often a messenger call asks Google Chat again. */
export interface ChatRetryPolicy {
  /** First backoff after a 5xx or no answer, doubling (a 429 waits its Retry-After instead). */
  baseMs: number;
  /** Longest backoff. */
  maxMs: number;
  /** Give up once this much time (ms from the first attempt) would pass before the next try. */
  forMs: number;
}

/** The time the retries live in (tests pass an instant sleep and a fake clock). */
export interface RetryClock {
  sleep(ms: number): Promise<void>;
  now(): number;
}

export const realClock: RetryClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/**
 * Runs one Chat API call, asking again while Google Chat is rate limiting (for the Retry-After it
 * names), failing on its side (5xx) or not answering, for as long as the policy allows: a person
 * waiting for an answer gets it seconds after Chat is back. A refusal (any other 4xx) ends at once
 * as a final NotPostedError; running out of time is a NotPostedError that may pass later, unless
 * the last try got no answer at all (it may have been applied: a RemoteError then). `signal` ends
 * a wait at once (ReplyStoppedError) so a stopping process does not sit out a backoff.
 */
export async function withChatRetries<T>(
  request: () => Promise<T>,
  policy: ChatRetryPolicy,
  clock: RetryClock,
  signal?: AbortSignal,
): Promise<T> {
  const started = clock.now();
  let slept = 0;
  for (let attempt = 1; ; attempt += 1) {
    let failure: ChatApiFailure;
    try {
      return await request();
    } catch (err) {
      failure = chatApiFailure(err, clock.now);
    }
    if (!isRetryable(failure)) throw refusal(failure);
    const wait =
      isRateLimited(failure) && failure.retryAfterMs !== undefined
        ? failure.retryAfterMs
        : Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs);
    // Time spent is the larger of the clock and the waits slept, so an injected instant sleep ends too.
    if (Math.max(slept, clock.now() - started) + wait > policy.forMs) throw gaveUp(failure, attempt);
    await sleepUnlessAborted(clock, wait, signal);
    slept += wait;
  }
}

/** What a person is told when Google Chat refused the message (asking again gives the same answer). */
function refusal(failure: ChatApiFailure): NotPostedError {
  const { httpStatus, status } = failure;
  if (httpStatus === 403 || status === 'PERMISSION_DENIED' || httpStatus === 404 || status === 'NOT_FOUND') {
    return new NotPostedError(
      'the app cannot post in this Google Chat space: add it to the space (Apps & integrations), then run the command again',
      true,
    );
  }
  if (httpStatus === 401) return new NotPostedError("Google Chat refused the app's credentials (HTTP 401)", true);
  return new NotPostedError(`Google Chat refused the message (${describe(failure)})`, true);
}

function gaveUp(failure: ChatApiFailure, attempts: number): Error {
  const text = `Google Chat did not take the message after ${attempts} attempts (last: ${describe(failure)})`;
  // No answer: the last try may have posted, so the caller must not take it back as "not posted".
  return wasAnswered(failure) ? new NotPostedError(text, false) : new RemoteError(text);
}

function describe(failure: ChatApiFailure): string {
  const head = failure.httpStatus === undefined ? 'no answer' : `HTTP ${failure.httpStatus}`;
  return `${head}${failure.status ? ` ${failure.status}` : ''}: ${failure.message}`;
}

async function sleepUnlessAborted(clock: RetryClock, ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return clock.sleep(ms);
  if (signal.aborted) throw new ReplyStoppedError();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ReplyStoppedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([clock.sleep(ms), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
