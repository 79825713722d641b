import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebDeps } from '../../../handlers/web-deps';
import type { MessageDocument } from '../../../src/chat/message-document';
import { errorMessage } from '../../../src/errors';
import { toSlackMessage } from '../block-kit/to-slack-message';

/** What Bolt hands a button listener. */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Answers the clicker: an ephemeral message in the button's channel, or a message in the app's DM
 * for a click on the App Home (it has no channel). A failure is logged, never thrown.
 */
export async function tellClicker(
  deps: Pick<WebDeps, 'logger'>,
  { body, client }: Pick<ButtonArgs, 'body' | 'client'>,
  answer: MessageDocument,
): Promise<void> {
  const channel = body.channel?.id;
  // A click on the App Home has no channel: the answer goes to the app's DM with the clicker.
  if (!channel && body.container?.type !== 'view') return;
  const { text, blocks } = toSlackMessage(answer);
  // A one-line answer is sent as text alone, as it always was.
  const message = blocks.length > 0 ? { text, blocks } : { text };
  try {
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...message });
    else await client.chat.postMessage({ channel: body.user.id, ...message });
  } catch (err) {
    deps.logger.warn({ err: errorMessage(err) }, 'could not answer the clicker');
  }
}
