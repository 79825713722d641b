import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../../src/errors';
import { slackUserIdSchema } from '../slack-ids';
import type { SlackWebDeps } from '../app/slack-web-deps';

/**
 * The user opened the bot's Home tab: remember them (state changes refresh their Home for a
 * while) and queue a refresh. Bolt has acked the event already; the Google calls run in the
 * `home` job, never here. The Messages tab fires the same event and is left alone.
 */
export function appHomeOpened(deps: Pick<SlackWebDeps, 'logger' | 'home'>) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const user = slackUserIdSchema.safeParse(event.user);
    if (!user.success) {
      deps.logger.warn('app_home_opened without a valid user id');
      return;
    }
    try {
      await deps.home.opened(user.data);
    } catch (err) {
      // Redis down: the Home keeps what it last showed; the next open tries again.
      deps.logger.warn({ err: errorMessage(err) }, 'could not queue a Home refresh');
    }
  };
}
