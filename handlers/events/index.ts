import type { App } from '@slack/bolt';
import type { WebDeps } from '../web-deps';
import { appHomeOpened } from './app-home-opened';

/** The App Home's `app_home_opened` event (its page buttons are with the other buttons). */
export function registerHome(app: App, deps: WebDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
