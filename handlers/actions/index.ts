import type { App } from '@slack/bolt';
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from '../../src/slack/render-approval';
import type { WebDeps } from '../web-deps';
import { decideRequest } from './decide-request';
import { muteAlert } from './mute-alert';
import { fixAlert } from './fix-alert';
import { ALERT_ACTION_IDS } from '../../src/slack/render-alert';

/** Registers the Approve and Deny buttons. */
export function registerActions(app: App, deps: WebDeps): void {
  app.action(APPROVE_ACTION_ID, decideRequest('approved', deps));
  app.action(DENY_ACTION_ID, decideRequest('denied', deps));
  app.action(ALERT_ACTION_IDS.mute1h, muteAlert(1, deps));
  app.action(ALERT_ACTION_IDS.mute24h, muteAlert(24, deps));
  app.action(ALERT_ACTION_IDS.replacePool, fixAlert('replace-pool', deps));
  app.action(ALERT_ACTION_IDS.showGcloud, fixAlert('show-gcloud', deps));
  app.action(ALERT_ACTION_IDS.quota, fixAlert('quota-increase', deps));
  app.action(ALERT_ACTION_IDS.upgradePool, fixAlert('upgrade-pool', deps));
  app.action(ALERT_ACTION_IDS.disablePool, fixAlert('disable-pool', deps));
  app.action(ALERT_ACTION_IDS.retryCheck, fixAlert('retry-check', deps));
  app.action(ALERT_ACTION_IDS.runCheck, fixAlert('run-check', deps));
  // A link button: Slack opens the URL itself and still sends the click, which only needs an ack.
  app.action(ALERT_ACTION_IDS.quotaConsole, async ({ ack }) => ack());
}
