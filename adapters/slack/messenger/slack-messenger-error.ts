import { ErrorCode } from '@slack/web-api';
import { NotPostedError } from '../../../src/chat/messenger-errors';
import { errorMessage } from '../../../src/errors';

// Slack's answers that mean the bot cannot write in the conversation: the user can fix that.
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/**
 * A Web API call's failure as the core reads it: Slack answered and took nothing (ok: false, an
 * HTTP error status, rate limited) is a NotPostedError, final unless asking again may pass; a
 * request that got no answer may have posted, and is thrown as it is.
 */
export function toMessengerError(err: unknown): unknown {
  const e = err as { code?: unknown; data?: { error?: unknown } } | null;
  if (e?.code === ErrorCode.PlatformError) {
    if (typeof e.data?.error === 'string' && NOT_A_MEMBER.has(e.data.error)) {
      return new NotPostedError(
        'the bot is not in this channel: invite it (/invite @imagestream), then run the command again',
        true,
      );
    }
    // Asking again gives the same answer (invalid_blocks, is_archived...).
    return new NotPostedError(errorMessage(err), true);
  }
  // `slack_webapi_rate_limited` too: the code of rate-limited calls in older clients (and fakes).
  if (
    e?.code === ErrorCode.HTTPError ||
    e?.code === ErrorCode.RateLimitedError ||
    e?.code === 'slack_webapi_rate_limited'
  ) {
    return new NotPostedError(errorMessage(err), false);
  }
  return err;
}
