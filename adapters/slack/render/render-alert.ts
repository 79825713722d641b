import { toSlackMessage } from '../block-kit/to-slack-message';
import { type AlertView, alertMessage, stillHappeningMessage } from '../../../src/render/alert-message';
import type { SlackMessage } from '../block-kit/slack-message';

// The alert message is built platform-neutral in src/render/alert-message.ts; these names stay
// for the Slack callers until they post documents through the messenger.
export {
  ALERT_ACTION_IDS,
  ALERT_BLOCK_ID,
  type AlertView,
  type AlertViewClass,
  quotaConsoleUrl,
} from '../../../src/render/alert-message';

/** The alert as Block Kit (see alertMessage). */
export function renderAlert(alert: AlertView): SlackMessage {
  return toSlackMessage(alertMessage(alert));
}

/** The still-happening thread reply as Block Kit (see stillHappeningMessage). */
export function renderStillHappening(alert: AlertView, count: number): SlackMessage {
  return toSlackMessage(stillHappeningMessage(alert, count));
}
