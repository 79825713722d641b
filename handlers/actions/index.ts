import { ALERT_ACTION_IDS } from '../../src/render/alert-message';
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from '../../src/render/approval-message';
import type { FixKind } from '../../src/queue/job-schemas';
import type { Decision } from './decide-request';

/** What a button of the bot does, whatever the platform it was clicked on. */
export type ButtonAction =
  | { kind: 'decide'; decision: Decision }
  | { kind: 'fix'; fix: FixKind }
  | { kind: 'mute'; hours: number }
  /** A link button: the platform opens the address itself; the click it may still send needs nothing. */
  | { kind: 'link' };

/** Every button of the messages the bot posts, by action id (MessageDocument's Button.action). */
export const BUTTON_ACTIONS: Readonly<Record<string, ButtonAction>> = {
  [APPROVE_ACTION_ID]: { kind: 'decide', decision: 'approved' },
  [DENY_ACTION_ID]: { kind: 'decide', decision: 'denied' },
  [ALERT_ACTION_IDS.mute1h]: { kind: 'mute', hours: 1 },
  [ALERT_ACTION_IDS.mute24h]: { kind: 'mute', hours: 24 },
  [ALERT_ACTION_IDS.replacePool]: { kind: 'fix', fix: 'replace-pool' },
  [ALERT_ACTION_IDS.showGcloud]: { kind: 'fix', fix: 'show-gcloud' },
  [ALERT_ACTION_IDS.quota]: { kind: 'fix', fix: 'quota-increase' },
  [ALERT_ACTION_IDS.upgradePool]: { kind: 'fix', fix: 'upgrade-pool' },
  [ALERT_ACTION_IDS.disablePool]: { kind: 'fix', fix: 'disable-pool' },
  [ALERT_ACTION_IDS.retryCheck]: { kind: 'fix', fix: 'retry-check' },
  [ALERT_ACTION_IDS.runCheck]: { kind: 'fix', fix: 'run-check' },
  [ALERT_ACTION_IDS.quotaConsole]: { kind: 'link' },
};

/** The button with this action id; undefined for one the bot does not have (the id is the sender's). */
export function buttonActionOf(actionId: unknown): ButtonAction | undefined {
  return typeof actionId === 'string' && Object.hasOwn(BUTTON_ACTIONS, actionId) ? BUTTON_ACTIONS[actionId] : undefined;
}
