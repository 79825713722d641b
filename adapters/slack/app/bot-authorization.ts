import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { errorMessage } from '../../../src/errors';
import type { Logger } from '../../../src/logging/logger';

/** After a failed auth.test, the next request may try again this much later. */
const RETRY_AFTER_MS = 10_000;

/**
 * Bolt's authorization for the single-workspace bot token, without Bolt's start-up trap: with a
 * plain `token`, Bolt calls auth.test once at start and keeps that promise for ever, so a Slack
 * outage at start makes every request wait on it and then fail until the process restarts.
 * Here requests never wait on auth.test: they get the token at once, and the bot's ids (which only
 * Bolt's ignoreSelf filter reads; no listener of ours uses them) once an auth.test has answered.
 * A failed auth.test is tried again, at most every RETRY_AFTER_MS, by a later request.
 */
export function botAuthorization(
  slack: Pick<WebClient, 'auth'>,
  botToken: string,
  logger: Logger,
  now: () => number = Date.now,
): { authorize: Authorize<boolean>; warm(): Promise<void> } {
  let ids: Pick<AuthorizeResult, 'botId' | 'botUserId' | 'teamId'> | undefined;
  let inFlight: Promise<void> | undefined;
  let lastFailureAt = -Infinity;

  const refresh = (): Promise<void> =>
    (inFlight ??= slack.auth
      .test()
      .then(
        (res) => {
          ids = {
            botUserId: typeof res.user_id === 'string' ? res.user_id : undefined,
            botId: typeof res.bot_id === 'string' ? res.bot_id : undefined,
            teamId: typeof res.team_id === 'string' ? res.team_id : undefined,
          };
        },
        (err) => {
          lastFailureAt = now();
          logger.warn({ err: errorMessage(err) }, 'auth.test failed; requests go on with the token alone');
        },
      )
      .finally(() => {
        inFlight = undefined;
      }));

  return {
    async authorize({ isEnterpriseInstall }) {
      if (!ids && !inFlight && now() - lastFailureAt >= RETRY_AFTER_MS) void refresh();
      return { isEnterpriseInstall, botToken, ...ids };
    },
    warm: refresh,
  };
}
