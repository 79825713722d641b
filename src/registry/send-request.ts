import { RemoteError } from '../errors';
import { readBody } from './read-body';
import { RegistryHosts } from './registry-hosts';
import { RegistryUnreachableError } from './registry-unreachable';

/** A finished HTTP exchange, body read. */
export interface HttpResult {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
}

/** How to send one GET. */
export interface SendOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  headers: Record<string, string>;
  /** Limit for a successful body; error bodies are cut at 64 KiB. */
  maxBytes: number;
  /** Who answers, for messages: "registry", "token service". */
  peer: string;
  /** The hosts that may be contacted: the first URL and every redirect are checked against it. */
  hosts: RegistryHosts;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const ERROR_BODY_MAX = 64 * 1024;

// A registry that cannot be reached, for whatever reason, is reported to the user in one sentence
// (RegistryUnreachableError); the reason (refused connection, TLS failure, time-out, an address the
// guard refused) is its detail, for the log.
function networkError(peer: string, host: string, err: unknown, timeoutMs: number): RemoteError {
  if (err instanceof RemoteError) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new RegistryUnreachableError(`${peer} ${host} did not answer within ${timeoutMs / 1000} s`);
  }
  const why = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return new RegistryUnreachableError(`cannot reach ${peer} ${host}: ${why}`);
}

/** Refuses a URL whose host and port are not on the allow-list, before anything is sent. */
function checkAllowed(url: URL, options: SendOptions, why: string): void {
  if (!options.hosts.findUrl(url)) {
    throw new RegistryUnreachableError(`${options.peer} ${url.host}${why} is not on the registry allow-list`);
  }
}

/**
 * GET with a timeout per hop, following redirects by hand so the Authorization header is dropped
 * when a redirect leaves the origin (blob downloads go to storage URLs that carry their own
 * signature), an https -> http downgrade is refused, and every hop must be on the allow-list (the
 * `fetch` given checks the address it connects to). Never throws anything but RemoteError.
 */
export async function sendRequest(url: string, options: SendOptions): Promise<HttpResult> {
  const headers = { ...options.headers };
  let current = new URL(url);
  checkAllowed(current, options, '');
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const host = current.host;
    try {
      const response = await options.fetch(current.href, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (REDIRECT_STATUSES.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) {
          throw new RemoteError(`${options.peer} ${host} answered HTTP ${response.status} without a Location`);
        }
        const next = new URL(location, current);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new RegistryUnreachableError(
            `${options.peer} ${host} redirected to an unsupported URL scheme ${next.protocol}`,
          );
        }
        if (current.protocol === 'https:' && next.protocol === 'http:') {
          throw new RegistryUnreachableError(`${options.peer} ${host} redirected from https to plain http`);
        }
        // A redirect is a new request the registry chose: it must stay on the allow-list too.
        checkAllowed(next, options, ` (a redirect from ${host})`);
        if (next.origin !== current.origin) delete headers.authorization;
        current = next;
        continue;
      }
      const ok = response.status >= 200 && response.status < 300;
      const body = await readBody(response, ok ? options.maxBytes : ERROR_BODY_MAX, !ok, host);
      return { status: response.status, headers: response.headers, body, url: current.href };
    } catch (err) {
      throw networkError(options.peer, host, err, options.timeoutMs);
    }
  }
  throw new RegistryUnreachableError(
    `${options.peer} ${new URL(url).host} redirected more than ${MAX_REDIRECTS} times`,
  );
}
