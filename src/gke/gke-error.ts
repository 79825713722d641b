import { RemoteError } from '../errors';
import { apiErrorReason, httpStatusOf } from '../google/api-error-reason';

/** What went wrong with a GKE call, as the bot reacts to it (retry, stop, tell the user). */
export type GkeErrorKind = 'not_found' | 'permission' | 'precondition' | 'transient' | 'invalid' | 'other';

/** Google's `error.status` and `error.message` when the failure carried them. */
export interface GkeErrorDetails {
  /** HTTP status of the failed call. */
  status?: number;
  /** Google's canonical status, e.g. FAILED_PRECONDITION. */
  apiStatus?: string;
  /** The API's own message, verbatim. */
  apiMessage?: string;
  /** HTTP requests made before giving up (the client's own retries included). */
  attempts?: number;
  /** The message without its attempt count, for a summary that counts the attempts itself. */
  withoutAttempts?: string;
}

// docs/image-streaming.md: "Cluster is running incompatible operation operation-123." answers an update sent
// while another operation runs on the cluster.
const BUSY_RE = /incompatible operation(?:\s+(operation-[A-Za-z0-9_-]+))?/i;

/**
 * A failed GKE call or operation. The message is user-facing: it names the IAM permission on 403
 * and the resource on 404, and never carries a stack.
 */
export class GkeError extends RemoteError {
  readonly apiStatus?: string;
  readonly apiMessage?: string;
  readonly attempts?: number;
  readonly withoutAttempts?: string;

  constructor(
    readonly kind: GkeErrorKind,
    message: string,
    details: GkeErrorDetails = {},
  ) {
    super(message, details.status);
    this.name = 'GkeError';
    if (details.apiStatus !== undefined) this.apiStatus = details.apiStatus;
    if (details.apiMessage !== undefined) this.apiMessage = details.apiMessage;
    if (details.attempts !== undefined) this.attempts = details.attempts;
    if (details.withoutAttempts !== undefined) this.withoutAttempts = details.withoutAttempts;
  }

  /** True when trying again later can succeed: 429/5xx/network, or the cluster busy with another operation. */
  get retryable(): boolean {
    return this.kind === 'transient' || isBusyError(this);
  }
}

/** The call that failed, to phrase the message. */
export interface GkeCallContext {
  /** A verb phrase, e.g. "update", "read", "list operations of". */
  action: string;
  /** The resource as a user reads it, e.g. "cluster web in projects/acme/locations/us-east1". */
  resource: string;
  /** The IAM permission the call needs, named on 403. */
  permission: string;
}

/** Classifies a failed googleapis call (a GkeError passes through unchanged). */
export function toGkeError(err: unknown, context: GkeCallContext): GkeError {
  if (err instanceof GkeError) return err;
  const status = httpStatusOf(err);
  const { apiStatus, apiMessage } = googleError(err);
  const details: GkeErrorDetails = {
    ...(status !== undefined ? { status } : {}),
    ...(apiStatus !== undefined ? { apiStatus } : {}),
    ...(apiMessage !== undefined ? { apiMessage } : {}),
  };
  const attempts = requestsMade(err);
  if (attempts !== undefined) details.attempts = attempts;
  const { action, resource, permission } = context;
  const said = apiMessage ? ` (GKE API: ${apiMessage})` : '';
  const reason = () => apiErrorReason(err, { api: 'GKE API', permission, resource, notFound: `${resource} not found` });

  if (status === 403) {
    return new GkeError('permission', `missing IAM permission ${permission} to ${action} ${resource}${said}`, details);
  }
  if (status === 401) return new GkeError('permission', `cannot ${action} ${resource}: ${reason()}`, details);
  if (status === 404) {
    return new GkeError('not_found', `${resource} not found: check the name, location and project`, details);
  }
  if (status === 400 || status === 409) {
    const kind = apiStatus === 'FAILED_PRECONDITION' ? 'precondition' : status === 400 ? 'invalid' : 'other';
    return new GkeError(kind, `GKE API refused to ${action} ${resource}: ${apiMessage ?? `HTTP ${status}`}`, details);
  }
  const words = `could not ${action} ${resource}: ${reason()}`;
  // The count tells the user the failure was not a one-off: the client already retried.
  const tries = attempts !== undefined && attempts > 1 ? `, ${attempts} attempts` : '';
  // No answer at all: gaxios' errors carry the request `config`; anything else is a local bug.
  const transportFailure = status === undefined && typeof err === 'object' && err !== null && 'config' in err;
  if (status === 408 || status === 429 || (status !== undefined && status >= 500) || transportFailure) {
    return new GkeError('transient', `${words}${tries}`, { ...details, withoutAttempts: words });
  }
  return new GkeError('other', words, details);
}

/**
 * The error of a call that stayed transient through every retry of its budget: it says the API
 * kept failing, how many requests were made and for how long, and keeps the last failure's words.
 */
export function keptFailing(last: GkeError, attempts: number, elapsedMs: number): GkeError {
  const seconds = elapsedMs < 10_000 ? (elapsedMs / 1000).toFixed(1) : String(Math.round(elapsedMs / 1000));
  // The last call's own count is replaced by the total.
  const lastWords = last.withoutAttempts ?? last.message;
  return new GkeError('transient', `the GKE API kept failing (${attempts} attempts in ${seconds} s): ${lastWords}`, {
    ...(last.status !== undefined ? { status: last.status } : {}),
    ...(last.apiStatus !== undefined ? { apiStatus: last.apiStatus } : {}),
    ...(last.apiMessage !== undefined ? { apiMessage: last.apiMessage } : {}),
    attempts,
  });
}

/** Requests gaxios made for a failed call: its retries plus the first; undefined when not a gaxios error. */
function requestsMade(err: unknown): number | undefined {
  const retried = (err as { config?: { retryConfig?: { currentRetryAttempt?: unknown } } } | null)?.config?.retryConfig
    ?.currentRetryAttempt;
  if (typeof retried === 'number') return retried + 1;
  return typeof err === 'object' && err !== null && 'config' in err ? 1 : undefined;
}

/** True for the 400 FAILED_PRECONDITION "running incompatible operation" of a busy cluster. */
export function isBusyError(err: unknown): boolean {
  return err instanceof GkeError && err.kind === 'precondition' && BUSY_RE.test(err.apiMessage ?? '');
}

/** The operation named by a busy-cluster error ("operation-123"), null when it names none. */
export function blockingOperationName(err: GkeError): string | null {
  return BUSY_RE.exec(err.apiMessage ?? '')?.[1] ?? null;
}

/** `error.status` and `error.message` of Google's error JSON. */
function googleError(err: unknown): { apiStatus?: string; apiMessage?: string } {
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data;
  const inner = typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  if (typeof inner !== 'object' || inner === null) return {};
  const { status, message } = inner as { status?: unknown; message?: unknown };
  return {
    ...(typeof status === 'string' ? { apiStatus: status } : {}),
    ...(typeof message === 'string' && message ? { apiMessage: oneLine(message) } : {}),
  };
}

// Messages end up in one-line Slack replies.
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 497)}...` : flat;
}
