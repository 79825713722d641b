import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from '../../src/slack/render-approval';
import { ALERT_ACTION_IDS } from '../../src/slack/render-alert';
import { HOME_ACTION_IDS } from '../../adapters/slack/home/render-home';
import type { WebDeps } from '../web-deps';
import type { ButtonArgs } from './button-args';
import { decideRequest } from './decide-request';
import { fixAlert } from './fix-alert';
import { homePage } from './home-page';
import { muteAlert } from './mute-alert';

type ButtonListener = (args: ButtonArgs) => Promise<void>;

/** Every button of the bot, by action_id. */
function buttonTable(deps: WebDeps): Record<string, ButtonListener> {
  const page = homePage(deps);
  return {
    [APPROVE_ACTION_ID]: decideRequest('approved', deps),
    [DENY_ACTION_ID]: decideRequest('denied', deps),
    [ALERT_ACTION_IDS.mute1h]: muteAlert(1, deps),
    [ALERT_ACTION_IDS.mute24h]: muteAlert(24, deps),
    [ALERT_ACTION_IDS.replacePool]: fixAlert('replace-pool', deps),
    [ALERT_ACTION_IDS.showGcloud]: fixAlert('show-gcloud', deps),
    [ALERT_ACTION_IDS.quota]: fixAlert('quota-increase', deps),
    [ALERT_ACTION_IDS.upgradePool]: fixAlert('upgrade-pool', deps),
    [ALERT_ACTION_IDS.disablePool]: fixAlert('disable-pool', deps),
    [ALERT_ACTION_IDS.retryCheck]: fixAlert('retry-check', deps),
    [ALERT_ACTION_IDS.runCheck]: fixAlert('run-check', deps),
    // A link button: Slack opens the URL itself and still sends the click, which only needs an ack.
    [ALERT_ACTION_IDS.quotaConsole]: async ({ ack }) => ack(),
    [HOME_ACTION_IDS.previous]: page,
    [HOME_ACTION_IDS.next]: page,
    [HOME_ACTION_IDS.refresh]: page,
  };
}

/**
 * Registers every button as ONE Bolt listener that dispatches on action_id. Bolt runs each
 * listener's matchers on every request, slash commands included, so a listener per button would
 * cost every ack one middleware chain per button; and a click nobody handles would wait out Bolt's
 * 3 s timer instead of being acked at once.
 */
export function registerActions(app: App, deps: WebDeps): void {
  const table = buttonTable(deps);
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async (args) => {
    const listener = Object.hasOwn(table, args.action.action_id) ? table[args.action.action_id] : undefined;
    if (listener) return listener(args);
    await args.ack();
    // The id is whatever the sender put there: not logged.
    deps.logger.warn('a click on a button the bot does not have; acked and ignored');
  });
}
