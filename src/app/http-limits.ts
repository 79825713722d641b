import type { ServerOptions } from 'node:http';

/**
 * What one HTTP request may cost the bot before it is known to come from Slack. Requests are
 * signed over their body, so a forged one is only found out once its body is read: these bound what
 * reading it can hold, and for how long. Tests inject short ones; production uses the defaults.
 */
export interface HttpLimits {
  /** Largest body accepted on /slack/events, in bytes: a larger declared Content-Length is a 413 unread. */
  bodyLimitBytes: number;
  /** How long a body may take to arrive once the headers are in: past it, 408 and the connection closed. */
  bodyTimeoutMs: number;
  /** node:http's headersTimeout: how long the request line and headers may take (408). */
  headersTimeoutMs: number;
  /** node:http's requestTimeout: how long the whole request may take, on every route (408). */
  requestTimeoutMs: number;
  /** How often node:http checks the two timeouts above (its connectionsCheckingInterval). */
  timeoutCheckMs: number;
  /** Body bytes read but not yet verified, over all requests at once: past it, 503 (see unverified-bytes.ts). */
  unverifiedBytesBudget: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  // What Slack posts: a slash command is a few fields and at most a few KB of text; an interaction
  // (block_actions) and app_home_opened carry the message (at most 50 blocks) or the Home view (at
  // most 100 blocks) they happened in, which are the bot's own renders: short lines, identifiers,
  // a few buttons, a few KB per page. Even a full 100-block view of 3,000-character sections is
  // ~300 KB of JSON and ~400 KB once form-encoded. 1 MiB keeps that margin; Bolt's default, 4 MB,
  // let each unsigned request hold four times as much.
  bodyLimitBytes: 1024 * 1024,
  // Slack wants the answer within 3 s of sending: a body still arriving after 5 s can no longer
  // be answered in time, so the wait only holds memory for a sender that is not Slack.
  bodyTimeoutMs: 5_000,
  // Slack sends its headers at once; Node's default (60 s) is a slow-loris's friend.
  headersTimeoutMs: 10_000,
  // Node's default is 300 s. Must be at least headersTimeoutMs (Node refuses otherwise).
  requestTimeoutMs: 15_000,
  // Node's default (30 s) would let a 10 s timeout run to 40 s; the check walks the open connections only.
  timeoutCheckMs: 1_000,
  // 16 bodies at the limit at once. Slack's own traffic is a few KB per request, so a replica would
  // need thousands in flight to meet it; at least bodyLimitBytes, so a body at the limit always fits.
  unverifiedBytesBudget: 16 * 1024 * 1024,
};

/** The defaults with `overrides` applied. */
export function httpLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  return { ...DEFAULT_HTTP_LIMITS, ...overrides };
}

/** The node:http server options that enforce the limits Node itself can (headers, whole request). */
export function serverTimeoutOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.timeoutCheckMs,
  };
}
