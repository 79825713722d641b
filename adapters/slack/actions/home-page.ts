import { errorMessage } from '../../../src/errors';
import { homePageSchema } from '../home/home-viewers';
import { slackUserIdSchema } from '../slack-ids';
import type { SlackWebDeps } from '../app/slack-web-deps';
import type { ButtonArgs } from './button-args';

/** Previous / Next / Refresh on the Home tab: remember the page asked for and queue a refresh showing it. */
export function homePage(deps: Pick<SlackWebDeps, 'logger' | 'home'>) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    const page = homePageSchema.safeParse(action.value);
    const user = slackUserIdSchema.safeParse(body.user.id);
    if (!page.success || !user.success) {
      deps.logger.warn('Home page button with an invalid value or user');
      return;
    }
    try {
      await deps.home.showPage(user.data, page.data);
    } catch (err) {
      deps.logger.warn({ err: errorMessage(err) }, 'could not queue a Home refresh');
    }
  };
}
