import type { App } from '@slack/bolt';
import type { SlackWebDeps } from '../app/slack-web-deps';
import { appHomeOpened } from './app-home-opened';

/** The Events API listeners: the App Home's `app_home_opened` (its page buttons are with the other buttons). */
export function registerEvents(app: App, deps: SlackWebDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
