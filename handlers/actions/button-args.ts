import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorMessage } from '../../src/errors';
import type { WebDeps } from '../web-deps';

/** What Bolt hands a button listener. */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

// Alert ids as the alert store issues them; a button value is whatever a client sends.
export { alertIdSchema } from '../../src/alerts/alert-id';

/**
 * Answers the clicker: an ephemeral line in the button's channel, or a line in the app's DM for a
 * click on the App Home (it has no channel). A failure is logged, never thrown.
 */
export function tellClicker(deps: WebDeps, { body, client }: Pick<ButtonArgs, 'body' | 'client'>) {
  return async (text: string): Promise<void> => {
    const channel = body.channel?.id;
    // A click on the App Home has no channel: the answer goes to the app's DM with the clicker.
    if (!channel && body.container?.type !== 'view') return;
    try {
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text });
      else await client.chat.postMessage({ channel: body.user.id, text });
    } catch (err) {
      deps.logger.warn({ err: errorMessage(err) }, 'could not answer the clicker');
    }
  };
}
