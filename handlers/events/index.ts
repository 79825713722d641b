import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { HOME_ACTION_IDS } from '../../src/slack/render-home';
import { homePage } from '../actions/home-page';
import type { WebDeps } from '../web-deps';
import { appHomeOpened } from './app-home-opened';

const HOME_PAGE_ACTIONS = new RegExp(`^(${Object.values(HOME_ACTION_IDS).join('|')})$`);

/** The App Home: the `app_home_opened` event and the Home's page buttons. */
export function registerHome(app: App, deps: WebDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  app.action<BlockAction<ButtonAction>>(HOME_PAGE_ACTIONS, homePage(deps));
}
