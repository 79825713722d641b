import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { buttonActionOf } from '../../../handlers/actions';
import { runButton } from '../../../handlers/actions/run-button';
import { HOME_ACTION_IDS } from '../home/render-home';
import type { SlackWebDeps } from '../app/slack-web-deps';
import type { ButtonArgs } from './button-args';
import { tellClicker } from './button-args';
import { buttonClickOf } from './button-click-of';
import { homePage } from './home-page';

type ButtonListener = (args: ButtonArgs) => Promise<void>;

/**
 * Registers every button as ONE Bolt listener that dispatches on action_id. Bolt runs each
 * listener's matchers on every request, slash commands included, so a listener per button would
 * cost every ack one middleware chain per button; and a click nobody handles would wait out Bolt's
 * 3 s timer instead of being acked at once. The buttons of the bot's messages are the core's
 * catalogue (handlers/actions/index.ts); the App Home's page buttons are Slack's own.
 */
export function registerActions(app: App, deps: SlackWebDeps): void {
  const slackOnly = slackOnlyButtons(deps);
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async (args) => {
    const actionId = args.action.action_id;
    const action = buttonActionOf(actionId);
    if (action) {
      await args.ack();
      const answer = await runButton(action, buttonClickOf(args), deps);
      if (answer) await tellClicker(deps, args, answer);
      return;
    }
    const listener = Object.hasOwn(slackOnly, actionId) ? slackOnly[actionId] : undefined;
    if (listener) return listener(args);
    await args.ack();
    // The id is whatever the sender put there: not logged.
    deps.logger.warn('a click on a button the bot does not have; acked and ignored');
  });
}

/** The App Home's Previous / Next / Refresh, by action_id. */
function slackOnlyButtons(deps: SlackWebDeps): Record<string, ButtonListener> {
  const page = homePage(deps);
  return {
    [HOME_ACTION_IDS.previous]: page,
    [HOME_ACTION_IDS.next]: page,
    [HOME_ACTION_IDS.refresh]: page,
  };
}
