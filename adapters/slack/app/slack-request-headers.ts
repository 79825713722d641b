import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

/** Slack's replay window: a request signed further from now than this, either way, is refused. */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/** The two headers Slack signs every request with (a duplicated header arrives joined, and fails). */
const slackSignatureHeaders = z.object({
  'x-slack-signature': z.string().regex(/^v0=[0-9a-f]{64}$/),
  'x-slack-request-timestamp': z.string().regex(/^\d{1,12}$/),
});

/**
 * Why these headers cannot be a request from Slack, or undefined when they may be: what can be
 * checked before the body arrives (the signature itself covers the body: Bolt checks it after).
 * Bolt alone would accept a timestamp from the future (it only refuses old ones): a signature
 * captured once could then be replayed for as long as its timestamp was ahead.
 */
export function slackHeadersProblem(headers: IncomingHttpHeaders, nowMs: number): string | undefined {
  const parsed = slackSignatureHeaders.safeParse(headers);
  if (!parsed.success) return 'no Slack signature headers';
  const skew = Math.abs(Number(parsed.data['x-slack-request-timestamp']) - nowMs / 1000);
  if (skew > SLACK_TIMESTAMP_WINDOW_SECONDS) return 'the request timestamp is outside the 5-minute window';
  return undefined;
}
