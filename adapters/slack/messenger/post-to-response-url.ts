import { z } from 'zod';
import { ReplyStoppedError } from '../../../src/chat/messenger-errors';
import { RemoteError, errorMessage } from '../../../src/errors';
import type { SlackMessage } from '../block-kit/slack-message';

export { ReplyStoppedError };

/** Where Slack's response URLs live. */
export const SLACK_RESPONSE_URL_PREFIX = 'https://hooks.slack.com/';

/** How a reply goes out; everything is optional. */
export interface PostToResponseUrlOptions {
  fetch?: typeof fetch;
  /** ephemeral (only the user sees it; Slack's default for commands) or in_channel. */
  responseType?: 'ephemeral' | 'in_channel';
  /** Replace the message the interaction came from, instead of adding one. */
  replaceOriginal?: boolean;
  /** Waits between attempts (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Retry 5xx, 429 and network failures for this long (ms from the first attempt), so a reply
   * outlives a Slack outage; default REPLY_RETRY_MS.
   */
  retryForMs?: number;
  /** Aborted when the process stops: waiting ends at once (RemoteError) so the job can be retried elsewhere. */
  signal?: AbortSignal;
  /** Another accepted URL prefix besides hooks.slack.com (a local fake in tests). */
  allowedPrefix?: string;
  /** Timeout of one attempt, in ms (default 10 s). */
  timeoutMs?: number;
  /** First backoff after a 5xx or network failure, doubling (default 500 ms); tests shorten it. */
  retryBaseMs?: number;
  /** Longest backoff (default 15 s). */
  retryMaxMs?: number;
}

/**
 * How long a reply retries by default: a response_url is valid 30 minutes from the command, and an
 * expired one answers 404, which ends the retries anyway.
 */
export const REPLY_RETRY_MS = 25 * 60_000;

const urlSchema = z.string().min(1).max(2000);

// Backoff for 5xx and network failures: 0.5 s, 1 s, 2 s ... capped at 15 s, so a reply held up by an
// outage arrives within seconds of Slack coming back (someone is waiting for it).
const backoffMs = (attempt: number, baseMs = 500, maxMs = 15_000): number =>
  Math.min(baseMs * 2 ** (attempt - 1), maxMs);

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `sleep`, cut short by `signal`: a stopping process does not wait out a backoff. */
async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal?: AbortSignal) {
  if (!signal) return sleep(ms);
  if (signal.aborted) throw new ReplyStoppedError();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ReplyStoppedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}

/**
 * Posts a reply to a command's or interaction's response_url. A 429 waits the Retry-After it names
 * and tries again, a 5xx or network failure retries with backoff, so a reply is not lost to a
 * passing hiccup; any other 4xx (expired or used URL, bad message) is a RemoteError at once.
 * The URL comes from a request body, so only Slack's own host (or `allowedPrefix`) is accepted:
 * anything else is a RemoteError before any connection is made.
 */
export async function postToResponseUrl(
  url: string,
  message: SlackMessage,
  options: PostToResponseUrlOptions = {},
): Promise<void> {
  const target = checkedUrl(url, options.allowedPrefix);
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const budget = options.retryForMs ?? REPLY_RETRY_MS;
  const backoff = (attempt: number) => backoffMs(attempt, options.retryBaseMs, options.retryMaxMs);
  const started = Date.now();
  let slept = 0;
  // Time spent is the larger of the clock and the waits slept, so an injected instant `sleep` ends too.
  const mayRetry = (wait: number): boolean => Math.max(slept, Date.now() - started) + wait <= budget;
  const body: Record<string, unknown> = { text: message.text, blocks: message.blocks };
  if (options.responseType) body.response_type = options.responseType;
  if (options.replaceOriginal !== undefined) body.replace_original = options.replaceOriginal;
  const payload = JSON.stringify(body);

  let lastProblem = '';
  for (let attempt = 1; ; attempt += 1) {
    let wait: number;
    try {
      const res = await doFetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: payload,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = (await res.text()).slice(0, 200);
      if (res.ok) return;
      lastProblem = `HTTP ${res.status}${text ? ` ${text}` : ''}`;
      if (res.status === 429) {
        wait = retryAfterMs(res.headers.get('retry-after')) ?? backoff(attempt);
      } else if (res.status >= 500) {
        wait = backoff(attempt);
      } else {
        throw new RemoteError(`Slack refused the reply (${lastProblem})`, res.status);
      }
    } catch (err) {
      if (err instanceof RemoteError) throw err;
      lastProblem = errorMessage(err);
      wait = backoff(attempt);
    }
    if (!mayRetry(wait))
      throw new RemoteError(`could not deliver the reply to Slack after ${attempt} attempts (last: ${lastProblem})`);
    await sleepUnlessAborted(sleep, wait, options.signal);
    slept += wait;
  }
}

/** Retry-After in seconds (the form Slack uses), as ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return undefined;
  return Number(header.trim()) * 1000;
}

function checkedUrl(url: string, allowedPrefix: string | undefined): string {
  const parsed = urlSchema.safeParse(url);
  let target: URL | undefined;
  if (parsed.success) {
    try {
      target = new URL(parsed.data);
    } catch {
      target = undefined;
    }
  }
  const prefixes = [SLACK_RESPONSE_URL_PREFIX, ...(allowedPrefix ? [allowedPrefix] : [])];
  if (!target || target.username || target.password || !prefixes.some((p) => isUnder(target!, p))) {
    throw new RemoteError(`refusing to post a reply to ${JSON.stringify(url.slice(0, 80))}: not a Slack response URL`);
  }
  return target.href;
}

// Same scheme, host and port, and a path under the prefix's path: a string prefix alone would let
// "https://hooks.slack.com.evil.example/" or "http://127.0.0.1:80" + "80/" through.
function isUnder(target: URL, prefix: string): boolean {
  let base: URL;
  try {
    base = new URL(prefix);
  } catch {
    return false;
  }
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return target.origin === base.origin && (target.pathname + '/').startsWith(basePath);
}
