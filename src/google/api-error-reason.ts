import { errorMessage } from '../errors';

/** What a failed read was about, to phrase the reason of the resulting unknown fact. */
export interface ApiCallContext {
  /** The API's name as a user knows it, e.g. "GKE API". */
  api: string;
  /** The IAM permission the call needs, named when the answer is 403. */
  permission: string;
  /** The resource name the permission applies to. */
  resource: string;
  /** What to say on 404, e.g. "cluster C not found in projects/P/locations/L". */
  notFound: string;
}

/** Shape of a gaxios error as far as we read it; anything else is a network or local failure. */
interface HttpErrorLike {
  response?: { status?: number; data?: unknown };
}

/** The HTTP status of a failed call, undefined when no response came back. */
export function httpStatusOf(err: unknown): number | undefined {
  const status = (err as HttpErrorLike | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Turns a failed API call (after gaxios' retries) into the reason of an unknown fact: the missing
 * permission on 403, what was not found on 404, otherwise the API's own message.
 */
export function apiErrorReason(err: unknown, ctx: ApiCallContext): string {
  const status = httpStatusOf(err);
  const message = googleMessage(err);
  if (status === 403) {
    return `missing permission ${ctx.permission} on ${ctx.resource} (${ctx.api}: ${message})`;
  }
  if (status === 404) return ctx.notFound;
  if (status === 401) return `${ctx.api} rejected the credentials (HTTP 401: ${message})`;
  if (status !== undefined) return `${ctx.api} failed (HTTP ${status}: ${message})`;
  const timeoutMs = timedOutAfter(err);
  if (timeoutMs !== undefined) return `${ctx.api} did not answer within ${timeoutMs} ms (request timeout)`;
  return `${ctx.api} unreachable: ${networkMessage(err)}`;
}

/** The timeout of a request gaxios aborted for taking too long; undefined for any other failure. */
function timedOutAfter(err: unknown): number | undefined {
  const { code, config } = (err ?? {}) as { code?: unknown; config?: { timeout?: unknown } };
  // fetch's "The operation was aborted due to timeout" says neither which limit nor its value.
  if (code !== 'TimeoutError' || typeof config?.timeout !== 'number') return undefined;
  return config.timeout;
}

// gaxios wraps fetch's "fetch failed", which wraps the socket error that says what happened.
const GENERIC = new Set(['Unexpected Gaxios Error', 'fetch failed']);

/** The most specific message in an error's `cause` chain (ECONNREFUSED, timeout...). */
function networkMessage(err: unknown): string {
  let best = errorMessage(err);
  let current: unknown = err;
  // Duck-typed: fetch's errors come from another realm under Jest, where instanceof Error fails.
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof message === 'string' && message && !GENERIC.has(message)) {
      best = typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
    }
    current = cause;
  }
  return oneLine(best);
}

/** `error.message` of Google's error JSON when present, else the error's own message. */
function googleMessage(err: unknown): string {
  const data = (err as HttpErrorLike | null)?.response?.data;
  if (typeof data === 'object' && data !== null) {
    const inner = (data as { error?: { message?: unknown } }).error;
    if (typeof inner?.message === 'string' && inner.message.length > 0) return oneLine(inner.message);
  }
  return oneLine(errorMessage(err));
}

// Reasons end up in one-line reports and Slack messages.
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
