import { errorMessage } from '../../../src/errors';

/**
 * A failed Chat API call as the adapter reads it. Google APIs answer errors with an HTTP status
 * and a JSON body `{"error": {"code", "message", "status"}}` whose `status` is the canonical code
 * name (https://cloud.google.com/apis/design/errors#http_mapping): RESOURCE_EXHAUSTED (429),
 * NOT_FOUND (404), PERMISSION_DENIED (403), ALREADY_EXISTS (409), INVALID_ARGUMENT (400)...
 */
export interface ChatApiFailure {
  /** The HTTP status; undefined when no answer came back (network failure, timeout). */
  httpStatus?: number;
  /** Google's canonical status name from the error body, when it sent one. */
  status?: string;
  /** Retry-After (seconds or an HTTP date) as ms, when the answer carried one. */
  retryAfterMs?: number;
  /** One line: Google's own message when it sent one. */
  message: string;
}

/** The shape of a gaxios error as far as it is read here. */
interface GaxiosErrorLike {
  response?: { status?: unknown; data?: unknown; headers?: unknown };
}

/** Reads a gaxios error (or anything else thrown by a call) into a ChatApiFailure. */
export function chatApiFailure(err: unknown, now: () => number = Date.now): ChatApiFailure {
  const response = (err as GaxiosErrorLike | null)?.response;
  const httpStatus = typeof response?.status === 'number' ? response.status : undefined;
  const body = errorBody(response?.data);
  const retryAfterMs = retryAfterOf(headerOf(response?.headers, 'retry-after'), now);
  return {
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(body.status ? { status: body.status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    message: oneLine(body.message ?? errorMessage(err)),
  };
}

/** True when the call got an answer (whatever it was): a call without one may have been applied. */
export function wasAnswered(failure: ChatApiFailure): boolean {
  return failure.httpStatus !== undefined;
}

/** Rate limited: 429, or RESOURCE_EXHAUSTED whatever the status (https://developers.google.com/workspace/chat/limits). */
export function isRateLimited(failure: ChatApiFailure): boolean {
  return failure.httpStatus === 429 || failure.status === 'RESOURCE_EXHAUSTED';
}

/** Worth asking again: rate limited, no answer, a server error, or a request timeout (408). */
export function isRetryable(failure: ChatApiFailure): boolean {
  const status = failure.httpStatus;
  return isRateLimited(failure) || status === undefined || status >= 500 || status === 408;
}

/** A create whose client-assigned messageId is taken: the message exists already. */
export function isAlreadyExists(failure: ChatApiFailure): boolean {
  return failure.status === 'ALREADY_EXISTS' || (failure.httpStatus === 409 && failure.status !== 'ABORTED');
}

/** `{error: {message, status}}` of Google's error JSON; fields absent when the body is something else. */
function errorBody(data: unknown): { message?: string; status?: string } {
  const inner = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  if (typeof inner !== 'object' || inner === null) return {};
  const { message, status } = inner as { message?: unknown; status?: unknown };
  return {
    ...(typeof message === 'string' && message !== '' ? { message } : {}),
    ...(typeof status === 'string' && /^[A-Z_]{1,40}$/.test(status) ? { status } : {}),
  };
}

// gaxios 7 answers a fetch Headers; older versions (and some fakes) a plain object.
function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

// Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); anything else is ignored.
const MAX_RETRY_AFTER_MS = 3600_000;
function retryAfterOf(header: string | undefined, now: () => number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d{1,7}$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[a-z]/i.test(value)) return undefined;
  return Math.min(Math.max(0, at - now()), MAX_RETRY_AFTER_MS);
}

// Messages end up in one-line logs and answers to people.
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
