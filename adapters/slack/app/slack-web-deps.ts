import type { WebDeps } from '../../../handlers/web-deps';
import type { HomeRefresher } from '../home/home-refresher';

/** What the Slack listeners use: the core's deps, and what only Slack has (the App Home). */
export interface SlackWebDeps extends WebDeps {
  /** Queues App Home refreshes (on open, on a page click). */
  home: HomeRefresher;
}
